// Parsing and formatting resourceVersions: decimal uint64 strings, "" and "0" meaning "any".
import { fieldInvalid, type FieldError } from '../errors/field-error.js';

/** A parsed resourceVersion: `undefined` for `""` (unset), 0 for `"0"`. */
export type ParsedResourceVersion = { readonly ok: true; readonly value: number | undefined } | { readonly ok: false; readonly error: FieldError };

/**
 * Parses a resourceVersion the way kube-apiserver's versioner does: `""` is unset, `"0"` is
 * 0, anything else must be a decimal unsigned integer.
 */
export function parseResourceVersion(text: string | null | undefined, field = 'resourceVersion'): ParsedResourceVersion {
  if (text === null || text === undefined || text === '') return { ok: true, value: undefined };
  if (text === '0') return { ok: true, value: 0 };
  if (!/^[0-9]+$/.test(text)) {
    return { ok: false, error: fieldInvalid(field, text, `strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`) };
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    return { ok: false, error: fieldInvalid(field, text, `strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`) };
  }
  return { ok: true, value };
}
