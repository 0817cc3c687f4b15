// schedule(): delay and deduplicate messages by key, earliest first, with optional debounce.
import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike } from 'rxjs';
import { ScheduleQueue, type ScheduleRequest } from './schedule-queue.js';

export type { ScheduleRequest } from './schedule-queue.js';

/** Options of {@link schedule}. */
export interface ScheduleConfig<T> {
  /**
   * Wait this long (ms) after the last request for a key before emitting it: a burst of
   * requests becomes one message (trailing edge). Requests arriving faster than this forever
   * postpone the message. @default 0
   */
  readonly debounce?: number;
  /** The identity of a message for deduplication. @default strings and numbers as is, others as JSON */
  readonly keyOf?: (message: T) => string;
  /**
   * When the requests complete: `'drain'` emits what is still scheduled, at its time, then
   * completes; `'drop'` completes at once, dropping it (kube-rs's behaviour). @default 'drain'
   */
  readonly onComplete?: 'drain' | 'drop';
  /** @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/**
 * Emits each message at its `runAt` time (ms on `scheduler.now()`), keeping one entry per
 * key: the **earliest** request wins (with its message), a request for a later time than the
 * scheduled one is dropped, and with `debounce` each request pushes its key back (kube-rs's
 * scheduler).
 *
 * ```text
 * requests:  a(runAt 5) b(x, runAt 3) c(x, runAt 6)      with keys: a→a, b→x, c→x
 * schedule:  ---b--a----                                  c dropped: later than b
 * ```
 *
 * ## Example
 * ```ts
 * requests$.pipe(schedule({ debounce: 1000, keyOf: (r) => objectRefKey(r.ref) }));
 * ```
 *
 * Errors from the requests are passed on at once, as is an error thrown by `keyOf`;
 * unsubscribing cancels everything queued.
 *
 * @throws {RangeError} at once (not on subscribe) for a `debounce` that is not a number >= 0.
 */
export function schedule<T>(config: ScheduleConfig<T> = {}): OperatorFunction<ScheduleRequest<T>, T> {
  const { debounce = 0, keyOf = defaultKey, onComplete = 'drain', scheduler = asyncScheduler } = config;
  if (!Number.isFinite(debounce) || debounce < 0) throw new RangeError(`schedule: debounce must be a number of milliseconds >= 0, got ${String(debounce)}`);
  return (source) =>
    new Observable<T>((subscriber) => {
      let inputDone = false;
      const flush = () => {
        for (let next = queue.take(); next !== undefined; next = queue.take()) subscriber.next(next.message);
        if (inputDone && queue.scheduledCount === 0) subscriber.complete();
      };
      const queue: ScheduleQueue<T> = new ScheduleQueue(scheduler, debounce, keyOf, flush);
      const subscription = source.subscribe({
        next: (request) => {
          try {
            queue.push(request); // runs the user's keyOf
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          inputDone = true;
          if (onComplete === 'drop') queue.clear();
          flush();
        },
      });
      return () => {
        subscription.unsubscribe();
        queue.clear();
      };
    });
}

function defaultKey(message: unknown): string {
  return typeof message === 'string' ? message : typeof message === 'number' ? String(message) : JSON.stringify(message);
}
