// Specs for the translation of CRD schemas to ajv schemas.
import { expect } from 'chai';
import { toAjvSchema } from '../../../lib/server/schema/to-ajv-schema.js';

describe('toAjvSchema', () => {
  it('should translate nullable, int-or-string and draft-04 exclusive bounds', () => {
    expect(toAjvSchema({ type: 'string', nullable: true, enum: ['a'] })).to.deep.equal({ type: ['string', 'null'], enum: ['a', null] });
    expect(toAjvSchema({ 'x-kubernetes-int-or-string': true })).to.deep.equal({ type: ['integer', 'string'] });
    expect(toAjvSchema({ type: 'number', maximum: 5, exclusiveMaximum: true, minimum: 1 })).to.deep.equal({ type: 'number', exclusiveMaximum: 5, minimum: 1 });
  });

  it('should drop unknown formats, uncompilable patterns, defaults and extensions', () => {
    expect(toAjvSchema({ type: 'string', format: 'color', pattern: '(?<', default: 'x', description: 'd', 'x-kubernetes-validations': [] })).to.deep.equal({ type: 'string' });
    expect(toAjvSchema({ type: 'string', format: 'date-time' })).to.deep.equal({ type: 'string', format: 'date-time' });
  });

  it('should translate nested properties, items, maps and junctors', () => {
    const converted = toAjvSchema({
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'array', items: { type: 'integer' } }, m: { type: 'object', additionalProperties: { type: 'string' } } },
      anyOf: [{ required: ['a'] }],
    });
    expect(converted).to.deep.equal({
      type: 'object',
      properties: { a: { type: 'array', items: { type: 'integer' } }, m: { type: 'object', additionalProperties: { type: 'string' } } },
      required: ['a'],
      anyOf: [{ required: ['a'] }],
    });
  });
});
