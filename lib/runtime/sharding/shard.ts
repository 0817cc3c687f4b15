// Shards of a kind: a stable hash of namespace/name picks each object's shard; a Shard filters by it.
import { filter, map, type MonoTypeOperatorFunction } from 'rxjs';
import type { KubeObject } from '../../core/object.js';
import { restarted, type WatcherEvent } from '../watcher/watcher-event.js';

/**
 * The shard (0 to `shards - 1`) of the object `namespace/name` (cluster-scoped: `/name`): the
 * 32-bit FNV-1a hash of the UTF-8 bytes of `${namespace}/${name}`, modulo `shards`. It is
 * stable across processes, restarts and kube-rx versions, so every replica agrees, and easy
 * to compute elsewhere (a webhook stamping a shard label, a script).
 *
 * ## Example
 * ```ts
 * shardOf('default', 'web', 3); // 0, 1 or 2, always the same
 * ```
 *
 * @throws {RangeError} when `shards` is not a positive integer.
 */
export function shardOf(namespace: string | undefined, name: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shardOf: shards must be a positive integer, got ${String(shards)}`);
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${namespace ?? ''}/${name}`)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** The shard of an object, by {@link shardOf} of its namespace and name. */
export function shardOfObject(object: KubeObject, shards: number): number {
  return shardOf(object.metadata?.namespace, object.metadata?.name ?? '', shards);
}

/**
 * One shard of a kind split `count` ways: which objects are its, as a predicate, a stream
 * operator, or a label selector.
 */
export class Shard {
  /** This shard's number, 0 to `count - 1`. */
  readonly index: number;
  /** How many shards the kind is split into. */
  readonly count: number;

  /** @throws {RangeError} for a count that is not a positive integer or an index out of range. */
  constructor(index: number, count: number) {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`Shard: count must be a positive integer, got ${String(count)}`);
    if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`Shard: index must be an integer in [0, ${count - 1}], got ${String(index)}`);
    this.index = index;
    this.count = count;
  }

  /** Whether `object` belongs to this shard (hash of its namespace/name). */
  contains(object: KubeObject): boolean {
    return shardOfObject(object, this.count) === this.index;
  }

  /**
   * Keeps only this shard's objects of a watcher stream: `Applied`/`Deleted` of other shards
   * are dropped, a `Restarted` keeps this shard's objects (so a store or controller behind it
   * sees a consistent shard).
   *
   * ```text
   * events:  -A(x0)-A(y1)-D(x0)-R([x0,y1])-     x0 in shard 0, y1 in shard 1
   * shard 0: -A(x0)-------D(x0)-R([x0])----
   * ```
   */
  filter<K extends KubeObject>(): MonoTypeOperatorFunction<WatcherEvent<K>> {
    return (source) =>
      source.pipe(
        map((event): WatcherEvent<K> | undefined => {
          switch (event.type) {
            case 'Applied':
            case 'Deleted':
              return this.contains(event.object) ? event : undefined;
            case 'Restarted':
              return restarted(event.objects.filter((object) => this.contains(object)));
          }
        }),
        filter((event): event is WatcherEvent<K> => event !== undefined),
      );
  }

  /**
   * For kinds that carry their shard in a label (stamped by whoever creates them, e.g. with
   * {@link shardOfObject}): the label selector `label=index`, so that the API server sends
   * each replica only its shard. `Controller.for(api, { labelSelector: shard.labelSelector('example.com/shard') })`.
   */
  labelSelector(label: string): string {
    return `${label}=${this.index}`;
  }
}
