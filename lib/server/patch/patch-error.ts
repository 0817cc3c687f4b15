// Raised when a patch cannot be decoded or applied; the server turns it into a 400, 422 or 413.
import { KubeError } from '../../core/index.js';

/**
 * Why a patch failed:
 * - `MalformedPatch`: the patch is not what its content type promises (not a JSON Patch array,
 *   an operation without `op`/`path`, a malformed strategic-merge directive). The server answers 400.
 * - `PatchFailed`: the patch is well-formed but does not apply (a `test` that fails, a missing path,
 *   an index out of range, a merge key missing from a list item). The server answers 422 with the
 *   generic body of apiserver-semantics §9.1 — the detail here is for logs only.
 * - `TooManyOperations`: a JSON Patch longer than 10000 operations. The server answers 413.
 */
export type PatchErrorReason = 'MalformedPatch' | 'PatchFailed' | 'TooManyOperations';

/**
 * A patch that could not be decoded or applied.
 *
 * ## Example
 * ```ts
 * try {
 *   applyJsonPatch(object, [{ op: 'test', path: '/spec/replicas', value: 3 }]);
 * } catch (error) {
 *   if (isPatchError(error) && error.reason === 'PatchFailed') answer422Generic();
 * }
 * ```
 */
export class PatchError extends KubeError<PatchErrorReason> {
  override name = 'PatchError' as const;

  constructor(reason: PatchErrorReason, message: string, options?: ErrorOptions) {
    super(reason, message, options);
  }
}

/** `instanceof PatchError` that also holds across two copies of this package. */
export function isPatchError(error: unknown): error is PatchError {
  return error instanceof PatchError || (error as { name?: unknown } | null)?.name === 'PatchError';
}
