// Specs for rule(): the CEL rule builder and the checks every x-kubernetes-validations entry goes through.
import { expect } from 'chai';
import { CrdError } from '../../lib/crd/crd-error.js';
import { CelRule, normalizeRule, rule } from '../../lib/crd/rule.js';

describe('rule', () => {
  it('should build a plain ValidationRule', () => {
    const built = rule('self.a <= self.b').message('a must not exceed b').reason('FieldValueForbidden').fieldPath('.a');
    expect(built).to.be.instanceOf(CelRule);
    expect(built.toJSON()).to.deep.equal({ rule: 'self.a <= self.b', message: 'a must not exceed b', reason: 'FieldValueForbidden', fieldPath: '.a' });
  });

  it('should be immutable', () => {
    const base = rule('self > 0');
    base.message('positive');
    expect(base.toJSON()).to.deep.equal({ rule: 'self > 0' });
  });

  it('should serialize to JSON as the plain rule', () => {
    expect(JSON.parse(JSON.stringify({ r: rule('self == oldSelf').messageExpression('"was " + oldSelf').optionalOldSelf() }))).to.deep.equal({
      r: { rule: 'self == oldSelf', messageExpression: '"was " + oldSelf', optionalOldSelf: true },
    });
  });
});

describe('normalizeRule', () => {
  const refused = (value: unknown): string => {
    try {
      normalizeRule(value, 'validations[0]');
    } catch (error) {
      expect(error).to.be.instanceOf(CrdError);
      return (error as CrdError).message;
    }
    return expect.fail('expected a CrdError');
  };

  it('should accept builders and plain objects alike', () => {
    expect(normalizeRule(rule('self > 0'), 'x')).to.deep.equal({ rule: 'self > 0' });
    expect(normalizeRule({ rule: 'self > 0', reason: 'FieldValueRequired', fieldPath: "['a.b']" }, 'x')).to.deep.equal({ rule: 'self > 0', reason: 'FieldValueRequired', fieldPath: "['a.b']" });
  });

  it('should refuse what apiextensions refuses', () => {
    expect(refused({ rule: ' ' })).to.equal('validations[0].rule: must be a non-empty CEL expression');
    expect(refused({ rule: 'true', message: '' })).to.equal('validations[0].message: must be non-empty if specified');
    expect(refused({ rule: 'true', message: 'a\nb' })).to.equal('validations[0].message: must not contain line breaks');
    expect(refused({ rule: 'true', reason: 'Nope' })).to.match(/^validations\[0\]\.reason: must be one of "FieldValueInvalid"/);
    expect(refused({ rule: 'true', fieldPath: 'spec.a' })).to.match(/^validations\[0\]\.fieldPath: "spec\.a" is not a field path/);
    expect(refused({ rule: 'true', severity: 'high' })).to.equal('validations[0]: unknown field "severity" in a validation rule');
    expect(refused('self > 0')).to.match(/must be an object/);
  });
});
