// Why a store could not answer: its feed ended before it was ready, or an unknown index.
import { isKubeErrorNamed, KubeError } from '../../core/errors/kube-error.js';

/**
 * - `WriterDropped`: the stream feeding the store (a `reflect()`) errored, completed or was
 *   unsubscribed before the first `Restarted`, so `ready()` cannot resolve; `cause` holds the
 *   stream's error, if it had one.
 * - `UnknownIndex`: `byIndex` named an index the store was not created with.
 */
export type StoreErrorReason = 'WriterDropped' | 'UnknownIndex';

/** A store could not do what was asked. */
export class StoreError extends KubeError<StoreErrorReason> {
  override name = 'StoreError' as const;
}

/** True for a StoreError, also from another copy of this package. */
export function isStoreError(error: unknown): error is StoreError {
  return isKubeErrorNamed<StoreError>(error, 'StoreError');
}
