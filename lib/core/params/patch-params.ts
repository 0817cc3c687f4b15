// Parameters of patch calls, and their validation against the patch kind.
import { RequestBuildError } from '../errors/request-build-error.js';
import type { PatchType } from '../patch.js';
import { checkFieldManager, checkOneOf } from './checks.js';
import type { FieldValidation } from './post-params.js';

/** Parameters of `patch` (and subresource patches). */
export interface PatchParams {
  readonly dryRun?: boolean;
  /** Take ownership of conflicting fields; server-side apply only. */
  readonly force?: boolean;
  /** Required for server-side apply; at most 128 bytes, printable characters only. */
  readonly fieldManager?: string;
  readonly fieldValidation?: FieldValidation;
}

/**
 * Checks patch params against the patch kind before any request exists.
 *
 * @throws {RequestBuildError} `InvalidParams` for apply without a field manager (absent or
 *   `''`), `force` with a non-apply patch, a field manager over 128 bytes or with a
 *   non-printable character, an unknown `fieldValidation`.
 */
export function validatePatchParams(params: PatchParams, patchType: PatchType): void {
  checkFieldManager('PatchParams.fieldManager', params.fieldManager);
  checkOneOf('PatchParams.fieldValidation', params.fieldValidation, ['Strict', 'Warn', 'Ignore']);
  if (patchType === 'apply' && (params.fieldManager === undefined || params.fieldManager === '')) {
    throw new RequestBuildError('InvalidParams', 'PatchParams.fieldManager', 'is required for an apply patch');
  }
  if (params.force === true && patchType !== 'apply') {
    throw new RequestBuildError('InvalidParams', 'PatchParams.force', `may not be set for a ${patchType} patch, only for apply`);
  }
}
