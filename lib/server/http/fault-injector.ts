// Test hook: makes the next N matching requests fail with a chosen Status.
import { failureStatus, type Status } from '../../core/index.js';

/** Which requests an injected failure applies to. */
export interface FaultFilter {
  /** Only this HTTP method (`GET`, `POST`, ...). */
  readonly method?: string;
  /** Only paths starting with this (e.g. `/api/v1/namespaces/default/configmaps`). */
  readonly pathPrefix?: string;
  /** Only watch requests (`true`) or only non-watch requests (`false`). */
  readonly watch?: boolean;
}

/** The Status injected failures answer with when none is given: 503 ServiceUnavailable. */
export const DEFAULT_FAULT_STATUS: Status = failureStatus(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');

interface Fault {
  remaining: number;
  readonly status: Status;
  readonly filter: FaultFilter;
}

/** A queue of injected failures, consumed by the requests they match, oldest first. */
export class FaultInjector {
  readonly #faults: Fault[] = [];

  /** Queues `count` failures answering `status`. */
  failNext(count: number, status: Status = DEFAULT_FAULT_STATUS, filter: FaultFilter = {}): void {
    if (count > 0) this.#faults.push({ remaining: count, status, filter });
  }

  /** The Status a request must fail with, consuming one failure, or `undefined`. */
  take(method: string, path: string, isWatch: boolean): Status | undefined {
    const index = this.#faults.findIndex(
      (f) =>
        (f.filter.method === undefined || f.filter.method.toUpperCase() === method) &&
        (f.filter.pathPrefix === undefined || path.startsWith(f.filter.pathPrefix)) &&
        (f.filter.watch === undefined || f.filter.watch === isWatch),
    );
    if (index === -1) return undefined;
    const fault = this.#faults[index] as Fault;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#faults.splice(index, 1);
    return fault.status;
  }

  /** Forgets every pending failure. */
  clear(): void {
    this.#faults.length = 0;
  }
}
