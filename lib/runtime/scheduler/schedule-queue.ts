// The delay queue behind schedule() and the applier: dedupe by key, earliest wins, debounce.
import type { SchedulerLike, Subscription } from 'rxjs';

/** A message and the time (ms on the scheduler's clock) it should be emitted at. */
export interface ScheduleRequest<T> {
  readonly message: T;
  readonly runAt: number;
}

/** How far ahead a request may be scheduled: 180 days (kube-rs clamps the same way). */
export const MAX_SCHEDULE_HORIZON_MS = 180 * 24 * 3600 * 1000;

interface Entry<T> {
  message: T;
  runAt: number;
  timer: Subscription;
}

/**
 * Delays messages until their time, keeping at most one entry per key (kube-rs's scheduler):
 *
 * - A request for a key that is already **due** (waiting in `pending` to be taken) is dropped:
 *   it will run as soon as possible anyway.
 * - A request no later than the scheduled entry replaces it (message and time), at
 *   `runAt + debounce`: with a debounce this is a trailing-edge debounce, a burst of requests
 *   runs once, `debounce` after the last.
 * - A request later than the scheduled entry is ignored: the earliest wins.
 *
 * Due messages wait in `pending` (in the order they became due) until `take` hands them out,
 * so a consumer can hold back keys that are busy without blocking the others.
 *
 * @internal used by `schedule()` and `applier()`
 */
export class ScheduleQueue<T> {
  readonly #scheduler: SchedulerLike;
  readonly #debounce: number;
  readonly #keyOf: (message: T) => string;
  readonly #onDue: () => void;
  readonly #scheduled = new Map<string, Entry<T>>();
  readonly #pending = new Map<string, T>();

  constructor(scheduler: SchedulerLike, debounce: number, keyOf: (message: T) => string, onDue: () => void) {
    this.#scheduler = scheduler;
    this.#debounce = debounce;
    this.#keyOf = keyOf;
    this.#onDue = onDue;
  }

  /** Messages due but not taken yet. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Messages waiting for their time. */
  get scheduledCount(): number {
    return this.#scheduled.size;
  }

  push(request: ScheduleRequest<T>): void {
    const key = this.#keyOf(request.message);
    if (this.#pending.has(key)) return;
    const now = this.#scheduler.now();
    const runAt = Math.min(request.runAt + this.#debounce, now + MAX_SCHEDULE_HORIZON_MS);
    const existing = this.#scheduled.get(key);
    if (existing !== undefined) {
      if (existing.runAt < request.runAt) return;
      existing.timer.unsubscribe();
      this.#scheduled.delete(key);
    }
    if (runAt <= now) {
      this.#pending.set(key, request.message);
      this.#onDue();
      return;
    }
    const entry: Entry<T> = {
      message: request.message,
      runAt,
      timer: this.#scheduler.schedule(() => {
        this.#scheduled.delete(key);
        this.#pending.set(key, entry.message);
        this.#onDue();
      }, runAt - now),
    };
    this.#scheduled.set(key, entry);
  }

  /** Removes and returns the first due message whose key `canTake` accepts. */
  take(canTake: (key: string) => boolean = () => true): { key: string; message: T } | undefined {
    for (const [key, message] of this.#pending) {
      if (canTake(key)) {
        this.#pending.delete(key);
        return { key, message };
      }
    }
    return undefined;
  }

  /** Cancels every timer and forgets everything. */
  clear(): void {
    for (const entry of this.#scheduled.values()) entry.timer.unsubscribe();
    this.#scheduled.clear();
    this.#pending.clear();
  }
}
