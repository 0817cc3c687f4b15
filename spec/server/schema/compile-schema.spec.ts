// Specs for compileSchema: structural check, prune, defaults and validation with the API server's wording.
import { expect } from 'chai';
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import { compileSchema } from '../../../lib/server/schema/compile-schema.js';
import { isSchemaError } from '../../../lib/server/schema/schema-error.js';

const target = { group: 'example.com', kind: 'Widget' };
const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['image'],
      'x-kubernetes-validations': [
        { rule: 'self.minReplicas <= self.replicas', message: 'replicas must be at least minReplicas' },
        { rule: 'self.replicas < 100', reason: 'FieldValueForbidden', fieldPath: '.replicas' },
      ],
      properties: {
        image: { type: 'string', minLength: 3, maxLength: 20, pattern: '^[a-z:0-9.]+$' },
        replicas: { type: 'integer', format: 'int32', minimum: 0, maximum: 200, default: 1 },
        minReplicas: { type: 'integer', default: 0 },
        ratio: { type: 'number', maximum: 1, exclusiveMaximum: true, nullable: true },
        mode: { type: 'string', enum: ['Fast', 'Slow'] },
        port: { 'x-kubernetes-int-or-string': true },
        createdAt: { type: 'string', format: 'date-time' },
        tags: { type: 'array', maxItems: 3, items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } } },
        },
        name: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'Value is immutable' }] },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': false as unknown as undefined },
      },
    },
  },
} as unknown as JSONSchemaProps;
// (the embedded template above deliberately carries an invalid preserve flag only in the structural test below)
const goodSchema = JSON.parse(JSON.stringify(schema)) as { properties: { spec: { properties: Record<string, Record<string, unknown>> } } };
goodSchema.properties.spec.properties['template'] = { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } };
const compiled = compileSchema(goodSchema as unknown as JSONSchemaProps, target);
const valid = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { image: 'nginx:1.27', replicas: 3 } };
// As the server does: defaults first, then validation.
const stored = (spec: Record<string, unknown>) => compiled.applyDefaults({ ...valid, spec: { ...valid.spec, ...spec } });
const causesOf = (spec: Record<string, unknown>, old?: Record<string, unknown>) => compiled.validate(stored(spec), old === undefined ? undefined : stored(old));
const lines = (spec: Record<string, unknown>, old?: Record<string, unknown>) => causesOf(spec, old).map((c) => `${c.field}: ${c.message}`);

describe('compileSchema', () => {
  describe('structural check', () => {
    it('should throw a SchemaError with every problem and its path', () => {
      try {
        compileSchema(schema, target, { fieldPath: 'spec.versions[0].schema.openAPIV3Schema' });
        expect.fail('expected a SchemaError');
      } catch (error) {
        expect(isSchemaError(error)).to.equal(true);
        if (!isSchemaError(error)) return;
        expect(error.causes.map((c) => c.field)).to.deep.equal([
          'spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[template].x-kubernetes-preserve-unknown-fields',
        ]);
        expect(error.message).to.match(/the schema of Widget\.example\.com is not structural/);
      }
    });
  });

  describe('validate', () => {
    it('should accept a valid object', () => {
      expect(compiled.validate(compiled.applyDefaults(valid))).to.deep.equal([]);
    });

    it('should word type errors as the API server does', () => {
      expect(causesOf({ replicas: 'string' })).to.deep.include({
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"',
        field: 'spec.replicas',
      });
    });

    it('should report missing required fields as Required value', () => {
      const causes = compiled.validate({ ...valid, spec: { replicas: 1, minReplicas: 0 } });
      expect(causes).to.deep.include({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.image' });
    });

    it('should report enum violations as Unsupported value with the supported values', () => {
      expect(lines({ mode: 'Medium' })).to.deep.equal(['spec.mode: Unsupported value: "Medium": supported values: "Fast", "Slow"']);
    });

    it('should word bounds, lengths and patterns', () => {
      expect(lines({ replicas: 201 })).to.deep.equal([
        'spec.replicas: Invalid value: 201: spec.replicas in body should be less than or equal to 200',
        'spec.replicas: Forbidden: failed rule: self.replicas < 100',
      ]);
      expect(lines({ replicas: -1, minReplicas: -5 })).to.deep.equal(['spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0']);
      expect(lines({ ratio: 1 })).to.deep.equal(['spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1']);
      expect(lines({ image: 'ab' })).to.deep.equal(['spec.image: Invalid value: "ab": spec.image in body should be at least 3 chars long']);
      expect(lines({ image: 'a'.repeat(21) })).to.deep.equal(['spec.image: Too long: may not be more than 20 bytes']);
      expect(lines({ image: 'NGINX' })).to.deep.equal(["spec.image: Invalid value: \"NGINX\": spec.image in body should match '^[a-z:0-9.]+$'"]);
      expect(lines({ tags: ['a', 'b', 'c', 'd'] })).to.deep.equal(['spec.tags: Too many: 4: must have at most 3 items']);
    });

    it('should accept null for nullable fields and ints or strings for int-or-string', () => {
      expect(lines({ ratio: null, port: 80 })).to.deep.equal([]);
      expect(lines({ port: 'http' })).to.deep.equal([]);
      expect(lines({ port: true })).to.have.length(1);
    });

    it('should validate formats', () => {
      expect(lines({ createdAt: '2024-05-01T10:00:00Z' })).to.deep.equal([]);
      expect(lines({ createdAt: 'yesterday' })).to.deep.equal(['spec.createdAt: Invalid value: "yesterday": spec.createdAt in body must be of type date-time: "yesterday"']);
      expect(lines({ replicas: 3_000_000_000 })).to.include('spec.replicas: Invalid value: 3000000000: spec.replicas in body must be of type int32: "3000000000"');
    });

    it('should report duplicates in set and map lists at the item', () => {
      expect(lines({ tags: ['a', 'b', 'a'] })).to.deep.equal(['spec.tags[2]: Duplicate value: "a"']);
      expect(lines({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] })).to.deep.equal([
        'spec.ports[1]: Duplicate value: map[string]interface {}{"name":"http"}',
      ]);
    });

    it('should name list items in paths', () => {
      expect(lines({ ports: [{ name: 'a' }, { port: 1 }] })).to.deep.equal(['spec.ports[1].name: Required value']);
    });

    it('should evaluate x-kubernetes-validations with message, default message, reason and fieldPath', () => {
      expect(lines({ minReplicas: 5, replicas: 3 })).to.deep.equal(['spec: Invalid value: "object": replicas must be at least minReplicas']);
      expect(lines({ replicas: 150 })).to.deep.equal(['spec.replicas: Forbidden: failed rule: self.replicas < 100']);
    });

    it('should report a rule that fails to evaluate', () => {
      const causes = compiled.validate({ ...valid, spec: { image: 'nginx', replicas: 1 } });
      expect(causes.map((c) => c.message)).to.deep.equal(['Invalid value: "object": no such key: minReplicas evaluating rule: self.minReplicas <= self.replicas']);
    });

    it('should run transition rules only on update', () => {
      expect(lines({ name: 'b' })).to.deep.equal([]);
      expect(lines({ name: 'b' }, { name: 'a' })).to.deep.equal(['spec.name: Invalid value: "string": Value is immutable']);
      expect(lines({ name: 'a' }, { name: 'a' })).to.deep.equal([]);
    });

    it('should ratchet: an unchanged invalid value passes on update, a changed one fails', () => {
      expect(lines({ mode: 'Medium', replicas: 4 }, { mode: 'Medium', replicas: 3 })).to.deep.equal([]);
      expect(lines({ mode: 'Other' }, { mode: 'Medium' })).to.have.length(1);
    });

    it('should require apiVersion and kind of embedded resources', () => {
      expect(lines({ template: { metadata: { name: 'x' } } })).to.deep.equal([
        'spec.template.apiVersion: Required value: must not be empty',
        'spec.template.kind: Required value: must not be empty',
      ]);
      expect(lines({ template: { apiVersion: 'v1', kind: 'Pod', spec: { anything: 1 } } })).to.deep.equal([]);
    });
  });

  describe('prune, unknownFields and applyDefaults', () => {
    it('should prune without touching the input and list the pruned paths', () => {
      const input = { ...valid, spec: { ...valid.spec, bogus: 1 } };
      expect(compiled.unknownFields(input)).to.deep.equal(['spec.bogus']);
      expect(compiled.prune(input)).to.deep.equal(valid);
      expect(input.spec).to.have.property('bogus');
    });

    it('should apply defaults without touching the input', () => {
      const input = { ...valid, spec: { image: 'nginx' } };
      expect(compiled.applyDefaults(input)).to.deep.equal({ ...valid, spec: { image: 'nginx', replicas: 1, minReplicas: 0 } });
      expect(input.spec).to.deep.equal({ image: 'nginx' });
    });
  });

  describe('mergeSchema and unsupported rules', () => {
    it('should expose the list types for server-side apply', () => {
      expect(compiled.mergeSchema.listType(['spec', 'ports'])).to.deep.equal({ type: 'map', keys: ['name'] });
      expect(compiled.mergeSchema.listType(['spec', 'tags'])).to.deep.equal({ type: 'set' });
    });

    it('should list rules outside the CEL subset instead of refusing the schema', () => {
      const withTimestamp = { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-validations': [{ rule: "self.a?.b == 1" }], properties: { a: { type: 'object', properties: { b: { type: 'integer' } } } } } } } as unknown as JSONSchemaProps;
      expect(compileSchema(withTimestamp, target).unsupportedRules).to.deep.equal(['self.a?.b == 1']);
    });
  });
});
