// Parameters of create and replace calls, and their validation.
import { checkFieldManager, checkOneOf } from './checks.js';

/** How the server treats unknown or duplicate fields in a write. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Parameters of `create` and `replace` (and subresource writes). */
export interface PostParams {
  /** Validate and admit the write but do not persist it (`dryRun=All`). */
  readonly dryRun?: boolean;
  /**
   * The manager that owns the written fields; at most 128 bytes, printable characters only.
   * `''` is the same as unset (the server then derives one from the user agent).
   */
  readonly fieldManager?: string;
  /** Unknown-field handling; the server defaults to `Warn`. */
  readonly fieldValidation?: FieldValidation;
}

/**
 * Checks post params before any request exists.
 *
 * @throws {RequestBuildError} `InvalidParams` for a field manager over 128 bytes or with a
 *   non-printable character, or an unknown `fieldValidation`.
 */
export function validatePostParams(params: PostParams, type = 'PostParams'): void {
  checkFieldManager(`${type}.fieldManager`, params.fieldManager);
  checkOneOf(`${type}.fieldValidation`, params.fieldValidation, ['Strict', 'Warn', 'Ignore']);
}
