// Why a finalizer step failed.
import { isKubeErrorNamed, KubeError } from '../../core/errors/kube-error.js';

/**
 * - `ApplyFailed` / `CleanupFailed`: the handler failed (its error is the `cause`); for a
 *   cleanup, the finalizer stays, so deletion waits.
 * - `AddFinalizer` / `RemoveFinalizer`: the JSON patch was refused (a 422 from a failed
 *   `test` means the object changed meanwhile: the next reconcile retries).
 * - `UnnamedObject`: the object has no `metadata.name`.
 * - `InvalidFinalizer`: the finalizer name is not a qualified name such as `example.com/cleanup`.
 */
export type FinalizerErrorReason = 'ApplyFailed' | 'CleanupFailed' | 'AddFinalizer' | 'RemoveFinalizer' | 'UnnamedObject' | 'InvalidFinalizer';

/** A {@link finalizer} step failed; `finalizerName` says which finalizer. */
export class FinalizerError extends KubeError<FinalizerErrorReason> {
  override name = 'FinalizerError' as const;
  readonly finalizerName: string;

  constructor(reason: FinalizerErrorReason, finalizerName: string, detail: string, options?: ErrorOptions) {
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(reason, `finalizer ${JSON.stringify(finalizerName)}: ${detail}${cause}`, options);
    this.finalizerName = finalizerName;
  }
}

/** True for a FinalizerError, also from another copy of this package (the KubeError brand, then the name). */
export function isFinalizerError(error: unknown): error is FinalizerError {
  return isKubeErrorNamed<FinalizerError>(error, 'FinalizerError');
}
