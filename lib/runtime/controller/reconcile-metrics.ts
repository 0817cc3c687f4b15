// reconcileMetrics(): running totals of a controller's results, as an Observable.
import { scan, type OperatorFunction } from 'rxjs';
import type { ReconcileResult } from './reconcile-result.js';

/** Counters and timings over a controller's results so far. */
export interface ReconcileMetrics {
  /** Reconciles that ran (succeeded or failed). */
  readonly reconciles: number;
  readonly failures: number;
  /** Requests whose object was gone by its turn. */
  readonly notFound: number;
  /** Sum, maximum and last of the reconcile durations, ms. */
  readonly totalDuration: number;
  readonly maxDuration: number;
  readonly lastDuration: number;
  /** Requests waiting in the queue after the latest result. */
  readonly queued: number;
}

const ZERO: ReconcileMetrics = { reconciles: 0, failures: 0, notFound: 0, totalDuration: 0, maxDuration: 0, lastDuration: 0, queued: 0 };

/**
 * Folds results into {@link ReconcileMetrics}, one snapshot per result: export them to
 * Prometheus, log them, or assert on them.
 *
 * ```text
 * results: -R--F--N-
 * metrics: -1--2--2-   (reconciles; failures 0, 1, 1; notFound 0, 0, 1)
 * ```
 *
 * ## Example
 * ```ts
 * const results$ = controller.run(reconcile, errorPolicy, ctx).pipe(share());
 * results$.pipe(reconcileMetrics()).subscribe((m) => gauge.set(m.queued));
 * ```
 */
export function reconcileMetrics(): OperatorFunction<ReconcileResult, ReconcileMetrics> {
  return scan((m: ReconcileMetrics, result: ReconcileResult): ReconcileMetrics => {
    switch (result.type) {
      case 'Reconciled':
      case 'Failed':
        return {
          reconciles: m.reconciles + 1,
          failures: m.failures + (result.type === 'Failed' ? 1 : 0),
          notFound: m.notFound,
          totalDuration: m.totalDuration + result.duration,
          maxDuration: Math.max(m.maxDuration, result.duration),
          lastDuration: result.duration,
          queued: result.queued,
        };
      case 'ObjectNotFound':
        return { ...m, notFound: m.notFound + 1, queued: result.queued };
    }
  }, ZERO);
}
