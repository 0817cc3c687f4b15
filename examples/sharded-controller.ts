// Scale-out by sharding: three replicas split the ConfigMaps of a namespace into three shards by a
// stable hash of namespace/name, one Lease per shard; each object is reconciled by exactly one
// replica, and when a replica dies its shard moves to a survivor after about one lease duration.
// Run: npx tsx examples/sharded-controller.ts   (on your cluster: one replica, ordinal from
// $REPLICA (0-2), until Ctrl-C; on an embedded API server: three replicas in this process,
// one of them crashes, and the example checks who reconciled what)
import { filter, firstValueFrom, share, Subject, type Observable, type Subscription } from 'rxjs';
import { Api } from '../lib/client/api.js';
import type { Client } from '../lib/client/client.js';
import { ConfigMap, Namespace } from '../lib/core/resources/core-v1.js';
import { Lease } from '../lib/core/resources/coordination-v1.js';
import { Action } from '../lib/runtime/controller/action.js';
import { Controller } from '../lib/runtime/controller/controller.js';
import { leaseLock } from '../lib/runtime/leader/lease-lock.js';
import { reflect } from '../lib/runtime/reflector/reflect.js';
import { createStore } from '../lib/runtime/reflector/store.js';
import { shardOf } from '../lib/runtime/sharding/shard.js';
import { sharded } from '../lib/runtime/sharding/sharded.js';
import { watcher } from '../lib/runtime/watcher/watcher.js';
import { exampleClient } from './support/example-client.js';

const SHARDS = 3;
const namespace = 'sharded';

/** What happened, for the checks: a reconcile (who, which shard, which object) or a shard starting on a replica. */
type Happening = { readonly type: 'reconciled'; readonly replica: string; readonly shard: number; readonly name: string } | { readonly type: 'runs'; readonly replica: string; readonly shard: number };

/** One replica: a shared reflector of the namespace's ConfigMaps, and a controller per shard it leads. */
function replica(client: Client, identity: string, ordinal: number, timings: { leaseDuration: number; renewDeadline: number; retryPeriod: number }, happenings: Subject<Happening>): Observable<unknown> {
  const configMaps = Api.namespaced(client, ConfigMap, namespace);
  const leases = Api.namespaced(client, Lease, namespace);
  const { reader, writer } = createStore<ConfigMap>();
  const configMaps$ = watcher(configMaps).pipe(reflect(writer), share());
  return sharded(
    {
      shards: SHARDS,
      identity,
      preferred: [ordinal % SHARDS],
      lock: (shard) => leaseLock(leases, `sharded-controller-${shard}`),
      // A crash releases nothing: the shard moves only once its Lease expires.
      election: { ...timings, releaseOnCancel: false },
    },
    (shard) => {
      happenings.next({ type: 'runs', replica: identity, shard: shard.index });
      return Controller.forShared(reader, configMaps$.pipe(shard.filter()), ConfigMap).run(
        (cm) => {
          happenings.next({ type: 'reconciled', replica: identity, shard: shard.index, name: cm.metadata?.name ?? '' });
          return Action.awaitChange();
        },
        () => Action.requeue(10_000),
        {},
      );
    },
  );
}

const { client, target, embedded, close } = await exampleClient();
console.log(`using ${target}`);

if (embedded === undefined) {
  const ordinal = Number(process.env['REPLICA'] ?? '0');
  const happenings = new Subject<Happening>();
  happenings.subscribe((h) => console.log(h.type === 'runs' ? `leading shard ${h.shard}` : `shard ${h.shard}: reconciled ${h.name}`));
  replica(client, process.env['HOSTNAME'] ?? `replica-${ordinal}`, ordinal, { leaseDuration: 15_000, renewDeadline: 10_000, retryPeriod: 2_000 }, happenings).subscribe();
} else {
  await Api.cluster(client, Namespace).create({ metadata: { name: namespace } });
  const timings = { leaseDuration: 2000, renewDeadline: 1500, retryPeriod: 250 };
  const happenings = new Subject<Happening>();
  const seen: (Happening & { at: number })[] = [];
  happenings.subscribe((h) => seen.push({ ...h, at: Date.now() }));
  const reconciledBy = (name: string) => new Set(seen.filter((h) => h.type === 'reconciled' && h.name === name).map((h) => h.replica));
  const waitFor = (check: () => boolean) => firstValueFrom(happenings.pipe(filter(check)));
  const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india'];

  const replicas = new Map<string, Subscription>();
  const ready = waitFor(() => new Set(seen.filter((h) => h.type === 'runs').map((h) => h.shard)).size === SHARDS);
  for (const [ordinal, name] of ['replica-a', 'replica-b', 'replica-c'].entries()) replicas.set(name, replica(client, name, ordinal, timings, happenings).subscribe());
  await ready;
  const holderOf = (shard: number) => seen.filter((h) => h.type === 'runs' && h.shard === shard).at(-1)?.replica;
  for (let shard = 0; shard < SHARDS; shard++) console.log(`shard ${shard}: ${holderOf(shard)}`);

  const configMaps = Api.namespaced(client, ConfigMap, namespace);
  const allReconciled = waitFor(() => names.every((name) => reconciledBy(name).size > 0));
  for (const name of names) await configMaps.create({ metadata: { name } });
  await allReconciled;
  for (const name of names) {
    const by = [...reconciledBy(name)];
    const shard = shardOf(namespace, name, SHARDS);
    console.log(`${name}: shard ${shard}, reconciled by ${by.join(', ')}${by.length === 1 && by[0] === holderOf(shard) ? '' : '  <-- WRONG'}`);
  }
  const once = names.every((name) => reconciledBy(name).size === 1);
  console.log(once ? `each of the ${names.length} ConfigMaps was reconciled by exactly one replica` : 'some ConfigMap was reconciled by two replicas');

  // Let the replicas settle: each stands by for the other shards' Leases once a lease duration
  // after it started (a replica that only just started has not seen them yet, and would wait
  // a full lease duration from its first sight).
  await new Promise((resolve) => setTimeout(resolve, timings.leaseDuration + 4 * timings.retryPeriod));

  // replica-b crashes: it stops without releasing its Lease.
  const victim = holderOf(1) ?? 'replica-b';
  const diedAt = Date.now();
  const moved = waitFor(() => seen.some((h) => h.type === 'runs' && h.shard === 1 && h.replica !== victim));
  replicas.get(victim)?.unsubscribe();
  console.log(`${victim} crashes (its Lease is not released)`);
  await moved;
  const heir = holderOf(1);
  const after = (seen.find((h) => h.type === 'runs' && h.shard === 1 && h.replica === heir)?.at ?? Date.now()) - diedAt;
  // client-go's rule: a survivor takes the Lease once leaseDuration has passed, by its own clock,
  // since it last saw the holder renew; it looks every retryPeriod (and each look is a GET and a PUT).
  const bound = timings.leaseDuration + 4 * timings.retryPeriod;
  console.log(`shard 1 moved from ${victim} to ${heir} after ${after} ms (lease duration ${timings.leaseDuration} ms, retry period ${timings.retryPeriod} ms)`);

  // New objects of shard 1 go to the heir alone.
  const late = Array.from({ length: 40 }, (_, i) => `late-${i}`).filter((name) => shardOf(namespace, name, SHARDS) === 1).slice(0, 3);
  const lateReconciled = waitFor(() => late.every((name) => reconciledBy(name).size > 0));
  for (const name of late) await configMaps.create({ metadata: { name } });
  await lateReconciled;
  const lateOk = late.every((name) => reconciledBy(name).size === 1 && reconciledBy(name).has(heir ?? ''));
  console.log(lateOk ? `${late.join(', ')} (shard 1) reconciled by ${heir} only` : `late objects: ${late.map((n) => `${n} by ${[...reconciledBy(n)].join('+')}`).join('; ')}`);
  console.log(once && lateOk && after <= bound ? 'sharding ok' : 'sharding FAILED');

  for (const subscription of replicas.values()) subscription.unsubscribe();
  await close();
}
