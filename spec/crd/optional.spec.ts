// Specs for optional: nullable for ajv's JSONSchemaType, dropped again in the CRD.
import { expect } from 'chai';
import { intOrString, optional, toStructural, type IntOrString, type JSONSchemaType } from '../../lib/crd/index.js';

describe('optional', () => {
  it('should add nullable, which the CRD drops for a property outside required', () => {
    const schema: JSONSchemaType<{ port?: IntOrString }> = { type: 'object', properties: { port: optional(intOrString()) } };
    expect(schema.properties?.port).to.include({ nullable: true });
    expect(toStructural(schema)).to.deep.equal({ type: 'object', properties: { port: { 'x-kubernetes-int-or-string': true } } });
  });
});
