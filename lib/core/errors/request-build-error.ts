// Raised before any I/O when a request cannot be built from the given arguments.
import { isKubeErrorNamed, KubeError } from './kube-error.js';

/** Why a request could not be built. */
export type RequestBuildErrorReason =
  | 'InvalidParams'
  | 'InvalidName'
  | 'InvalidNamespace'
  | 'InvalidPatch'
  | 'InvalidBody'
  | 'InvalidResource'
  | 'UnsupportedSubresource';

/**
 * A request was refused before it existed: bad params, a bad name, a patch that the server
 * would reject. `field` names the offending input, e.g. `PatchParams.fieldManager`.
 *
 * ## Example
 * ```ts
 * try {
 *   validatePatchParams({}, 'apply');
 * } catch (error) {
 *   if (isRequestBuildError(error)) console.log(error.field); // 'PatchParams.fieldManager'
 * }
 * ```
 */
export class RequestBuildError extends KubeError<RequestBuildErrorReason> {
  override name = 'RequestBuildError' as const;
  /** The input that was wrong, as `Type.field` (`ListParams.limit`) or an argument name (`name`). */
  readonly field: string;

  constructor(reason: RequestBuildErrorReason, field: string, message: string, options?: ErrorOptions) {
    super(reason, `${field}: ${message}`, options);
    this.field = field;
  }
}

/** True for a RequestBuildError, also from another copy of this package (the KubeError brand, then the name). */
export function isRequestBuildError(error: unknown): error is RequestBuildError {
  return isKubeErrorNamed<RequestBuildError>(error, 'RequestBuildError');
}
