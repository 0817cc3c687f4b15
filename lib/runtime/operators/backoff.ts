// backoff(): re-subscribe to a failed stream after a delay from a backoff policy.
import { asyncScheduler, defer, retry, tap, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { defaultBackoff, type BackoffPolicy } from '../backoff/backoff-policy.js';

/** Options of the {@link backoff} operator. */
export interface BackoffConfig {
  /** @default defaultBackoff() */
  readonly policy?: BackoffPolicy;
  /** Called with each error before the delay (`undefined`: the policy gives up). A throw ends the stream with that error. */
  readonly onError?: (error: unknown, delay: number | undefined) => void;
  /** @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/**
 * On error, waits the policy's next delay and re-subscribes to the source; any value resets
 * the policy. When the policy gives up (`undefined`), the error goes downstream. It is
 * RxJS's `retry({ delay })` with a stateful policy per subscription.
 *
 * ```text
 * source (1st):  --a--#
 * source (2nd):          --b--|         (delay d after the error)
 * backoff:       --a--- d --b--|
 * ```
 *
 * A throwing `onError` ends the stream with the thrown error (no retry).
 *
 * The watcher retries internally; use this for your own streams (e.g. a trigger built from
 * other I/O), or around a watcher created with `retry: false` to control recovery yourself.
 */
export function backoff<T>(config: BackoffConfig = {}): MonoTypeOperatorFunction<T> {
  const { policy = defaultBackoff(), onError, scheduler = asyncScheduler } = config;
  return (source) =>
    defer(() => {
      const state = policy(scheduler);
      return source.pipe(
        tap(() => state.reset()),
        retry({
          delay: (error: unknown) => {
            const delay = state.next();
            onError?.(error, delay);
            if (delay === undefined) throw error;
            return timer(delay, scheduler);
          },
        }),
      );
    });
}
