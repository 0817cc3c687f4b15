// whileLeading(): run a stream only while this process leads.
import { distinctUntilChanged, EMPTY, switchMap, type MonoTypeOperatorFunction, type Observable } from 'rxjs';

/**
 * Subscribes to the source when `leading$` says `true` and unsubscribes when it says `false`
 * (a controller stops reconciling the moment leadership is lost), again on the next `true`.
 *
 * ```text
 * leading$: f----t--------f---t---
 * source:        (subscribed)  (subscribed again)
 * result:  -----a-b-c-----|---d--   (values of the source while leading)
 * ```
 *
 * ## Example
 * ```ts
 * controller.run(reconcile, errorPolicy, ctx).pipe(whileLeading(leaderElection(lock, { identity }))).subscribe();
 * ```
 *
 * Unsubscribing the result unsubscribes `leading$`, which releases the lease.
 */
export function whileLeading<T>(leading$: Observable<boolean>): MonoTypeOperatorFunction<T> {
  return (source) => leading$.pipe(distinctUntilChanged(), switchMap((leading) => (leading ? source : EMPTY)));
}
