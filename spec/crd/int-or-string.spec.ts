// Specs for intOrString: the JSONSchemaType that becomes x-kubernetes-int-or-string.
import { expect } from 'chai';
import { intOrString, toStructural } from '../../lib/crd/index.js';

describe('intOrString', () => {
  it('should become x-kubernetes-int-or-string with its validations', () => {
    expect(toStructural(intOrString({ description: 'port', maximum: 65535 }))).to.deep.equal({ 'x-kubernetes-int-or-string': true, description: 'port', maximum: 65535 });
  });
});
