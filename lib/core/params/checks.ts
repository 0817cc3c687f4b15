// Small shared checks for params validation; each throws a RequestBuildError naming the field.
import { RequestBuildError } from '../errors/request-build-error.js';

/** Throws `InvalidParams` on `field` unless `value` is an integer within [min, max]. */
export function checkInteger(field: string, value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new RequestBuildError('InvalidParams', field, `must be ${range}, got ${String(value)}`);
  }
}

/** Throws `InvalidParams` unless `fieldManager` is at most 128 printable characters. */
export function checkFieldManager(field: string, fieldManager: string | undefined): void {
  if (fieldManager === undefined) return;
  if (fieldManager.length === 0 || fieldManager.length > 128) {
    throw new RequestBuildError('InvalidParams', field, `must be 1 to 128 characters, got ${fieldManager.length}`);
  }
  if (!/^[\x20-\x7e]+$/.test(fieldManager)) {
    throw new RequestBuildError('InvalidParams', field, 'must contain only printable ASCII characters');
  }
}

/** Throws `InvalidParams` unless `value` is one of `allowed`. */
export function checkOneOf(field: string, value: string | undefined, allowed: readonly string[]): void {
  if (value === undefined || allowed.includes(value)) return;
  throw new RequestBuildError('InvalidParams', field, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`);
}
