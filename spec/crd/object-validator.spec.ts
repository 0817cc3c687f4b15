// Specs for objectValidator: the structural schema run by ajv, with Kubernetes semantics where ajv's differ.
import { expect } from 'chai';
import { formatIssue, type StructuralSchema } from '../../lib/crd/index.js';
import { objectValidator } from '../../lib/crd/object-validator.js';

function issues(spec: StructuralSchema, value: unknown, strict = false): string[] {
  const root: StructuralSchema = { type: 'object', properties: { spec }, required: ['spec'] };
  const object = { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'a' }, spec: value };
  return objectValidator(root, 'example.com/v1', 'Thing').issues(object, strict).map(formatIssue);
}

describe('objectValidator', () => {
  it('should read exclusiveMinimum/Maximum in their OpenAPI v3.0 boolean form', () => {
    const schema: StructuralSchema = { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 10 };
    expect(issues(schema, 0)).to.deep.equal(['spec: must be > 0']);
    expect(issues(schema, 10)).to.deep.equal([]);
  });

  it('should accept null for a nullable enum and a nullable int-or-string', () => {
    expect(issues({ type: 'string', enum: ['a'], nullable: true }, null)).to.deep.equal([]);
    expect(issues({ 'x-kubernetes-int-or-string': true, nullable: true }, null)).to.deep.equal([]);
    expect(issues({ 'x-kubernetes-int-or-string': true }, null)).to.deep.equal(['spec: must be an integer or a string']);
  });

  it('should accept anything under preserve-unknown-fields without a type', () => {
    expect(issues({ 'x-kubernetes-preserve-unknown-fields': true }, [1, { a: 'b' }])).to.deep.equal([]);
  });

  it('should compare set items and map keys by value', () => {
    expect(issues({ type: 'array', items: { type: 'integer' }, 'x-kubernetes-list-type': 'set' }, [1, 2, 1])).to.deep.equal(['spec[2]: duplicate value 1']);
    const map: StructuralSchema = {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name', 'protocol'],
      items: { type: 'object', properties: { name: { type: 'string' }, protocol: { type: 'string' } }, required: ['name', 'protocol'] },
    };
    expect(issues(map, [{ name: 'a', protocol: 'TCP' }, { name: 'a', protocol: 'UDP' }])).to.deep.equal([]);
    expect(issues(map, [{ name: 'a', protocol: 'TCP' }, { protocol: 'TCP', name: 'a' }])).to.deep.equal(['spec[1]: duplicate entry with key name="a", protocol="TCP"']);
  });

  it('should check the string formats the API server checks and ignore the others', () => {
    expect(issues({ type: 'string', format: 'date' }, '2024-02-30x')).to.deep.equal(['spec: must match format "date"']);
    expect(issues({ type: 'string', format: 'byte' }, 'aGVsbG8=')).to.deep.equal([]);
    expect(issues({ type: 'string', format: 'password' }, 'anything')).to.deep.equal([]);
    expect(issues({ type: 'string', format: 'made-up' }, 'anything')).to.deep.equal([]);
  });

  it('should report unknown fields in strict mode except inside maps and preserved objects', () => {
    const schema: StructuralSchema = {
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
      },
    };
    expect(issues(schema, { labels: { x: 'y' }, free: { other: 1 }, typo: 1 }, true)).to.deep.equal(['spec.typo: unknown field']);
  });
});
