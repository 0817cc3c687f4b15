// The base class of every error kube-rx throws or emits.
import { redact } from './redact.js';

/**
 * The base of every error kube-rx raises: request building, API answers, config, watches,
 * controllers, finalizers, custom resources and the embedded server's own failures.
 *
 * Each subclass fixes `name` (so `error.name` narrows) and a string-literal union of
 * `reason`s named after what went wrong (`'InvalidParams'`, `'NotFound'`,
 * `'InitialListFailed'`, ...). The underlying error, if any, is in the standard `cause`.
 *
 * Messages are lowercase sentences built from data, and pass through {@link redact}:
 * they never carry a token, a password or a private key.
 *
 * Not a `KubeError`: programming errors inside user callbacks (a reconciler that throws a
 * `TypeError` is reported as the `cause` of a `ControllerError`, not rewrapped).
 *
 * @typeParam R The reasons this kind of error can carry.
 */
export class KubeError<R extends string = string> extends Error {
  override name: string = 'KubeError';
  /** What went wrong, as a machine-readable tag. */
  readonly reason: R;

  constructor(reason: R, message: string, options?: ErrorOptions) {
    super(redact(message), options);
    this.reason = reason;
  }
}

/** `instanceof KubeError` that also holds across two copies of this package. */
export function isKubeError(error: unknown): error is KubeError {
  return (
    error instanceof KubeError ||
    (error instanceof Error && typeof (error as { reason?: unknown }).reason === 'string' && /Error$/.test(error.name))
  );
}
