// The bounded history of store events: what watches resume from and what old snapshots are rebuilt from.
import type { StoreEvent } from './store-event.js';

/**
 * A ring buffer of the most recent {@link StoreEvent}s, in resourceVersion order.
 *
 * `compactedRv` is the boundary of the retained window: every event with a
 * resourceVersion above it is still here, so a watch or snapshot at any resourceVersion
 * `>= compactedRv` can be served, and one below it must be answered with 410 Expired.
 * It rises when the buffer overflows (the oldest event is dropped) and on {@link compact}.
 */
export class EventLog {
  readonly #capacity: number;
  readonly #events: (StoreEvent | undefined)[];
  #start = 0;
  #count = 0;
  #compactedRv: number;

  /**
   * @param capacity How many events to retain (at least 1).
   * @param initialRv The resourceVersion before the first event: watching from it is allowed.
   */
  constructor(capacity: number, initialRv = 0) {
    this.#capacity = Math.max(1, Math.floor(capacity));
    this.#events = new Array<StoreEvent | undefined>(this.#capacity);
    this.#compactedRv = initialRv;
  }

  /** Events with a resourceVersion at or below this may be gone. */
  get compactedRv(): number {
    return this.#compactedRv;
  }

  /** How many events are retained. */
  get size(): number {
    return this.#count;
  }

  /** Appends an event (resourceVersions must increase), dropping the oldest when full. */
  append(event: StoreEvent): void {
    if (this.#count === this.#capacity) {
      const dropped = this.#events[this.#start];
      this.#events[this.#start] = undefined;
      this.#start = (this.#start + 1) % this.#capacity;
      this.#count -= 1;
      if (dropped !== undefined) this.#compactedRv = Math.max(this.#compactedRv, dropped.rv);
    }
    this.#events[(this.#start + this.#count) % this.#capacity] = event;
    this.#count += 1;
  }

  /**
   * Every retained event with a resourceVersion above `rv`, oldest first; `undefined`
   * when `rv` is below the window (some of those events are gone).
   */
  since(rv: number): StoreEvent[] | undefined {
    if (rv < this.#compactedRv) return undefined;
    const out: StoreEvent[] = [];
    // Binary search for the first event above rv.
    let lo = 0;
    let hi = this.#count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const event = this.#at(mid);
      if (event.rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.#count; i += 1) out.push(this.#at(i));
    return out;
  }

  /** Forgets every event at or below `rv` (etcd compaction). */
  compact(rv: number): void {
    while (this.#count > 0 && this.#at(0).rv <= rv) {
      this.#events[this.#start] = undefined;
      this.#start = (this.#start + 1) % this.#capacity;
      this.#count -= 1;
    }
    this.#compactedRv = Math.max(this.#compactedRv, rv);
  }

  #at(index: number): StoreEvent {
    return this.#events[(this.#start + index) % this.#capacity] as StoreEvent;
  }
}
