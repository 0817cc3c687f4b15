// One field validation error (apimachinery's field.Error) and how the API server prints it.
import { goQuote } from '../input/go-text.js';
import type { StatusCause } from '../../core/index.js';

/** apimachinery `field.ErrorType` names, as they appear in `Status.details.causes[].reason`. */
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
  /** The offending value, already rendered as Go prints it (see {@link renderValue}, {@link goStringSlice}). */
  readonly value?: string;
  readonly detail?: string;
  /** The whole message body when it was worded elsewhere (a schema validation cause, see {@link fieldErrorFromCause}). */
  readonly body?: string;
}

/** `ErrorType.String()`: the head of each message. */
const TITLES: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTypeInvalid: 'Invalid value',
  InternalError: 'Internal error',
};

/** The types whose message never shows the bad value (apimachinery `ErrorBody`). */
const WITHOUT_VALUE: ReadonlySet<FieldErrorType> = new Set<FieldErrorType>(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError']);

/**
 * Renders a bad value (a decoded JSON value) as apimachinery 1.27–1.33 prints it: strings
 * quoted (`%q`), numbers and booleans bare (`%v`), a missing value or `null` as `"null"`, maps
 * and lists via Go's `%#v` of unstructured data (`map[string]interface {}{"a":"x", "b":1}`,
 * `[]interface {}{"a", 1}`, a nested `null` as `interface {}(nil)`).
 *
 * ## Example
 * ```ts
 * renderValue({ name: 'http' }); // 'map[string]interface {}{"name":"http"}'
 * ```
 */
export function renderValue(value: unknown): string {
  return value === undefined || value === null ? '"null"' : goSyntax(value);
}

/** Go's `%#v` of a value inside unstructured data. */
function goSyntax(value: unknown): string {
  if (value === undefined || value === null) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]interface {}{${entries.map(([k, v]) => `${goQuote(k)}:${goSyntax(v)}`).join(', ')}}`;
}

/** Go's `%#v` of a `[]string`, as apimachinery prints a typed string list: `[]string{"a", "b"}`. */
export function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map((v) => goQuote(v)).join(', ')}}`;
}

/** Go's `%#v` of a `map[string]string` (keys sorted), as apimachinery prints labels: `map[string]string{"app":"web"}`. */
export function goStringMap(map: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([k, v]) => `${goQuote(k)}:${goQuote(String(v))}`).join(', ')}}`;
}

/**
 * A field error of any type; the value is rendered (and kept) only for the types whose message
 * shows it.
 */
export function fieldError(type: FieldErrorType, field: string, value: unknown, detail = ''): FieldError {
  return WITHOUT_VALUE.has(type) ? { type, field, detail } : { type, field, value: renderValue(value), detail };
}

/** `field.Invalid`: `Invalid value: <v>: <detail>`. */
export function fieldInvalid(field: string, value: unknown, detail: string): FieldError {
  return fieldError('FieldValueInvalid', field, value, detail);
}

/** `field.Required`: `Required value` (`: <detail>`). */
export function fieldRequired(field: string, detail = ''): FieldError {
  return fieldError('FieldValueRequired', field, undefined, detail);
}

/** `field.Forbidden`: `Forbidden: <detail>`. */
export function fieldForbidden(field: string, detail: string): FieldError {
  return fieldError('FieldValueForbidden', field, undefined, detail);
}

/** `field.NotSupported`: `Unsupported value: <v>: supported values: "a", "b"`. */
export function fieldNotSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length === 0 ? '' : `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`;
  return fieldError('FieldValueNotSupported', field, value, detail);
}

/** `field.Duplicate`: `Duplicate value: <v>`. */
export function fieldDuplicate(field: string, value: unknown): FieldError {
  return fieldError('FieldValueDuplicate', field, value);
}

/** `field.TooLongMaxLength`: `Too long: may not be more than <n> bytes`. */
export function fieldTooLong(field: string, max: number): FieldError {
  return fieldError('FieldValueTooLong', field, undefined, `may not be more than ${max} bytes`);
}

/** `field.TooMany`: `Too many: <actual>: must have at most <max> items`. */
export function fieldTooMany(field: string, actual: number, max: number): FieldError {
  return fieldError('FieldValueTooMany', field, actual, `must have at most ${max} items`);
}

/** The message without the field: `Invalid value: "x": detail` (apimachinery `ErrorBody`). */
export function fieldErrorBody(error: FieldError): string {
  if (error.body !== undefined) return error.body;
  let body = TITLES[error.type];
  if (!WITHOUT_VALUE.has(error.type)) body += `: ${error.value ?? renderValue(undefined)}`;
  return error.detail === undefined || error.detail === '' ? body : `${body}: ${error.detail}`;
}

/** `field: body`, as in a Status message. */
export function formatFieldError(error: FieldError): string {
  return error.field === '' ? fieldErrorBody(error) : `${error.field}: ${fieldErrorBody(error)}`;
}

/** The `Status.details.causes` entry of a field error: `{reason, message: ErrorBody(), field}`. */
export function fieldErrorCause(error: FieldError): StatusCause {
  return { reason: error.type, message: fieldErrorBody(error), field: error.field };
}

/** The field error a `StatusCause` (e.g. from schema validation) stands for; the inverse of {@link fieldErrorCause}. */
export function fieldErrorFromCause(cause: StatusCause): FieldError {
  return { type: (cause.reason ?? 'FieldValueInvalid') as FieldErrorType, field: cause.field ?? '', body: cause.message ?? '' };
}
