// Specs for toStructural: ajv-isms fixed into Kubernetes structural form, the rest refused with the field named.
import { expect } from 'chai';
import { isCrdError, rule, toStructural, type CrdError } from '../../lib/crd/index.js';

function refused(schema: unknown, path = 'spec'): CrdError {
  try {
    toStructural(schema, path);
  } catch (error) {
    expect(isCrdError(error), String(error)).to.equal(true);
    return error as CrdError;
  }
  expect.fail('expected a CrdError');
}

const object = (properties: Record<string, unknown>, required: string[] = []): Record<string, unknown> => ({ type: 'object', properties, required });

describe('toStructural', () => {
  describe('nullable', () => {
    it('should drop nullable on a property outside required', () => {
      expect(toStructural(object({ a: { type: 'string', nullable: true } }))).to.deep.equal({ type: 'object', properties: { a: { type: 'string' } } });
    });

    it('should keep nullable on a required property', () => {
      expect(toStructural(object({ a: { type: 'string', nullable: true } }, ['a']))).to.deep.equal({
        type: 'object',
        properties: { a: { type: 'string', nullable: true } },
        required: ['a'],
      });
    });

    it('should turn a null in a type list into nullable', () => {
      expect(toStructural(object({ a: { type: ['integer', 'null'] } }, ['a'])).properties?.['a']).to.deep.equal({ type: 'integer', nullable: true });
    });

    it('should refuse type null alone', () => {
      expect(refused({ type: 'null' }).message).to.equal('spec: type cannot be null alone; use nullable');
    });
  });

  describe('int-or-string', () => {
    const expected = { 'x-kubernetes-int-or-string': true };

    it('should translate a type list of integer and string', () => {
      expect(toStructural({ type: ['integer', 'string'] })).to.deep.equal(expected);
      expect(toStructural({ type: ['string', 'integer'] })).to.deep.equal(expected);
    });

    it('should translate anyOf and oneOf of integer and string', () => {
      expect(toStructural({ anyOf: [{ type: 'integer' }, { type: 'string' }] })).to.deep.equal(expected);
      expect(toStructural({ oneOf: [{ type: 'string' }, { type: 'integer' }] })).to.deep.equal(expected);
    });

    it('should keep the marker, descriptions and string validations', () => {
      expect(toStructural({ type: ['integer', 'string'], 'x-kubernetes-int-or-string': true, description: 'a port', pattern: '^[a-z]+$' })).to.deep.equal({
        'x-kubernetes-int-or-string': true,
        description: 'a port',
        pattern: '^[a-z]+$',
      });
    });

    it('should refuse number or string with a hint', () => {
      expect(refused({ type: ['number', 'string'] }).message).to.equal('spec: a field must have one type, not number or string (for an integer or a string use intOrString())');
    });

    it('should refuse int-or-string together with preserve-unknown-fields', () => {
      expect(refused({ 'x-kubernetes-int-or-string': true, 'x-kubernetes-preserve-unknown-fields': true }).message).to.equal(
        'spec: x-kubernetes-preserve-unknown-fields must be false if x-kubernetes-int-or-string is true',
      );
    });
  });

  describe('objects and maps', () => {
    it('should drop additionalProperties: false and empty required lists', () => {
      expect(toStructural({ ...object({ a: { type: 'string' } }), additionalProperties: false })).to.deep.equal({ type: 'object', properties: { a: { type: 'string' } } });
    });

    it('should turn additionalProperties: true into preserve-unknown-fields', () => {
      expect(toStructural({ type: 'object', additionalProperties: true })).to.deep.equal({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    });

    it('should keep a typed map', () => {
      expect(toStructural({ type: 'object', additionalProperties: { type: 'integer' }, required: [] })).to.deep.equal({ type: 'object', additionalProperties: { type: 'integer' } });
    });

    it('should refuse properties next to a typed additionalProperties', () => {
      const error = refused({ type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } }, additionalProperties: { type: 'string' } } } });
      expect(error.path).to.equal('spec.a');
      expect(error.message).to.match(/additionalProperties and properties are mutually exclusive/);
    });

    it('should infer type object from properties', () => {
      expect(toStructural({ properties: { a: { type: 'boolean' } } })).to.deep.equal({ type: 'object', properties: { a: { type: 'boolean' } } });
    });

    it('should refuse a field without a type, naming it', () => {
      const error = refused(object({ a: object({ b: { description: 'what is it?' } }) }));
      expect(error.reason).to.equal('NonStructuralSchema');
      expect(error.path).to.equal('spec.a.b');
    });

    it('should accept the boolean schema true as free-form data', () => {
      expect(toStructural(object({ a: true })).properties?.['a']).to.deep.equal({ 'x-kubernetes-preserve-unknown-fields': true });
    });

    it('should name odd keys in brackets', () => {
      expect(refused(object({ 'app.kubernetes.io/name': { patternProperties: {} } })).path).to.equal('spec[app.kubernetes.io/name]');
    });
  });

  describe('numbers and enums', () => {
    it('should turn const into a one-value enum', () => {
      expect(toStructural({ type: 'string', const: 'x' })).to.deep.equal({ type: 'string', enum: ['x'] });
    });

    it('should turn a numeric exclusiveMinimum/Maximum into the OpenAPI v3.0 boolean form', () => {
      expect(toStructural({ type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 })).to.deep.equal({
        type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true,
      });
    });

    it('should keep the stricter of minimum and exclusiveMinimum', () => {
      expect(toStructural({ type: 'number', minimum: 5, exclusiveMinimum: 1 })).to.deep.equal({ type: 'number', minimum: 5 });
      expect(toStructural({ type: 'number', minimum: 1, exclusiveMinimum: 5 })).to.deep.equal({ type: 'number', minimum: 5, exclusiveMinimum: true });
    });

    it('should merge anyOf of string consts into one enum', () => {
      expect(toStructural({ anyOf: [{ type: 'string', const: 'a' }, { type: 'string', enum: ['b', 'c'] }] })).to.deep.equal({ type: 'string', enum: ['a', 'b', 'c'] });
    });

    it('should turn a null branch of a union into nullable', () => {
      expect(toStructural({ oneOf: [{ type: 'string', enum: ['a'] }, { type: 'null' }] })).to.deep.equal({ type: 'string', enum: ['a'], nullable: true });
    });

    it('should refuse a union of different types', () => {
      expect(refused({ anyOf: [{ type: 'string' }, { type: 'object', properties: {} }] }).message).to.match(/^spec: anyOf mixes the types string, object/);
    });
  });

  describe('arrays', () => {
    it('should turn uniqueItems on scalars into a set list', () => {
      expect(toStructural({ type: 'array', items: { type: 'string' }, uniqueItems: true })).to.deep.equal({ type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' });
    });

    it('should refuse uniqueItems on objects', () => {
      expect(refused({ type: 'array', items: object({ a: { type: 'string' } }), uniqueItems: true }).message).to.match(/^spec: uniqueItems is forbidden in a CRD/);
    });

    it('should refuse tuples and arrays without items', () => {
      expect(refused({ type: 'array', items: [{ type: 'string' }] }).message).to.match(/tuples cannot be expressed/);
      expect(refused({ type: 'array' }).message).to.match(/must declare its items/);
    });

    it('should name the items path of an error inside a list', () => {
      expect(refused({ type: 'array', items: object({ x: { type: ['string', 'boolean'] } }) }).path).to.equal('spec[*].x');
    });

    it('should refuse a map list whose key is neither required nor defaulted', () => {
      const error = refused({ type: 'array', items: object({ name: { type: 'string' } }), 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] });
      expect(error.message).to.equal('spec[*].name: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property');
    });

    it('should refuse a set of objects that are not atomic', () => {
      const error = refused({ type: 'array', items: object({ a: { type: 'string' } }), 'x-kubernetes-list-type': 'set' });
      expect(error.path).to.equal('spec[*]');
    });
  });

  describe('references and keywords', () => {
    it('should inline local $refs with their sibling keywords', () => {
      const schema = { type: 'object', definitions: { name: { type: 'string', maxLength: 5 } }, properties: { a: { $ref: '#/definitions/name', description: 'A' } }, required: ['a'] };
      expect(toStructural(schema)).to.deep.equal({ type: 'object', properties: { a: { type: 'string', maxLength: 5, description: 'A' } }, required: ['a'] });
    });

    it('should refuse a recursive $ref, naming where it recurs', () => {
      const schema = { $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } }, $ref: '#/$defs/node' };
      const error = refused(schema);
      expect(error.path).to.equal('spec.child');
      expect(error.message).to.match(/is recursive/);
    });

    it('should refuse a $ref outside the document', () => {
      expect(refused({ $ref: 'https://example.com/schema.json' }).message).to.match(/is not local/);
    });

    it('should drop $id, $schema and $comment', () => {
      expect(toStructural({ $id: 'x', $schema: 'http://json-schema.org/draft-07/schema#', $comment: 'c', type: 'boolean' })).to.deep.equal({ type: 'boolean' });
    });

    it('should refuse keywords Kubernetes lacks, with the alternative', () => {
      expect(refused({ type: 'object', patternProperties: { '^a': { type: 'string' } } }).message).to.equal('spec: patternProperties is not supported by Kubernetes; use additionalProperties for a map');
      expect(refused({ type: 'object', if: {}, then: {} }).message).to.match(/if\/then\/else is not supported by Kubernetes; use a CEL rule/);
      expect(refused({ type: 'string', frobnicate: true }).message).to.equal('spec: unknown schema keyword "frobnicate"');
    });
  });

  describe('junctors', () => {
    it('should hoist the properties of a oneOf of objects and keep only value validations inside', () => {
      const schema = {
        oneOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] },
        ],
      };
      expect(toStructural(schema)).to.deep.equal({
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'integer' } },
        oneOf: [{ required: ['a'] }, { required: ['b'] }],
      });
    });

    it('should refuse a property with different schemas in two branches', () => {
      const schema = { anyOf: [object({ a: { type: 'string' } }, ['a']), object({ a: { type: 'integer' } }, ['a'])] };
      expect(refused(schema).path).to.equal('spec.a');
    });

    it('should merge an allOf of objects', () => {
      const schema = { allOf: [object({ a: { type: 'string' } }, ['a']), object({ b: { type: 'string', nullable: true } })] };
      expect(toStructural(schema)).to.deep.equal({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'] });
    });

    it('should keep value validations under a typed node and drop descriptions there', () => {
      const schema = { ...object({ a: { type: 'string' }, b: { type: 'string' } }), anyOf: [{ required: ['a'], description: 'has a' }, { type: 'object', required: ['b'] }] };
      expect(toStructural(schema)).to.deep.equal({
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'string' } },
        anyOf: [{ required: ['a'] }, { required: ['b'] }],
      });
    });

    it('should refuse a junctor that changes the type or declares new fields', () => {
      expect(refused({ type: 'object', properties: {}, not: { type: 'string' } }).message).to.match(/^spec: not may not set type "string"/);
      expect(refused({ ...object({ a: { type: 'string' } }), anyOf: [{ properties: { c: { type: 'string' } } }] }).path).to.equal('spec.c');
      expect(refused({ ...object({ a: { type: 'string' } }), allOf: [{ default: {} }] }).message).to.match(/allOf\[0\] may not set default/);
    });
  });

  describe('extensions', () => {
    it('should give an embedded resource the preserve-unknown-fields it requires', () => {
      expect(toStructural({ type: 'object', 'x-kubernetes-embedded-resource': true })).to.deep.equal({
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
        'x-kubernetes-embedded-resource': true,
      });
    });

    it('should refuse an embedded resource that is not an object', () => {
      expect(refused({ type: 'string', 'x-kubernetes-embedded-resource': true }).message).to.equal('spec: type must be object if x-kubernetes-embedded-resource is true');
    });

    it('should carry CEL rules from builders and plain objects', () => {
      const schema = { ...object({ min: { type: 'integer' }, max: { type: 'integer' } }), 'x-kubernetes-validations': [rule('self.min <= self.max').fieldPath('.min'), { rule: 'self.max < 100', message: 'too big' }] };
      expect(toStructural(schema)['x-kubernetes-validations']).to.deep.equal([
        { rule: 'self.min <= self.max', fieldPath: '.min' },
        { rule: 'self.max < 100', message: 'too big' },
      ]);
    });

    it('should refuse a rule whose fieldPath is not a field of the node', () => {
      const schema = { ...object({ min: { type: 'integer' } }), 'x-kubernetes-validations': [rule('self.min > 0').fieldPath('.mni')] };
      expect(refused(schema).message).to.equal('spec.x-kubernetes-validations[0].fieldPath: ".mni" does not refer to a field of this node');
    });

    it('should refuse x-kubernetes-preserve-unknown-fields set to something other than a boolean', () => {
      expect(refused({ type: 'object', 'x-kubernetes-preserve-unknown-fields': 'yes' }).message).to.equal('spec: x-kubernetes-preserve-unknown-fields must be true or undefined');
    });
  });
});
