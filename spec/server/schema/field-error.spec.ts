// Specs for field errors worded as apimachinery's field.Error.
import { expect } from 'chai';
import { duplicate, fieldError, forbidden, invalid, notSupported, renderValue, required, tooLong, tooMany } from '../../../lib/server/schema/field-error.js';

describe('fieldError', () => {
  it('should word each error type as ErrorBody does', () => {
    expect(invalid('spec.x', 'v', 'bad')).to.deep.equal({ reason: 'FieldValueInvalid', message: 'Invalid value: "v": bad', field: 'spec.x' });
    expect(required('spec.x')).to.deep.equal({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.x' });
    expect(required('spec.x', 'must not be empty').message).to.equal('Required value: must not be empty');
    expect(forbidden('spec.x', 'nope').message).to.equal('Forbidden: nope');
    expect(notSupported('spec.x', 'c', ['a', 'b']).message).to.equal('Unsupported value: "c": supported values: "a", "b"');
    expect(duplicate('spec.x[1]', 3).message).to.equal('Duplicate value: 3');
    expect(tooLong('spec.x', 5).message).to.equal('Too long: may not be more than 5 bytes');
    expect(tooMany('spec.x', 4, 3).message).to.equal('Too many: 4: must have at most 3 items');
    expect(fieldError('InternalError', 'x', 1, 'boom').message).to.equal('Internal error: boom');
  });
});

describe('renderValue', () => {
  it('should render values as Go prints them in 1.27-1.33', () => {
    expect(renderValue('a')).to.equal('"a"');
    expect(renderValue(1.5)).to.equal('1.5');
    expect(renderValue(false)).to.equal('false');
    expect(renderValue(null)).to.equal('null');
    expect(renderValue({ b: 1, a: 'x' })).to.equal('map[string]interface {}{"a":"x", "b":1}');
    expect(renderValue(['a', 1])).to.equal('[]interface {}{"a", 1}');
  });
});
