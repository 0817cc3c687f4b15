// Backoff policies: how long to wait after each consecutive failure, and when to give up.
import type { SchedulerLike } from 'rxjs';

/**
 * A stateful backoff: `next()` is the delay (ms) before the next retry, or `undefined` to
 * give up; `reset()` is called after progress, so the next failure starts small again.
 */
export interface Backoff {
  next(): number | undefined;
  reset(): void;
}

/**
 * Makes a fresh {@link Backoff} for one stream subscription. It receives the scheduler the
 * stream runs on, so that time-based policies (reset after a quiet period) use virtual time
 * in tests.
 */
export type BackoffPolicy = (scheduler: SchedulerLike) => Backoff;

/** Options of {@link exponentialBackoff}. */
export interface ExponentialBackoffOptions {
  /** First delay, ms. @default 800 */
  readonly initial?: number;
  /** Largest delay before jitter, ms. @default 30000 */
  readonly max?: number;
  /** Growth per failure. @default 2 */
  readonly factor?: number;
  /**
   * Add a random part in [0, delay) to each delay, so that many clients that failed together
   * do not retry together. @default true
   */
  readonly jitter?: boolean;
  /** Give up after this many consecutive failures. @default Infinity */
  readonly maxRetries?: number;
  /**
   * Reset to `initial` when the previous delay was handed out longer ago than this (ms),
   * even without progress (client-go's reflector, kube-rs `ResetTimerBackoff`). @default none
   */
  readonly resetAfter?: number;
  /** Source of randomness for jitter, in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/**
 * An exponential backoff policy: `initial`, `initial * factor`, ... capped at `max`, each plus
 * jitter; `undefined` after `maxRetries` failures in a row.
 *
 * ## Example
 * ```ts
 * const policy = exponentialBackoff({ initial: 100, max: 1000, jitter: false });
 * const b = policy(asyncScheduler);
 * [b.next(), b.next(), b.next(), b.next(), b.next()]; // [100, 200, 400, 800, 1000]
 * ```
 */
export function exponentialBackoff(options: ExponentialBackoffOptions = {}): BackoffPolicy {
  const {
    initial = 800,
    max = 30_000,
    factor = 2,
    jitter = true,
    maxRetries = Number.POSITIVE_INFINITY,
    resetAfter,
    random = Math.random,
  } = options;
  return (scheduler) => {
    let failures = 0;
    let lastHandedOut: number | undefined;
    return {
      next() {
        const now = scheduler.now();
        if (resetAfter !== undefined && lastHandedOut !== undefined && now - lastHandedOut > resetAfter) failures = 0;
        if (failures >= maxRetries) return undefined;
        const base = Math.min(max, initial * factor ** failures);
        failures += 1;
        lastHandedOut = now;
        return jitter ? base + Math.floor(random() * base) : base;
      },
      reset() {
        failures = 0;
        lastHandedOut = undefined;
      },
    };
  };
}

/**
 * The watcher's default: 800 ms doubling to 30 s, with jitter, reset after 120 s without a
 * failure — client-go's reflector parameters, as kube-rs uses them. Unlike kube-rs, only real
 * progress (an Applied, Deleted or Restarted event) resets it, never the start of a list.
 */
export function defaultBackoff(options: Pick<ExponentialBackoffOptions, 'random' | 'jitter'> = {}): BackoffPolicy {
  return exponentialBackoff({ initial: 800, max: 30_000, factor: 2, resetAfter: 120_000, ...options });
}
