// The base class of every error kube-rx throws or emits, branded so guards hold across package copies.
import { redact } from './redact.js';

/**
 * The brand every {@link KubeError} carries (a registered symbol, so two copies of kube-rx
 * in one process recognise each other's errors, and a foreign class that merely shares a
 * name does not pass).
 */
const KUBE_ERROR = Symbol.for('kube-rx.KubeError');

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

  /** The brand, on the prototype: invisible to `inspect` and `JSON.stringify`. */
  get [KUBE_ERROR](): true {
    return true;
  }
}

/**
 * True for an error kube-rx raised: `instanceof KubeError`, or one carrying the KubeError
 * brand (from another copy of this package). An unrelated error with a `reason` and a name
 * ending in `Error` is not one.
 */
export function isKubeError(error: unknown): error is KubeError {
  return error instanceof KubeError || (typeof error === 'object' && error !== null && (error as { [KUBE_ERROR]?: unknown })[KUBE_ERROR] === true);
}

/**
 * True for a kube-rx error of the subclass named `name` (`'ApiError'`, `'WatcherError'`,
 * ...): the brand, then the name. Every `isXxxError` guard is this check.
 */
export function isKubeErrorNamed<E extends KubeError>(error: unknown, name: E['name']): error is E {
  return isKubeError(error) && error.name === name;
}
