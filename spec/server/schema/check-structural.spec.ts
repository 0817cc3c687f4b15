// Specs for structuralProblems against apiextensions-apiserver's structural schema rules.
import { expect } from 'chai';
import { structuralProblems } from '../../../lib/server/schema/check-structural.js';
import type { StructuralSchema } from '../../../lib/server/schema/structural-schema.js';

const messages = (schema: StructuralSchema) => structuralProblems(schema).map((c) => `${c.field}: ${c.message}`);

describe('structuralProblems', () => {
  it('should accept the CronTab schema of the Kubernetes CRD tutorial', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: { cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' }, image: { type: 'string' }, replicas: { type: 'integer', minimum: 1, maximum: 10 } },
        },
      },
    };
    expect(structuralProblems(schema)).to.deep.equal([]);
  });

  it('should require a type everywhere in the structural part', () => {
    expect(messages({ properties: { spec: { properties: { items: { type: 'array', items: {} } } } } })).to.deep.equal([
      'openAPIV3Schema.type: Required value: must not be empty at the root',
      'openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
      'openAPIV3Schema.properties[spec].properties[items].items.type: Required value: must not be empty for specified array items',
    ]);
  });

  it('should allow an empty type with x-kubernetes-preserve-unknown-fields or x-kubernetes-int-or-string', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: {
        raw: { 'x-kubernetes-preserve-unknown-fields': true },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
      },
    };
    expect(structuralProblems(schema)).to.deep.equal([]);
  });

  it('should require the root to be an object and x-kubernetes-preserve-unknown-fields to be true or absent', () => {
    expect(messages({ type: 'string' })).to.deep.equal(['openAPIV3Schema.type: Invalid value: "string": must be object at the root']);
    expect(messages({ type: 'object', 'x-kubernetes-preserve-unknown-fields': false })).to.deep.equal([
      'openAPIV3Schema.x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined',
    ]);
  });

  it('should refuse additionalProperties with properties, and additionalProperties false', () => {
    expect(messages({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } })).to.deep.equal([
      'openAPIV3Schema.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive',
    ]);
    expect(messages({ type: 'object', additionalProperties: false })).to.deep.equal(['openAPIV3Schema.additionalProperties: Forbidden: additionalProperties cannot be set to false']);
  });

  it('should refuse a type on x-kubernetes-int-or-string and a non-object embedded resource', () => {
    expect(messages({ type: 'object', properties: { p: { type: 'string', 'x-kubernetes-int-or-string': true } } })).to.deep.equal([
      'openAPIV3Schema.properties[p].type: Invalid value: "string": must be empty if x-kubernetes-int-or-string is true',
    ]);
    expect(messages({ type: 'object', properties: { e: { 'x-kubernetes-embedded-resource': true } } })).to.deep.equal([
      'openAPIV3Schema.properties[e].type: Required value: must be object if x-kubernetes-embedded-resource is true',
    ]);
  });

  it('should refuse types, defaults and unspecified fields inside logical junctors', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: { spec: { type: 'object', properties: { a: { type: 'string' } }, anyOf: [{ type: 'object', properties: { b: { default: 'x' } } }] } },
    };
    expect(messages(schema)).to.deep.equal([
      'openAPIV3Schema.properties[spec].anyOf[0].type: Forbidden: must be empty to be structural',
      'openAPIV3Schema.properties[spec].anyOf[0].properties[b].default: Forbidden: must be undefined to be structural',
      'openAPIV3Schema.properties[spec].properties[b]: Required value: because it appears in openAPIV3Schema.properties[spec].anyOf[0].properties[b]',
    ]);
  });

  it('should allow junctors that only constrain specified fields', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: { spec: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, oneOf: [{ required: ['a'] }, { required: ['b'] }] } },
    };
    expect(structuralProblems(schema)).to.deep.equal([]);
  });

  it('should restrict root metadata to name and generateName', () => {
    expect(messages({ type: 'object', properties: { metadata: { type: 'object', properties: { labels: { type: 'object' } } } } })).to.deep.equal([
      'openAPIV3Schema.properties[metadata].properties: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified',
    ]);
    expect(structuralProblems({ type: 'object', properties: { metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 20 } } } } })).to.deep.equal([]);
  });

  it('should check list types and map keys', () => {
    expect(messages({ type: 'object', properties: { l: { type: 'array', items: { type: 'object', properties: { n: { type: 'string' } } }, 'x-kubernetes-list-type': 'map' } } })).to.deep.equal([
      'openAPIV3Schema.properties[l].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map',
    ]);
    expect(messages({ type: 'object', properties: { l: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'bag' } } })).to.deep.equal([
      'openAPIV3Schema.properties[l].x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map"',
    ]);
    expect(messages({ type: 'object', properties: { l: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-map-keys': ['a'] } } })).to.deep.equal([
      'openAPIV3Schema.properties[l].x-kubernetes-list-map-keys: Forbidden: must only be set if x-kubernetes-list-type is map',
    ]);
  });

  it('should require items on arrays and refuse uniqueItems', () => {
    expect(messages({ type: 'object', properties: { l: { type: 'array', uniqueItems: true } } })).to.deep.equal([
      'openAPIV3Schema.properties[l].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
      'openAPIV3Schema.properties[l].items: Required value: must be specified',
    ]);
  });

  it('should root paths where the caller says', () => {
    const [problem] = structuralProblems({}, 'spec.versions[0].schema.openAPIV3Schema');
    expect(problem?.field).to.equal('spec.versions[0].schema.openAPIV3Schema.type');
    expect(problem?.reason).to.equal('FieldValueRequired');
  });
});
