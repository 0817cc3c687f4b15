// Specs for structuralIssues: the apiextensions structural-schema rules, with the API server's own wording.
import { expect } from 'chai';
import { structuralIssues, type StructuralSchema } from '../../lib/crd/index.js';

const messages = (schema: StructuralSchema, root = false): string[] => structuralIssues(schema, { root }).map((i) => `${i.path}: ${i.message}`);

describe('structuralIssues', () => {
  it('should find nothing wrong in a structural schema', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: {
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        free: { 'x-kubernetes-preserve-unknown-fields': true },
        pod: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
        tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
      },
      anyOf: [{ required: ['port'] }, { required: ['free'] }],
    };
    expect(messages(schema)).to.deep.equal([]);
  });

  it('should require a type for every specified field', () => {
    expect(messages({ type: 'object', properties: { a: {} } })).to.deep.equal(['a: must not be empty for specified object fields and arrays']);
  });

  it('should refuse the keywords a CRD forbids', () => {
    expect(messages({ type: 'array', items: { type: 'string' }, uniqueItems: true })).to.deep.equal(['<root>: uniqueItems cannot be set to true since the runtime complexity becomes quadratic']);
    expect(messages({ type: 'object', additionalProperties: false })).to.deep.equal(['<root>: additionalProperties cannot be set to false']);
    expect(messages({ type: 'object', $ref: '#/definitions/a' })).to.deep.equal(['<root>: $ref is not supported']);
    expect(messages({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } })).to.deep.equal(['<root>: additionalProperties and properties are mutual exclusive']);
  });

  it('should refuse types, defaults and new fields under junctors', () => {
    expect(messages({ type: 'object', properties: { a: { type: 'string' } }, oneOf: [{ type: 'object' }, { properties: { b: { enum: ['x'] } } }] })).to.deep.equal([
      '<root>: must be empty inside oneOf[0] to be structural',
      'b: is specified inside oneOf[1] but not outside it',
    ]);
  });

  it('should check the extension invariants', () => {
    expect(messages({ type: 'object', 'x-kubernetes-embedded-resource': true })).to.deep.equal(['<root>: must be true if x-kubernetes-embedded-resource is true']);
    expect(messages({ 'x-kubernetes-int-or-string': true, 'x-kubernetes-preserve-unknown-fields': true })).to.deep.equal(['<root>: must be false if x-kubernetes-int-or-string is true']);
    expect(messages({ type: 'string', 'x-kubernetes-list-type': 'set' })).to.deep.equal(['<root>: type must be array if x-kubernetes-list-type is specified']);
  });

  it('should check map lists', () => {
    const schema: StructuralSchema = {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name', 'nope'],
      items: { type: 'object', properties: { name: { type: 'string', nullable: true } } },
    };
    expect(messages(schema)).to.deep.equal([
      '[*].name: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
      '[*].name: this property is in x-kubernetes-list-map-keys, so it cannot be nullable',
      '<root>: entries must all be names of item properties ("nope" is not)',
    ]);
  });

  it('should check the root of a CRD schema', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: { kind: { type: 'string', default: 'X' }, metadata: { type: 'object', properties: { labels: { type: 'object' } } } },
    };
    expect(messages(schema, true)).to.deep.equal(['kind: must not be set in top-level kind', 'metadata.labels: only name and generateName may be restricted in metadata']);
    expect(messages({ type: 'array', items: { type: 'string' } }, true)).to.deep.equal(['<root>: must be object at the root']);
  });
});
