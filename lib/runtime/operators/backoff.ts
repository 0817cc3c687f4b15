// backoff(): re-subscribe to a failed stream after a delay from a backoff policy.
import { asyncScheduler, Observable, Subscription, timer, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { defaultBackoff, type BackoffPolicy } from '../backoff/backoff-policy.js';

/** Options of the {@link backoff} operator. */
export interface BackoffConfig {
  /** @default defaultBackoff() */
  readonly policy?: BackoffPolicy;
  /** Called with each error before the delay. */
  readonly onError?: (error: unknown, delay: number | undefined) => void;
  /** @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/**
 * On error, waits the policy's next delay and re-subscribes to the source; any value resets
 * the policy. When the policy gives up (`undefined`), the error goes downstream.
 *
 * ```text
 * source (1st):  --a--#
 * source (2nd):          --b--|         (delay d after the error)
 * backoff:       --a--- d --b--|
 * ```
 *
 * The watcher retries internally; use this for your own streams (e.g. a trigger built from
 * other I/O), or around a watcher created with `retry: false` to control recovery yourself.
 */
export function backoff<T>(config: BackoffConfig = {}): MonoTypeOperatorFunction<T> {
  const { policy = defaultBackoff(), onError, scheduler = asyncScheduler } = config;
  return (source) =>
    new Observable<T>((subscriber) => {
      const state = policy(scheduler);
      let current = new Subscription();
      const run = (): void => {
        if (subscriber.closed) return;
        current.unsubscribe();
        current = new Subscription();
        const phase = current;
        phase.add(
          source.subscribe({
            next: (value) => {
              state.reset();
              subscriber.next(value);
            },
            error: (error: unknown) => {
              const delay = state.next();
              onError?.(error, delay);
              if (delay === undefined) {
                subscriber.error(error);
                return;
              }
              current.unsubscribe();
              current = new Subscription();
              current.add(timer(delay, scheduler).subscribe({ complete: run }));
            },
            complete: () => subscriber.complete(),
          }),
        );
      };
      run();
      return () => current.unsubscribe();
    });
}
