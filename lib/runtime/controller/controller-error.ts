// Errors of a controller's reconciles: values in its results, never the end of run().
import { isKubeErrorNamed, KubeError } from '../../core/errors/kube-error.js';
import { formatObjectRef, type ObjectRef } from '../../core/object-ref.js';

/**
 * - `ReconcilerFailed`: the reconciler threw, rejected or errored (the error is the `cause`).
 * - `ErrorPolicyFailed`: the error policy itself threw; the object is not requeued.
 * - `Stopped`: the reason a reconcile's `AbortSignal` aborts with: the controller was
 *   stopped (forced shutdown, unsubscribed) while the reconcile ran.
 * - `AlreadyRunning`: `Controller.run()` was subscribed while the controller already runs.
 */
export type ControllerErrorReason = 'ReconcilerFailed' | 'ErrorPolicyFailed' | 'Stopped' | 'AlreadyRunning';

const WHAT: Readonly<Record<ControllerErrorReason, string>> = {
  ReconcilerFailed: 'reconcile failed',
  ErrorPolicyFailed: 'the error policy failed',
  Stopped: 'the controller stopped during the reconcile',
  AlreadyRunning: 'the controller is already running',
};

/**
 * A reconcile failed. These errors are reported as `Failed` results of `run()` and never
 * terminate it (kube-rs's guarantee). `ref` is the object concerned (none for
 * `AlreadyRunning`, the one error `run()` itself ends with).
 */
export class ControllerError extends KubeError<ControllerErrorReason> {
  override name = 'ControllerError' as const;
  readonly ref: ObjectRef | undefined;

  constructor(reason: ControllerErrorReason, ref: ObjectRef | undefined, options?: ErrorOptions & { detail?: string }) {
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : options?.cause === undefined ? '' : `: ${String(options.cause)}`;
    const what = `${WHAT[reason]}${ref === undefined ? '' : ` for ${formatObjectRef(ref)}`}${options?.detail === undefined ? '' : `: ${options.detail}`}`;
    super(reason, `${what}${cause}`, options);
    this.ref = ref;
  }
}

/** True for a ControllerError, also from another copy of this package (the KubeError brand, then the name). */
export function isControllerError(error: unknown): error is ControllerError {
  return isKubeErrorNamed<ControllerError>(error, 'ControllerError');
}
