// Specs for field errors worded as apimachinery's field.Error.
import { expect } from 'chai';
import {
  fieldDuplicate,
  fieldError,
  fieldErrorBody,
  fieldErrorCause,
  fieldErrorFromCause,
  fieldForbidden,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  fieldTooLong,
  fieldTooMany,
  formatFieldError,
  goStringMap,
  goStringSlice,
  renderValue,
} from '../../../lib/server/errors/field-error.js';

describe('fieldErrorCause', () => {
  it('should word each error type as ErrorBody does', () => {
    expect(fieldErrorCause(fieldInvalid('spec.x', 'v', 'bad'))).to.deep.equal({ reason: 'FieldValueInvalid', message: 'Invalid value: "v": bad', field: 'spec.x' });
    expect(fieldErrorCause(fieldRequired('spec.x'))).to.deep.equal({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.x' });
    expect(fieldErrorBody(fieldRequired('spec.x', 'must not be empty'))).to.equal('Required value: must not be empty');
    expect(fieldErrorBody(fieldForbidden('spec.x', 'nope'))).to.equal('Forbidden: nope');
    expect(fieldErrorBody(fieldNotSupported('spec.x', 'c', ['a', 'b']))).to.equal('Unsupported value: "c": supported values: "a", "b"');
    expect(fieldErrorBody(fieldNotSupported('spec.x', 'c', []))).to.equal('Unsupported value: "c"');
    expect(fieldErrorBody(fieldDuplicate('spec.x[1]', 3))).to.equal('Duplicate value: 3');
    expect(fieldErrorBody(fieldTooLong('spec.x', 5))).to.equal('Too long: may not be more than 5 bytes');
    expect(fieldErrorBody(fieldTooMany('spec.x', 4, 3))).to.equal('Too many: 4: must have at most 3 items');
    expect(fieldErrorBody(fieldError('InternalError', 'x', 1, 'boom'))).to.equal('Internal error: boom');
  });

  it('should show a missing value of a value-showing type as "null"', () => {
    expect(fieldErrorBody({ type: 'FieldValueInvalid', field: 'x', detail: 'bad' })).to.equal('Invalid value: "null": bad');
  });
});

describe('formatFieldError', () => {
  it('should prefix the field, as in a Status message', () => {
    expect(formatFieldError(fieldRequired('metadata.name'))).to.equal('metadata.name: Required value');
    expect(formatFieldError(fieldInvalid('', 'x', 'bad'))).to.equal('Invalid value: "x": bad');
  });
});

describe('fieldErrorFromCause', () => {
  it('should give back the cause it came from', () => {
    const cause = fieldErrorCause(fieldInvalid('spec.replicas', 'string', 'spec.replicas in body must be of type integer: "string"'));
    expect(fieldErrorCause(fieldErrorFromCause(cause))).to.deep.equal(cause);
    expect(formatFieldError(fieldErrorFromCause(cause))).to.equal('spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"');
  });
});

describe('renderValue', () => {
  it('should render values as Go prints them in 1.27-1.33', () => {
    expect(renderValue('a')).to.equal('"a"');
    expect(renderValue(1.5)).to.equal('1.5');
    expect(renderValue(false)).to.equal('false');
    expect(renderValue({ b: 1, a: 'x' })).to.equal('map[string]interface {}{"a":"x", "b":1}');
    expect(renderValue(['a', 1])).to.equal('[]interface {}{"a", 1}');
  });

  it('should render a nil value as the quoted string "null"', () => {
    // ErrorBody replaces a nil BadValue with the string "null", then prints it with %q.
    expect(renderValue(null)).to.equal('"null"');
    expect(renderValue(undefined)).to.equal('"null"');
  });

  it('should render nested values with %#v', () => {
    expect(renderValue({ a: null, l: [{ k: true }], m: {} })).to.equal(
      'map[string]interface {}{"a":interface {}(nil), "l":[]interface {}{map[string]interface {}{"k":true}}, "m":map[string]interface {}{}}',
    );
  });
});

describe('goStringSlice', () => {
  it('should render a []string as %#v does', () => {
    expect(goStringSlice(['orphan', 'foregroundDeletion'])).to.equal('[]string{"orphan", "foregroundDeletion"}');
    expect(goStringSlice([])).to.equal('[]string{}');
  });
});

describe('goStringMap', () => {
  it('should render a map[string]string as %#v does, keys sorted', () => {
    expect(goStringMap({ tier: 'web', app: 'x' })).to.equal('map[string]string{"app":"x", "tier":"web"}');
  });
});
