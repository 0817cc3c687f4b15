// applier(): the controller's engine — queue, dedupe, run reconciles with limits, requeue.
import { asyncScheduler, from, isObservable, Observable, of, Subscription, take, type OperatorFunction, type SchedulerLike } from 'rxjs';
import type { KubeObject } from '../../core/object.js';
import { objectKeyOf } from '../reflector/object-key.js';
import type { Store } from '../reflector/store.js';
import type { WatcherEvent } from '../watcher/watcher-event.js';
import { ScheduleQueue } from '../scheduler/schedule-queue.js';
import type { Action } from './action.js';
import { ControllerError } from './controller-error.js';
import { reconcileRequestKey, type ReconcileReason, type ReconcileRequest } from './reconcile-request.js';
import type { ReconcileResult } from './reconcile-result.js';

/**
 * Reconciles one object: make the world match it. May return an Action, a Promise or an
 * Observable of one.
 *
 * `signal` aborts when the reconcile is stopped before it finished: a forced shutdown, the
 * results being unsubscribed (e.g. leadership lost under `whileLeading`). Pass it to every
 * `Api` call (`api.get(name, {}, { signal })`) so that those stop too; a graceful shutdown
 * lets running reconciles finish and does not abort it. An Observable reconciler is also
 * unsubscribed then.
 */
export type Reconciler<K, C> = (object: K, context: C, signal: AbortSignal) => Action | Promise<Action> | Observable<Action>;

/**
 * Decides what to do after a failed reconcile. `failures` counts this object's consecutive
 * failures (1 on the first; reset by a success), for per-object backoff — see
 * `exponentialRequeue`. The count belongs to the object's uid: a deleted and recreated
 * object starts again at 1, and a deleted object's count is forgotten.
 */
export type ErrorPolicy<K, C> = (object: K, error: unknown, context: C, failures: number) => Action;

/** Options of {@link applier} (and of `Controller`). */
export interface ApplierConfig {
  /** At most this many reconciles at once, an integer; 0 means no limit. @default 0 */
  readonly concurrency?: number;
  /**
   * Trailing-edge debounce of requests per object, ms (see `schedule`). Requests arriving
   * faster than this forever postpone the object's reconcile. @default 0
   */
  readonly debounce?: number;
  /** @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/** What {@link applier} needs. */
export interface ApplierOptions<K, C> {
  readonly reconcile: Reconciler<K, C>;
  readonly errorPolicy: ErrorPolicy<K, C>;
  /** Objects are read from here when their turn comes; reconciles wait until it is ready. */
  readonly store: Store<K>;
  readonly context: C;
  readonly config?: ApplierConfig;
}

/**
 * Turns reconcile requests into reconciles and their results — the "hard mode" behind
 * `Controller.run`, for custom pipelines.
 *
 * ```text
 * requests: -a-a-b-------a------|
 * running:   [a---]               a again right after: one follow-up for the two requests
 *                [a--][b--]
 * results:  -----A---A--B---A---|   (A = Reconciled a; it completes after draining)
 * ```
 *
 * ## Guarantees
 * - Never two reconciles of the same object at once; while one runs, any number of requests
 *   for it collapse into one that runs right after it (≤ 1 running + ≤ 1 queued per object).
 * - At most `concurrency` reconciles at once.
 * - Nothing runs before `store` is ready (its first `Restarted`); requests are deduplicated
 *   meanwhile.
 * - A reconcile that fails (throws, rejects, errors) becomes a `Failed` result and an
 *   `errorPolicy` requeue; it never ends the stream. `Action.requeue(ms)` from either is
 *   scheduled `ms` after the reconcile finished; an earlier request for the object wins.
 * - When the requests complete (shutdown), queued work is dropped, running reconciles finish
 *   and are reported, then the results complete. Unsubscribing stops at once: running
 *   reconciles are unsubscribed and their `AbortSignal`s abort.
 * - Failure counts are kept per object uid and freed when the store sees the object deleted.
 *
 * ## Errors
 * Throws a `RangeError` when called with a `concurrency` that is not a non-negative integer
 * or a `debounce` that is not a non-negative number — at once, not on subscribe (as RxJS's
 * own operators check their arguments).
 *
 * ## Example
 * ```ts
 * requests$.pipe(applier({ reconcile, errorPolicy: () => Action.requeue(60_000), store: reader, context }))
 *   .subscribe((result) => console.log(result.type, formatObjectRef(result.request.ref)));
 * ```
 */
export function applier<K extends KubeObject, C>(options: ApplierOptions<K, C>): OperatorFunction<ReconcileRequest, ReconcileResult> {
  const { reconcile, errorPolicy, store, context } = options;
  const { concurrency = 0, debounce = 0, scheduler = asyncScheduler } = options.config ?? {};
  checkApplierConfig(concurrency, debounce);
  return (requests$) =>
    new Observable<ReconcileResult>((subscriber) => {
      const running = new Map<string, Subscription>();
      /** Consecutive failures by object uid (or store key, for objects without one). */
      const failures = new Map<string, number>();
      const subscriptions = new Subscription();
      let ready = false;
      let inputDone = false;
      let pumping = false;
      let again = false;

      const queue = new ScheduleQueue<ReconcileRequest>(scheduler, debounce, reconcileRequestKey, () => pump());
      const queued = () => queue.pendingCount + queue.scheduledCount;

      const pump = (): void => {
        if (pumping) {
          again = true;
          return;
        }
        pumping = true;
        try {
          do {
            again = false;
            while (ready && !subscriber.closed && (concurrency === 0 || running.size < concurrency)) {
              const next = queue.take((key) => !running.has(key));
              if (next === undefined) break;
              start(next.key, next.message);
            }
          } while (again);
        } finally {
          pumping = false;
        }
        if (inputDone && running.size === 0) subscriber.complete();
      };

      const requeue = (request: ReconcileRequest, action: Action | undefined, reason: ReconcileReason) => {
        if (inputDone || action?.requeueAfter === undefined) return;
        queue.push({ message: { ref: request.ref, reason }, runAt: scheduler.now() + action.requeueAfter });
      };

      const start = (key: string, request: ReconcileRequest): void => {
        const object = store.get(request.ref);
        if (object === undefined) {
          subscriber.next({ type: 'ObjectNotFound', request, queued: queued() });
          return;
        }
        const startedAt = scheduler.now();
        const failureKey = failureKeyOf(object);
        const run = new Subscription();
        const abort = new AbortController();
        running.set(key, run);
        let settled = false;
        // Torn down before it settled (unsubscribed, forced stop): tell the reconciler.
        run.add(() => {
          if (!settled) abort.abort(new ControllerError('Stopped', request.ref));
        });
        const finish = (outcome: { action: Action } | { error: unknown }) => {
          if (settled) return;
          settled = true;
          running.delete(key);
          run.unsubscribe();
          const duration = scheduler.now() - startedAt;
          if ('action' in outcome) {
            failures.delete(failureKey);
            requeue(request, outcome.action, { type: 'ReconcilerRequestedRetry' });
            subscriber.next({ type: 'Reconciled', request, action: outcome.action, duration, queued: queued() });
          } else {
            const count = (failures.get(failureKey) ?? 0) + 1;
            failures.set(failureKey, count);
            const error = new ControllerError('ReconcilerFailed', request.ref, { cause: outcome.error });
            let action: Action | undefined;
            let policyError: ControllerError | undefined;
            try {
              action = errorPolicy(object, outcome.error, context, count);
            } catch (thrown) {
              policyError = new ControllerError('ErrorPolicyFailed', request.ref, { cause: thrown });
            }
            requeue(request, action, { type: 'ErrorPolicyRequestedRetry' });
            subscriber.next({ type: 'Failed', request, error: policyError ?? error, action, duration, queued: queued() });
          }
          pump();
        };
        let result$: Observable<Action>;
        try {
          const result = reconcile(object, context, abort.signal);
          result$ = isObservable(result) ? result : result instanceof Promise ? from(result) : of(result);
        } catch (error) {
          finish({ error });
          return;
        }
        run.add(
          result$.pipe(take(1)).subscribe({
            next: (action) => finish({ action }),
            error: (error: unknown) => finish({ error }),
            complete: () => finish({ error: new Error('the reconciler completed without an Action') }),
          }),
        );
      };

      // A store that is not ready yet is waited for after subscribing to the requests: they
      // may start (attach) the reflector that makes it ready.
      ready = store.isReady;
      subscriptions.add(
        requests$.subscribe({
          next: (request) => {
            try {
              queue.push({ message: request, runAt: scheduler.now() });
            } catch (error) {
              subscriber.error(error); // a request without a ref, from a hand-made trigger
            }
          },
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            inputDone = true;
            queue.clear();
            pump();
          },
        }),
      );
      if (!ready) {
        subscriptions.add(
          store.ready$.subscribe({
            next: () => {
              ready = true;
              pump();
            },
            error: (error: unknown) => subscriber.error(error),
          }),
        );
      }
      // Forget the failure counts of deleted objects (a long-running controller must not leak).
      subscriptions.add(store.changes$.subscribe((event) => forgetGone(failures, event)));

      return () => {
        subscriptions.unsubscribe();
        for (const run of running.values()) run.unsubscribe();
        running.clear();
        queue.clear();
      };
    });
}

function checkApplierConfig(concurrency: number, debounce: number): void {
  if (!Number.isInteger(concurrency) || concurrency < 0) {
    throw new RangeError(`applier: concurrency must be an integer >= 0 (0: no limit), got ${String(concurrency)}`);
  }
  if (!Number.isFinite(debounce) || debounce < 0) {
    throw new RangeError(`applier: debounce must be a number of milliseconds >= 0, got ${String(debounce)}`);
  }
}

/** The identity a failure count belongs to: the uid (a recreated object is a new one), else the store key. */
function failureKeyOf(object: KubeObject): string {
  const uid = object.metadata?.uid;
  return uid === undefined || uid === '' ? `key:${objectKeyOf(object)}` : `uid:${uid}`;
}

function forgetGone(failures: Map<string, number>, event: WatcherEvent<KubeObject>): void {
  if (failures.size === 0) return;
  switch (event.type) {
    case 'Applied':
      return;
    case 'Deleted':
      failures.delete(failureKeyOf(event.object));
      return;
    case 'Restarted': {
      const present = new Set(event.objects.map(failureKeyOf));
      for (const key of failures.keys()) if (!present.has(key)) failures.delete(key);
      return;
    }
  }
}
