// Errors of a controller's reconciles: values in its results, never the end of run().
import { KubeError } from '../../core/errors/kube-error.js';
import { formatObjectRef, type ObjectRef } from '../../core/object-ref.js';

/**
 * - `ReconcilerFailed`: the reconciler threw, rejected or errored (the error is the `cause`).
 * - `ErrorPolicyFailed`: the error policy itself threw; the object is not requeued.
 */
export type ControllerErrorReason = 'ReconcilerFailed' | 'ErrorPolicyFailed';

/**
 * A reconcile failed. These errors are reported as `Failed` results of `run()` and never
 * terminate it (kube-rs's guarantee). `ref` is the object concerned.
 */
export class ControllerError extends KubeError<ControllerErrorReason> {
  override name = 'ControllerError' as const;
  readonly ref: ObjectRef;

  constructor(reason: ControllerErrorReason, ref: ObjectRef, options?: ErrorOptions) {
    const what = reason === 'ReconcilerFailed' ? 'reconcile failed' : 'the error policy failed';
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : options?.cause === undefined ? '' : `: ${String(options.cause)}`;
    super(reason, `${what} for ${formatObjectRef(ref)}${cause}`, options);
    this.ref = ref;
  }
}

/** `instanceof ControllerError` that also holds across two copies of this package. */
export function isControllerError(error: unknown): error is ControllerError {
  return error instanceof ControllerError || (error as { name?: unknown } | null)?.name === 'ControllerError';
}
