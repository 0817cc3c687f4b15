// Specs for compileValidator details not covered through compileSchema.
import { expect } from 'chai';
import { compileValidator, fieldPath } from '../../../lib/server/schema/validate-object.js';

describe('fieldPath', () => {
  it('should join names with dots and indexes with brackets', () => {
    expect(fieldPath(['spec', 'items', 0, 'name'])).to.equal('spec.items[0].name');
    expect(fieldPath([])).to.equal('');
  });
});

describe('compileValidator', () => {
  it('should report only the composite error of a failed anyOf', () => {
    const validator = compileValidator({ type: 'object', properties: { v: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] } } });
    expect(validator.validate({ v: {} }).map((c) => c.message)).to.deep.equal(['Invalid value: map[string]interface {}{}: v in body must validate at least one schema (anyOf)']);
  });

  it('should word minItems with the actual count', () => {
    const validator = compileValidator({ type: 'object', properties: { l: { type: 'array', minItems: 2, items: { type: 'string' } } } });
    expect(validator.validate({ l: ['a'] }).map((c) => c.message)).to.deep.equal(['Invalid value: 1: l in body should have at least 2 items']);
  });

  it('should select the cause type of a rule by its reason', () => {
    const validator = compileValidator({
      type: 'object',
      properties: { s: { type: 'object', properties: { a: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.a > 1', reason: 'FieldValueRequired', message: 'need more' }] } },
    });
    expect(validator.validate({ s: { a: 0 } })).to.deep.equal([{ reason: 'FieldValueRequired', message: 'Required value: need more', field: 's' }]);
  });

  it('should use messageExpression when it evaluates to a string', () => {
    const validator = compileValidator({
      type: 'object',
      properties: { s: { type: 'object', properties: { a: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.a > 1', messageExpression: "'a is ' + string(self.a)" }] } },
    });
    expect(validator.validate({ s: { a: 0 } }).map((c) => c.message)).to.deep.equal(['Invalid value: "object": a is 0']);
  });

  it('should correlate map-list items with their old version for transition rules', () => {
    const validator = compileValidator({
      type: 'object',
      properties: {
        l: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['k'],
          items: { type: 'object', properties: { k: { type: 'string' }, v: { type: 'integer', 'x-kubernetes-validations': [{ rule: 'self >= oldSelf', message: 'may only grow' }] } } },
        },
      },
    });
    const old = { l: [{ k: 'a', v: 5 }, { k: 'b', v: 1 }] };
    expect(validator.validate({ l: [{ k: 'b', v: 2 }, { k: 'a', v: 4 }] }, old).map((c) => `${c.field}: ${c.message}`)).to.deep.equal([
      'l[1].v: Invalid value: "integer": may only grow',
    ]);
  });
});
