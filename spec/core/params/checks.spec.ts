// Checks the shared params checks: integer ranges, field managers and enumerations.
import { expect } from 'chai';
import { checkFieldManager, checkInteger, checkOneOf } from '../../../lib/core/params/checks.js';
import { requestBuildError } from '../../helpers/errors.js';

describe('checkInteger', () => {
  it('should accept undefined and integers in range', () => {
    expect(() => checkInteger('X.n', undefined, 0)).to.not.throw();
    expect(() => checkInteger('X.n', 0, 0)).to.not.throw();
    expect(() => checkInteger('X.n', 10, 1, 10)).to.not.throw();
  });

  it('should name the field and the range', () => {
    const error = requestBuildError(() => checkInteger('X.n', 11, 1, 10));
    expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'X.n']);
    expect(error.message).to.equal('X.n: must be an integer from 1 to 10, got 11');
    expect(requestBuildError(() => checkInteger('X.n', -1, 0)).message).to.equal('X.n: must be an integer >= 0, got -1');
  });

  it('should refuse fractions, NaN and infinities', () => {
    for (const value of [0.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(requestBuildError(() => checkInteger('X.n', value, 0)).field).to.equal('X.n');
  });
});

describe('checkFieldManager', () => {
  it('should accept undefined and the empty string (unset)', () => {
    expect(() => checkFieldManager('X.fm', undefined)).to.not.throw();
    expect(() => checkFieldManager('X.fm', '')).to.not.throw();
  });

  it('should say where the non-printable character is', () => {
    expect(requestBuildError(() => checkFieldManager('X.fm', 'ab\ncd')).message).to.equal('X.fm: has the non-printable character U+000A at 2');
  });

  it('should count a 4-byte character as 4 bytes', () => {
    expect(() => checkFieldManager('X.fm', '😀'.repeat(32))).to.not.throw();
    expect(requestBuildError(() => checkFieldManager('X.fm', `a${'😀'.repeat(32)}`)).message).to.include('got 129');
  });
});

describe('checkOneOf', () => {
  it('should accept undefined and allowed values', () => {
    expect(() => checkOneOf('X.v', undefined, ['A'])).to.not.throw();
    expect(() => checkOneOf('X.v', 'A', ['A', 'B'])).to.not.throw();
  });

  it('should list the allowed values', () => {
    expect(requestBuildError(() => checkOneOf('X.v', 'C', ['A', 'B'])).message).to.equal('X.v: must be one of "A", "B", got "C"');
  });
});
