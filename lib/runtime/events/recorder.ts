// Recorder: publish events.k8s.io/v1 Events about objects, aggregating repeats into series.
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import { Api } from '../../client/api.js';
import type { Client } from '../../client/client.js';
import { isApiError } from '../../core/errors/api-error.js';
import { Patch } from '../../core/patch.js';
import { EventsV1Event } from '../../core/resources/events-v1.js';

/** Who reports: the controller's name and, optionally, which replica. */
export interface Reporter {
  /** e.g. `example.com/configmapgen-controller` */
  readonly controller: string;
  /** e.g. the pod name; @default the controller name */
  readonly instance?: string;
}

/** One event to publish. */
export interface EventInput {
  readonly type: 'Normal' | 'Warning';
  /** Why, in UpperCamelCase: `Created`, `FailedSync`. */
  readonly reason: string;
  /** What was done or attempted: `Reconcile`, `CreateChild`. */
  readonly action: string;
  /** A human-readable description (not part of the identity of a series). */
  readonly note?: string;
  /** Another object involved. */
  readonly secondary?: ObjectReference;
}

/** How long an event's series stays open for repeats: 6 minutes (client-go, kube-rs). */
export const EVENT_SERIES_TTL_MS = 6 * 60 * 1000;

interface CacheEntry {
  readonly name: string;
  readonly namespace: string;
  count: number;
  lastObserved: number;
}

/**
 * Publishes `events.k8s.io/v1` Events (what `kubectl describe` and `kubectl events` show).
 * Repeats of the same event (same type, reason, action, reporter, regarding and related
 * object — the note may differ, and the first one's is kept) within 6 minutes update one
 * Event's `series` (count and last observed time) with a merge patch instead of creating new
 * Events, as client-go's recorder does. Create one Recorder per controller and keep it: the cache is what
 * aggregates.
 *
 * ## Example
 * ```ts
 * const recorder = new Recorder(client, { controller: 'example.com/cmg' });
 * await recorder.publish({ type: 'Normal', reason: 'Created', action: 'Reconcile', note: 'made cm' }, objectReference);
 * ```
 *
 * Needs `create` and `patch` on `events.events.k8s.io` in the regarding object's namespace.
 */
export class Recorder {
  readonly #client: Client;
  readonly #reporter: Required<Reporter>;
  readonly #scheduler: SchedulerLike;
  readonly #cache = new Map<string, CacheEntry>();
  #sequence = 0;

  constructor(client: Client, reporter: Reporter, options: { scheduler?: SchedulerLike } = {}) {
    this.#client = client;
    this.#reporter = { controller: reporter.controller, instance: reporter.instance ?? reporter.controller };
    this.#scheduler = options.scheduler ?? asyncScheduler;
  }

  /**
   * Publishes an event about `regarding`: creates it, or adds to its series if it repeats.
   *
   * @throws {ApiError} when the API server refuses the create or patch.
   */
  async publish(event: EventInput, regarding: ObjectReference): Promise<void> {
    const now = this.#scheduler.now();
    this.#collect(now);
    const namespace = regarding.namespace ?? 'default';
    const api = Api.namespaced<EventsV1Event>(this.#client, EventsV1Event, namespace);
    const key = this.#key(event, regarding);
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      const count = cached.count + 1;
      try {
        // Only the series: events.k8s.io/v1 makes every other field immutable (the note too).
        await api.patch(cached.name, Patch.merge({ series: { count, lastObservedTime: microTime(now) } }));
        cached.count = count;
        cached.lastObserved = now;
        return;
      } catch (error) {
        if (!(isApiError(error) && error.isNotFound())) throw error;
        this.#cache.delete(key); // the Event expired on the server: start a new one
      }
    }
    const name = `${regarding.name ?? this.#reporter.controller}.${this.#uniqueSuffix(now)}`;
    await api.create({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name, namespace },
      eventTime: microTime(now),
      reportingController: this.#reporter.controller,
      reportingInstance: this.#reporter.instance,
      action: event.action,
      reason: event.reason,
      type: event.type,
      regarding,
      ...(event.note === undefined ? {} : { note: event.note }),
      ...(event.secondary === undefined ? {} : { related: event.secondary }),
    });
    this.#cache.set(key, { name, namespace, count: 1, lastObserved: now });
  }

  #key(event: EventInput, regarding: ObjectReference): string {
    const ref = (r: ObjectReference | undefined) => (r === undefined ? null : [r.apiVersion, r.kind, r.namespace, r.name, r.uid]);
    return JSON.stringify([event.type, event.action, event.reason, this.#reporter.controller, this.#reporter.instance, ref(regarding), ref(event.secondary)]);
  }

  #collect(now: number): void {
    for (const [key, entry] of this.#cache) if (now - entry.lastObserved > EVENT_SERIES_TTL_MS) this.#cache.delete(key);
  }

  /** `hex(now in ns)`, made unique for events within the same millisecond. */
  #uniqueSuffix(now: number): string {
    this.#sequence = (this.#sequence + 1) % 1_000_000;
    return (BigInt(Math.floor(now)) * 1_000_000n + BigInt(this.#sequence)).toString(16);
  }
}

/** `metav1.MicroTime`: RFC 3339 in UTC with six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
