// What a watcher emits: an object applied or deleted, or the whole set restarted after a (re)list.

/**
 * One event of a {@link watcher} stream.
 *
 * - `Applied`: the object was created or modified (upsert it).
 * - `Deleted`: the object is gone; `object` is its last known state. Do not use deletes to
 *   manage external state — they can be missed while disconnected; use finalizers.
 * - `Restarted`: a (re)list finished; `objects` is the complete current set. Replace whatever
 *   you hold, atomically.
 *
 * Switch over `type` exhaustively: more variants may come (kube-rs split `Restarted` into
 * `Init`/`InitApply`/`InitDone`).
 */
export type WatcherEvent<K> =
  | { readonly type: 'Applied'; readonly object: K }
  | { readonly type: 'Deleted'; readonly object: K }
  | { readonly type: 'Restarted'; readonly objects: readonly K[] };

/** An `Applied` event. */
export function applied<K>(object: K): WatcherEvent<K> {
  return { type: 'Applied', object };
}

/** A `Deleted` event. */
export function deleted<K>(object: K): WatcherEvent<K> {
  return { type: 'Deleted', object };
}

/** A `Restarted` event. */
export function restarted<K>(objects: readonly K[]): WatcherEvent<K> {
  return { type: 'Restarted', objects };
}
