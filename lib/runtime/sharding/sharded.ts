// sharded(): run a controller per shard this replica leads, with leader election per shard.
import { asyncScheduler, defer, merge, switchMap, timer, type Observable, type SchedulerLike } from 'rxjs';
import { leaderElection, type LeaderElectionConfig } from '../leader/leader-election.js';
import type { LeaseLock } from '../leader/lease-lock.js';
import { whileLeading } from '../leader/while-leading.js';
import { Shard } from './shard.js';

/** Options of {@link sharded}. */
export interface ShardedConfig {
  /** How many shards the kind is split into (the same on every replica). */
  readonly shards: number;
  /** This replica's identity, unique among replicas (the pod name). */
  readonly identity: string;
  /** The Lease of each shard, e.g. `(i) => leaseLock(leases, \`widgets-shard-${i}\`)`. */
  readonly lock: (shard: number) => LeaseLock;
  /**
   * The shards this replica campaigns for at once; it stands by for the others, campaigning
   * only after `standbyDelay`, so that each replica first takes its own and a dead replica's
   * shard goes to a survivor. Give replica `r` of `n` the shards `i` with `i % n === r`.
   * @default every shard (the first replica up may then lead them all)
   */
  readonly preferred?: readonly number[];
  /** How long to stand by before campaigning for a shard that is not preferred, ms. @default the lease duration */
  readonly standbyDelay?: number;
  /** Leader election timings and error reporting (client-go's defaults 15 s / 10 s / 2 s). */
  readonly election?: Omit<LeaderElectionConfig, 'identity' | 'scheduler'>;
  /** @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/**
 * Scales a controller out across replicas (controller-runtime's sharding, which kube-rs leaves
 * to users): the kind is split into `shards` by {@link shardOf} of namespace/name, every shard
 * has a Lease, and each replica runs `run(shard)` for exactly the shards whose Lease it holds
 * (leader election per shard, client-go's algorithm). So each object is reconciled by one
 * replica at a time, and when a replica dies its shards' Leases expire and survivors take them
 * over: after about one lease duration (client-go's rule: the holder's last renewal plus
 * `leaseDuration` by the taker's own clock, checked every `retryPeriod`, so at most
 * `leaseDuration + 2 × retryPeriod` after the death, plus request time). A replica that
 * stops cleanly releases its Leases and hands over at once. A replica stands by for the
 * shards it does not prefer only `standbyDelay` after it started, and a Lease it sees for
 * the first time counts as renewed just then: a replica that only just started takes an
 * orphaned shard a lease duration after it first looked.
 *
 * `run(shard)` is subscribed when this replica gains the shard and unsubscribed when it loses
 * it (its reconciles' AbortSignals abort). Inside, keep to the shard: a hash-split kind with
 * `shard.filter()` on a shared reflector, a labelled kind with `shard.labelSelector(label)`.
 * A shard stays with whoever holds it: there is no rebalancing when a replica comes back.
 *
 * ```text
 * shard 0 lease:  a leads ..............................
 * shard 1 lease:  b leads ........ b dies ~lease~ c leads
 * replica c:      run(shard 2) ........................ + run(shard 1)
 * ```
 *
 * ## Example
 * ```ts
 * const { reader, writer } = createStore<Widget>();
 * const widgets$ = watcher(Api.all(client, Widget)).pipe(reflect(writer), share());
 * sharded({ shards: 3, identity: podName, preferred: [ordinal], lock: (i) => leaseLock(leases, `widgets-${i}`) }, (shard) =>
 *   Controller.forShared(reader, widgets$.pipe(shard.filter()), Widget).run(reconcile, errorPolicy, context),
 * ).subscribe();
 * ```
 *
 * @throws {RangeError} at once for a bad `shards`, a preferred shard out of range, or
 *   election timings that cannot work.
 */
export function sharded<T>(config: ShardedConfig, run: (shard: Shard) => Observable<T>): Observable<T> {
  const { shards, identity, lock, election = {}, scheduler = asyncScheduler } = config;
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`sharded: shards must be a positive integer, got ${String(shards)}`);
  const preferred = new Set(config.preferred ?? Array.from({ length: shards }, (_, i) => i));
  for (const shard of preferred) {
    if (!Number.isInteger(shard) || shard < 0 || shard >= shards) throw new RangeError(`sharded: preferred shard ${String(shard)} is not in [0, ${shards - 1}]`);
  }
  const standbyDelay = config.standbyDelay ?? election.leaseDuration ?? 15_000;
  const perShard = Array.from({ length: shards }, (_, index) => {
    const shard = new Shard(index, shards);
    const leading$ = leaderElection(lock(index), { ...election, identity, scheduler }); // checks the timings now
    const campaign$ = preferred.has(index) ? leading$ : timer(standbyDelay, scheduler).pipe(switchMap(() => leading$));
    return defer(() => run(shard)).pipe(whileLeading(campaign$));
  });
  return merge(...perShard);
}
