// One field validation error (apimachinery's field.Error) and how the API server prints it.
import type { StatusCause } from '../../core/index.js';

/** The cause types of a field error, as they appear in `Status.details.causes[].reason`. */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'InternalError';

/** A validation failure at one field path, e.g. `metadata.name: Required value`. */
export interface FieldError {
  readonly type: FieldErrorType;
  /** The field path, e.g. `metadata.labels`, `spec.containers[0].name`. */
  readonly field: string;
  /** The offending value, already rendered as Go's `%v`/`%q` would (see {@link renderValue}). */
  readonly value?: string;
  readonly detail?: string;
  /** The whole message body when it was worded elsewhere (e.g. by schema validation). */
  readonly body?: string;
}

/**
 * Renders a value the way apimachinery's field errors do: strings quoted, numbers and
 * booleans bare, anything else as compact JSON.
 */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined || value === null) return '"null"';
  return JSON.stringify(value);
}

/** `Invalid value: <v>: <detail>`. */
export function fieldInvalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, value: renderValue(value), detail };
}

/** `Required value` (`: <detail>`). */
export function fieldRequired(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, detail };
}

/** `Forbidden: <detail>`. */
export function fieldForbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail };
}

/** `Unsupported value: <v>: supported values: "a", "b"`. */
export function fieldNotSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length === 0 ? '' : `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`;
  return { type: 'FieldValueNotSupported', field, value: renderValue(value), detail };
}

/** `Duplicate value: <v>`. */
export function fieldDuplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, value: renderValue(value) };
}

/** `Too long: may not be more than <n> bytes`. */
export function fieldTooLong(field: string, max: number): FieldError {
  return { type: 'FieldValueTooLong', field, detail: `may not be more than ${max} bytes` };
}

/** `Invalid value: <v>: <detail>` with the type-error cause. */
export function fieldTypeInvalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueTypeInvalid', field, value: renderValue(value), detail };
}

/** The message without the field: `Invalid value: "x": detail` (apimachinery `ErrorBody`). */
export function fieldErrorBody(error: FieldError): string {
  if (error.body !== undefined) return error.body;
  let head: string;
  switch (error.type) {
    case 'FieldValueNotFound':
      head = `Not found: ${error.value ?? ''}`;
      break;
    case 'FieldValueRequired':
      head = 'Required value';
      break;
    case 'FieldValueDuplicate':
      head = `Duplicate value: ${error.value ?? ''}`;
      break;
    case 'FieldValueInvalid':
    case 'FieldValueTypeInvalid':
      head = `Invalid value: ${error.value ?? '"null"'}`;
      break;
    case 'FieldValueNotSupported':
      head = `Unsupported value: ${error.value ?? ''}`;
      break;
    case 'FieldValueForbidden':
      head = 'Forbidden';
      break;
    case 'FieldValueTooLong':
      head = 'Too long';
      break;
    case 'FieldValueTooMany':
      head = 'Too many';
      break;
    case 'InternalError':
      head = 'Internal error';
      break;
  }
  return error.detail === undefined || error.detail === '' ? head : `${head}: ${error.detail}`;
}

/** `field: body`, as in a Status message. */
export function formatFieldError(error: FieldError): string {
  return error.field === '' ? fieldErrorBody(error) : `${error.field}: ${fieldErrorBody(error)}`;
}

/** The `Status.details.causes` entry of a field error. */
export function fieldErrorCause(error: FieldError): StatusCause {
  return { reason: error.type, message: fieldErrorBody(error), field: error.field };
}
