// The in-memory storage: buckets of objects, one global resourceVersion counter, and the event log.
import { OBJECT_META_ORDER } from '../objects/canonical-object.js';
import { EventLog } from './event-log.js';
import type { StoredObject, StoreEvent, StoreEventType } from './store-event.js';

/** A listener called synchronously after every committed change. */
export type StoreListener = (event: StoreEvent) => void;

/** What {@link ObjectStore} needs. */
export interface ObjectStoreOptions {
  /**
   * How many events the history keeps (the watch cache / etcd window).
   * @default 10000
   */
  readonly historySize?: number;
  /** Called when a listener throws; the change itself stays committed. */
  readonly onListenerError?: (error: unknown) => void;
}

/** One object of a list, with its storage key. */
export interface Entry {
  readonly key: string;
  readonly object: StoredObject;
}

interface Bucket {
  readonly objects: Map<string, StoredObject>;
  sorted: string[] | undefined;
}

/**
 * Stores objects by bucket (`group/resource` of the storage resource) and key
 * (`namespace/name`), like etcd under kube-apiserver:
 *
 * - one global, monotonic resourceVersion: every create, update and delete in any bucket
 *   takes the next number, and the stored object carries it;
 * - an update whose result is byte-identical to the stored object is a no-op: no new
 *   resourceVersion, no event;
 * - every change is appended to a bounded {@link EventLog} and handed to listeners
 *   synchronously, so watchers and controllers see changes in commit order;
 * - {@link snapshot} rebuilds a bucket as it was at any resourceVersion still in the log,
 *   which is what exact-resourceVersion lists and continue tokens read.
 *
 * Objects are treated as immutable once stored: callers pass new objects to write.
 */
export class ObjectStore {
  readonly #buckets = new Map<string, Bucket>();
  readonly #log: EventLog;
  readonly #listeners = new Set<StoreListener>();
  readonly #waiters = new Set<{ rv: number; resolve: (reached: boolean) => void; timer: NodeJS.Timeout }>();
  readonly #onListenerError: (error: unknown) => void;
  #rv = 0;

  constructor(options: ObjectStoreOptions = {}) {
    this.#log = new EventLog(options.historySize ?? 10000, 0);
    this.#onListenerError = options.onListenerError ?? (() => undefined);
  }

  /** The current (latest) resourceVersion. */
  get resourceVersion(): number {
    return this.#rv;
  }

  /** Below this resourceVersion, history is gone: watches and snapshots there answer 410. */
  get compactedRv(): number {
    return this.#log.compactedRv;
  }

  /** The stored object, if any. */
  get(bucket: string, key: string): StoredObject | undefined {
    return this.#buckets.get(bucket)?.objects.get(key);
  }

  /** How many objects a bucket holds. */
  count(bucket: string): number {
    return this.#buckets.get(bucket)?.objects.size ?? 0;
  }

  /** Stores a new object; it must not exist. Returns it with its resourceVersion. */
  create(bucket: string, key: string, object: StoredObject): StoredObject {
    const b = this.#bucket(bucket);
    if (b.objects.has(key)) throw new Error(`kube-rx store: ${bucket} ${key} already exists`);
    const rv = this.#rv + 1;
    const stored = withResourceVersion(object, rv);
    this.#rv = rv;
    b.objects.set(key, stored);
    b.sorted = undefined;
    this.#commit('ADDED', bucket, key, stored, undefined);
    return stored;
  }

  /**
   * Replaces a stored object. When the new object (with the old resourceVersion) serializes
   * exactly like the stored one, nothing happens and `changed` is false.
   */
  update(bucket: string, key: string, object: StoredObject): { object: StoredObject; changed: boolean } {
    const b = this.#bucket(bucket);
    const old = b.objects.get(key);
    if (old === undefined) throw new Error(`kube-rx store: ${bucket} ${key} does not exist`);
    const oldRv = Number(old.metadata.resourceVersion ?? '0');
    if (JSON.stringify(withResourceVersion(object, oldRv)) === JSON.stringify(old)) return { object: old, changed: false };
    const rv = this.#rv + 1;
    const stored = withResourceVersion(object, rv);
    this.#rv = rv;
    b.objects.set(key, stored);
    this.#commit('MODIFIED', bucket, key, stored, old);
    return { object: stored, changed: true };
  }

  /** Removes an object; returns its last state with the deletion's resourceVersion. */
  remove(bucket: string, key: string): StoredObject {
    const b = this.#bucket(bucket);
    const old = b.objects.get(key);
    if (old === undefined) throw new Error(`kube-rx store: ${bucket} ${key} does not exist`);
    const rv = this.#rv + 1;
    const deleted = withResourceVersion(old, rv);
    this.#rv = rv;
    b.objects.delete(key);
    b.sorted = undefined;
    this.#commit('DELETED', bucket, key, deleted, old);
    return deleted;
  }

  /** The current objects of a bucket whose key starts with `prefix`, in key order. */
  entries(bucket: string, prefix = ''): Entry[] {
    const b = this.#buckets.get(bucket);
    if (b === undefined) return [];
    const keys = this.#sortedKeys(b);
    const out: Entry[] = [];
    for (let i = lowerBound(keys, prefix, (k) => k); i < keys.length; i += 1) {
      const key = keys[i] as string;
      if (!key.startsWith(prefix)) break;
      out.push({ key, object: b.objects.get(key) as StoredObject });
    }
    return out;
  }

  /**
   * The objects of a bucket under `prefix` as they were at resourceVersion `rv`, in key
   * order; `undefined` when `rv` is older than the retained history.
   */
  snapshot(bucket: string, rv: number, prefix = ''): Entry[] | undefined {
    if (rv >= this.#rv) return this.entries(bucket, prefix);
    const later = this.#log.since(rv);
    if (later === undefined) return undefined;
    const overlay = new Map<string, StoredObject | null>();
    for (const event of later) {
      if (event.bucket !== bucket || !event.key.startsWith(prefix) || overlay.has(event.key)) continue;
      overlay.set(event.key, event.type === 'ADDED' ? null : (event.previous ?? null));
    }
    const current = this.entries(bucket, prefix);
    if (overlay.size === 0) return current;
    const merged = new Map<string, StoredObject>();
    for (const entry of current) merged.set(entry.key, entry.object);
    for (const [key, value] of overlay) {
      if (value === null) merged.delete(key);
      else merged.set(key, value);
    }
    return [...merged.keys()].sort(compareKeys).map((key) => ({ key, object: merged.get(key) as StoredObject }));
  }

  /** The events after `rv`, oldest first; `undefined` when `rv` is older than the history. */
  eventsSince(rv: number): StoreEvent[] | undefined {
    return this.#log.since(rv);
  }

  /** Forgets history up to `rv` (default: all of it), so older resourceVersions answer 410. */
  compact(rv = this.#rv): void {
    this.#log.compact(Math.min(rv, this.#rv));
  }

  /** Every bucket that holds objects. */
  buckets(): string[] {
    return [...this.#buckets.entries()].filter(([, b]) => b.objects.size > 0).map(([name]) => name);
  }

  /** Calls `listener` after every committed change, in commit order. Returns the unsubscribe. */
  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves true once the resourceVersion reaches `rv`, or false after `timeoutMs`. */
  waitForResourceVersion(rv: number, timeoutMs: number): Promise<boolean> {
    if (this.#rv >= rv) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        rv,
        resolve,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          resolve(false);
        }, timeoutMs),
      };
      waiter.timer.unref();
      this.#waiters.add(waiter);
    });
  }

  /** Cancels pending waits (they resolve false). */
  close(): void {
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.#waiters.clear();
    this.#listeners.clear();
  }

  #bucket(name: string): Bucket {
    let b = this.#buckets.get(name);
    if (b === undefined) {
      b = { objects: new Map(), sorted: undefined };
      this.#buckets.set(name, b);
    }
    return b;
  }

  #sortedKeys(b: Bucket): string[] {
    if (b.sorted === undefined) b.sorted = [...b.objects.keys()].sort(compareKeys);
    return b.sorted;
  }

  #commit(type: StoreEventType, bucket: string, key: string, object: StoredObject, previous: StoredObject | undefined): void {
    const event: StoreEvent = { rv: this.#rv, type, bucket, key, object, previous, encoded: new Map() };
    this.#log.append(event);
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
    for (const waiter of this.#waiters) {
      if (this.#rv >= waiter.rv) {
        clearTimeout(waiter.timer);
        this.#waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  }
}

/** Byte order of storage keys, as etcd ranges them. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The index of the first item whose key is not below `target`, in items sorted by {@link compareKeys}. */
export function lowerBound<T>(sorted: readonly T[], target: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(sorted[mid] as T) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The metadata fields serialized after `resourceVersion`. */
const METADATA_AFTER_RV: ReadonlySet<string> = new Set(OBJECT_META_ORDER.slice(OBJECT_META_ORDER.indexOf('resourceVersion') + 1));

/** A copy of `object` whose `metadata.resourceVersion` is `rv` (keeping the metadata key order). */
export function withResourceVersion(object: StoredObject, rv: number): StoredObject {
  const value = String(rv);
  if (object.metadata.resourceVersion === value) return object;
  const metadata: Record<string, unknown> = {};
  let placed = false;
  for (const [k, v] of Object.entries(object.metadata)) {
    if (k === 'resourceVersion') {
      metadata[k] = value;
      placed = true;
    } else {
      if (!placed && METADATA_AFTER_RV.has(k)) {
        metadata['resourceVersion'] = value;
        placed = true;
      }
      metadata[k] = v;
    }
  }
  if (!placed) metadata['resourceVersion'] = value;
  return { ...object, metadata } as StoredObject;
}
