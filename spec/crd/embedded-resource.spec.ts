// Specs for embeddedResource: a whole Kubernetes object inside a custom resource.
import { expect } from 'chai';
import { embeddedResource, toStructural } from '../../lib/crd/index.js';

describe('embeddedResource', () => {
  it('should be an object marked embedded that preserves unknown fields', () => {
    expect(toStructural(embeddedResource())).to.deep.equal({
      type: 'object',
      'x-kubernetes-embedded-resource': true,
      'x-kubernetes-preserve-unknown-fields': true,
    });
  });
});
