// What a controller reports for each reconcile.
import type { Action } from './action.js';
import type { ControllerError } from './controller-error.js';
import type { ReconcileRequest } from './reconcile-request.js';

/**
 * One outcome of `applier()` / `Controller.run()`:
 * - `Reconciled`: the reconciler returned `action`.
 * - `Failed`: the reconciler failed; `action` is what the error policy asked for.
 * - `ObjectNotFound`: the object was gone from the store when its turn came (it was
 *   deleted meanwhile) — benign, nothing ran.
 *
 * `duration` is the reconcile's run time (ms) and `queued` the number of requests waiting
 * when it finished — for metrics.
 */
export type ReconcileResult =
  | { readonly type: 'Reconciled'; readonly request: ReconcileRequest; readonly action: Action; readonly duration: number; readonly queued: number }
  | { readonly type: 'Failed'; readonly request: ReconcileRequest; readonly error: ControllerError; readonly action: Action | undefined; readonly duration: number; readonly queued: number }
  | { readonly type: 'ObjectNotFound'; readonly request: ReconcileRequest; readonly queued: number };
