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

/**
 * Throws `InvalidParams` unless `fieldManager` is what the API server accepts: at most 128
 * bytes of UTF-8 (Go's `len`), every character printable (Go's `unicode.IsPrint`: letters,
 * marks, numbers, punctuation, symbols and the ASCII space). `''` means "not set", as on the
 * server; whether a manager is required is the caller's check.
 */
export function checkFieldManager(field: string, fieldManager: string | undefined): void {
  if (fieldManager === undefined || fieldManager === '') return;
  const bytes = utf8Length(fieldManager);
  if (bytes > 128) {
    throw new RequestBuildError('InvalidParams', field, `must be at most 128 bytes, got ${bytes}`);
  }
  const bad = /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.exec(fieldManager);
  if (bad !== null) {
    const code = bad[0].codePointAt(0) ?? 0;
    const hex = code.toString(16).toUpperCase().padStart(4, '0');
    throw new RequestBuildError('InvalidParams', field, `has the non-printable character U+${hex} at ${bad.index}`);
  }
}

/** The length of `text` in UTF-8 bytes (lone surrogates count as the 3 bytes of U+FFFD). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Throws `InvalidParams` unless `value` is one of `allowed`. */
export function checkOneOf(field: string, value: string | undefined, allowed: readonly string[]): void {
  if (value === undefined || allowed.includes(value)) return;
  throw new RequestBuildError('InvalidParams', field, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}`);
}
