// Builds StatusCauses worded as apimachinery's field.Error (`Invalid value: "x": detail`, `Required value`, ...).
import type { StatusCause } from '../../core/index.js';

/** apimachinery `field.ErrorType` names as they appear in `StatusCause.reason`. */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TITLES: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Types whose message never shows the bad value (apimachinery `ErrorBody`). */
const WITHOUT_VALUE = new Set<FieldErrorType>(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError']);

/**
 * Renders a bad value as apimachinery 1.27–1.33 does: strings quoted (`"x"`), numbers and
 * booleans bare, `null` as `null`, maps as Go `%#v` (`map[string]interface {}{"name":"a"}`),
 * lists as `[]interface {}{"a", 1}`.
 */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[]interface {}{${value.map(renderValue).join(', ')}}`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]interface {}{${entries.map(([k, v]) => `${JSON.stringify(k)}:${renderValue(v)}`).join(', ')}}`;
}

/** One field error as a `StatusCause`: `{reason, message: ErrorBody(), field}`. */
export function fieldError(type: FieldErrorType, field: string, value: unknown, detail = ''): StatusCause {
  let message = TITLES[type];
  if (!WITHOUT_VALUE.has(type)) message += `: ${renderValue(value)}`;
  if (detail !== '') message += `: ${detail}`;
  return { reason: type, message, field };
}

/** `field.Required(path, detail)`. */
export const required = (field: string, detail = ''): StatusCause => fieldError('FieldValueRequired', field, undefined, detail);
/** `field.Invalid(path, value, detail)`. */
export const invalid = (field: string, value: unknown, detail: string): StatusCause => fieldError('FieldValueInvalid', field, value, detail);
/** `field.Forbidden(path, detail)`. */
export const forbidden = (field: string, detail: string): StatusCause => fieldError('FieldValueForbidden', field, undefined, detail);
/** `field.Duplicate(path, value)`. */
export const duplicate = (field: string, value: unknown): StatusCause => fieldError('FieldValueDuplicate', field, value);
/** `field.NotSupported(path, value, supported)`: `Unsupported value: "x": supported values: "a", "b"`. */
export const notSupported = (field: string, value: unknown, supported: readonly string[]): StatusCause =>
  fieldError('FieldValueNotSupported', field, value, `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`);
/** `field.TooLongMaxLength(path, value, max)`. */
export const tooLong = (field: string, max: number): StatusCause => fieldError('FieldValueTooLong', field, undefined, `may not be more than ${max} bytes`);
/** `field.TooMany(path, actual, max)`. */
export const tooMany = (field: string, actual: number, max: number): StatusCause => fieldError('FieldValueTooMany', field, actual, `must have at most ${max} items`);

/** Appends a child to a field path (`spec` + `replicas` → `spec.replicas`). */
export function child(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** Appends an index to a field path (`spec.items` + 0 → `spec.items[0]`). */
export function index(path: string, at: number): string {
  return `${path}[${at}]`;
}

/** Appends a map key as apimachinery `Path.Key` does (`properties` + `spec` → `properties[spec]`). */
export function key(path: string, name: string): string {
  return `${path}[${name}]`;
}
