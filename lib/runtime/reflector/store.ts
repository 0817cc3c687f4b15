// createStore(): an in-memory cache of one kind, written by a reflector and read by anyone.
import { Observable, Subject, firstValueFrom } from 'rxjs';
import type { KubeObject } from '../../core/object.js';
import type { LabelSelectorInput } from '../../core/params/list-params.js';
import { matchesLabels, toLabelSelector } from '../../core/selectors/label-selector.js';
import { restarted, type WatcherEvent } from '../watcher/watcher-event.js';
import { objectKeyOf, refKeyOf } from './object-key.js';
import { StoreError } from './store-error.js';

/** Computes the index values of an object, e.g. `(pod) => [pod.spec?.nodeName ?? '']`. */
export type IndexFunction<K> = (object: K) => readonly string[];

/** Options of {@link createStore}. */
export interface StoreOptions<K> {
  /** Secondary indexes by name (client-go Indexers), queried with `reader.byIndex(name, value)`. */
  readonly indexes?: Readonly<Record<string, IndexFunction<K>>>;
}

/** A reference to an object in a store: its name and, for namespaced kinds, its namespace. */
export interface StoreRef {
  readonly name: string;
  readonly namespace?: string | undefined;
}

/**
 * The read half of a store. A store is a cache: it may lag the API server, and it holds
 * what the last events said, not a promise about the present.
 */
export interface Store<K> {
  /**
   * The object with this name and namespace. A namespaced reference also finds a
   * cluster-scoped object of that name (owners of namespaced children may be cluster-scoped).
   */
  get(ref: StoreRef): K | undefined;
  /** Every object, as a new array. */
  state(): K[];
  /** The first object matching `predicate`. */
  find(predicate: (object: K) => boolean): K | undefined;
  /** Every object matching `predicate`. */
  filter(predicate: (object: K) => boolean): K[];
  /** Every object whose labels match the selector. */
  filterSelector(selector: LabelSelectorInput): K[];
  /** The objects whose index `name` includes `value`. */
  byIndex(name: string, value: string): K[];
  /** How many objects the store holds. */
  readonly size: number;
  /** True once the first `Restarted` (the initial list) has been applied. */
  readonly isReady: boolean;
  /**
   * Emits once (then completes) when the store is ready. Errors with a {@link StoreError}
   * `WriterDropped` when the stream feeding the store errors, completes or is unsubscribed
   * before that — and at once when subscribed after such an end while no stream feeds the
   * store — so waiting on it cannot hang a program. Waiting before any stream was attached
   * is fine: the first `reflect()` subscription is awaited.
   */
  readonly ready$: Observable<void>;
  /** A Promise form of `ready$`: resolves when ready, rejects (`StoreError`) as `ready$` errors. */
  ready(): Promise<void>;
  /**
   * Every event applied to the store from now on, preceded — when the store is already
   * ready — by a `Restarted` with the current snapshot, so that a late subscriber starts from
   * the full state (kube-rs #1630). Feed it to `reflect()` to mirror the store, or to triggers.
   */
  readonly changes$: Observable<WatcherEvent<K>>;
}

/** The write half of a store: give it to exactly one reflector at a time. */
export interface StoreWriter<K> {
  /** Applies an event: upsert, remove, or replace everything atomically. */
  apply(event: WatcherEvent<K>): void;
  /** A stream starts feeding the store (`reflect()` calls it on subscribe): `ready()` waits for it. */
  attach(): void;
  /**
   * A stream feeding the store ended (one `abandon` per `attach`). If it was the last one
   * and the store is not ready, pending and later `ready()` calls reject with a `StoreError`
   * until a stream attaches again. `reason` is the stream's error (kept as `cause`) or a
   * sentence saying how it ended (`'it completed'`).
   */
  abandon(reason: unknown): void;
}

/**
 * Creates a store: `writer` for one reflector (see `reflect`), `reader` for everyone else.
 *
 * `Restarted` builds the new map (and indexes) aside and swaps it in at once, so readers
 * never see half a relist.
 *
 * ## Example
 * ```ts
 * const { reader, writer } = createStore<Pod>({ indexes: { node: (p) => [p.spec?.nodeName ?? ''] } });
 * watcher(pods).pipe(reflect(writer)).subscribe();
 * await reader.ready();
 * reader.byIndex('node', 'node-1');
 * ```
 */
export function createStore<K extends KubeObject>(options: StoreOptions<K> = {}): { reader: Store<K>; writer: StoreWriter<K> } {
  const indexFns = Object.entries(options.indexes ?? {});
  let objects = new Map<string, K>();
  let indexes = new Map<string, Map<string, Map<string, K>>>();
  let isReady = false;
  let abandoned: StoreError | undefined;
  let feeds = 0;
  const events = new Subject<WatcherEvent<K>>();
  let readyWaiters = new Subject<void>();

  const index = (key: string, object: K, into = indexes) => {
    for (const [name, fn] of indexFns) {
      let byValue = into.get(name);
      if (byValue === undefined) into.set(name, (byValue = new Map()));
      for (const value of fn(object)) {
        let entries = byValue.get(value);
        if (entries === undefined) byValue.set(value, (entries = new Map()));
        entries.set(key, object);
      }
    }
  };
  const unindex = (key: string, object: K) => {
    for (const [name, fn] of indexFns) {
      const byValue = indexes.get(name);
      for (const value of fn(object)) {
        const entries = byValue?.get(value);
        entries?.delete(key);
        if (entries?.size === 0) byValue?.delete(value);
      }
    }
  };

  const writer: StoreWriter<K> = {
    apply(event) {
      switch (event.type) {
        case 'Applied': {
          const key = objectKeyOf(event.object);
          const old = objects.get(key);
          if (old !== undefined) unindex(key, old);
          objects.set(key, event.object);
          index(key, event.object);
          break;
        }
        case 'Deleted': {
          const key = objectKeyOf(event.object);
          const old = objects.get(key);
          if (old !== undefined) unindex(key, old);
          objects.delete(key);
          break;
        }
        case 'Restarted': {
          const next = new Map<string, K>();
          const nextIndexes = new Map<string, Map<string, Map<string, K>>>();
          for (const object of event.objects) {
            const key = objectKeyOf(object);
            next.set(key, object);
            index(key, object, nextIndexes);
          }
          objects = next;
          indexes = nextIndexes;
          break;
        }
      }
      events.next(event);
      if (!isReady && event.type === 'Restarted') {
        isReady = true;
        readyWaiters.next();
        readyWaiters.complete();
      }
    },
    attach() {
      feeds += 1;
      abandoned = undefined;
    },
    abandon(reason) {
      feeds = Math.max(0, feeds - 1);
      if (isReady || feeds > 0) return;
      const how = typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : String(reason);
      abandoned = new StoreError(
        'WriterDropped',
        `the stream feeding this store ended before the initial list arrived: ${how}`,
        typeof reason === 'string' ? undefined : { cause: reason },
      );
      const waiters = readyWaiters;
      readyWaiters = new Subject<void>();
      waiters.error(abandoned);
    },
  };

  const ready$ = new Observable<void>((subscriber) => {
    if (isReady) {
      subscriber.next();
      subscriber.complete();
      return undefined;
    }
    if (abandoned !== undefined) {
      subscriber.error(abandoned);
      return undefined;
    }
    return readyWaiters.subscribe(subscriber);
  });

  const reader: Store<K> = {
    get(ref) {
      return objects.get(refKeyOf(ref)) ?? (ref.namespace === undefined ? undefined : objects.get(refKeyOf({ name: ref.name })));
    },
    state: () => [...objects.values()],
    find(predicate) {
      for (const object of objects.values()) if (predicate(object)) return object;
      return undefined;
    },
    filter: (predicate) => [...objects.values()].filter(predicate),
    filterSelector(selector) {
      const parsed = toLabelSelector(selector);
      return [...objects.values()].filter((o) => matchesLabels(parsed, o.metadata?.labels));
    },
    byIndex(name, value) {
      if (!indexFns.some(([n]) => n === name)) throw new StoreError('UnknownIndex', `the store has no index named ${JSON.stringify(name)}`);
      return [...(indexes.get(name)?.get(value)?.values() ?? [])];
    },
    get size() {
      return objects.size;
    },
    get isReady() {
      return isReady;
    },
    ready$,
    ready: () => firstValueFrom(ready$),
    changes$: new Observable<WatcherEvent<K>>((subscriber) => {
      if (isReady) subscriber.next(restarted([...objects.values()]));
      return events.subscribe(subscriber);
    }),
  };

  return { reader, writer };
}
