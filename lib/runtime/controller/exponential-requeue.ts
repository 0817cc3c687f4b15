// exponentialRequeue(): an error policy that backs off per object (kube-rs #1916).
import { Action } from './action.js';
import type { ErrorPolicy } from './applier.js';

/** Options of {@link exponentialRequeue}. */
export interface ExponentialRequeueOptions {
  /** Delay after the first failure, ms. @default 5000 */
  readonly initial?: number;
  /** Largest delay, ms. @default 300000 (5 minutes) */
  readonly max?: number;
  /** Growth per consecutive failure. @default 2 */
  readonly factor?: number;
}

/**
 * An error policy that requeues a failing object after `initial`, then twice that, ... up to
 * `max`, counting each object's consecutive failures separately; a success starts it over.
 * (client-go's per-item exponential rate limiter; kube-rs users ask for it in #1916.)
 *
 * ## Example
 * ```ts
 * controller.run(reconcile, exponentialRequeue({ initial: 1000, max: 60_000 }), context);
 * ```
 */
export function exponentialRequeue<K, C>(options: ExponentialRequeueOptions = {}): ErrorPolicy<K, C> {
  const { initial = 5000, max = 300_000, factor = 2 } = options;
  return (_object, _error, _context, failures) => Action.requeue(Math.min(max, initial * factor ** Math.max(0, failures - 1)));
}
