// Two replicas of a controller, only one of which reconciles at a time: leader election on a Lease,
// as client-go and controller-runtime do it (kube-rs has no helper for it; issue #485).
// Run: npx tsx examples/leader-elected-controller.ts   (on your cluster: one replica until Ctrl-C;
// on an embedded API server: two replicas in this process, the leader stops, the other takes over)
import { filter, firstValueFrom, share, tap, type Observable } from 'rxjs';
import { Api } from '../lib/client/api.js';
import type { Client } from '../lib/client/client.js';
import { ConfigMap } from '../lib/core/resources/core-v1.js';
import { Lease } from '../lib/core/resources/coordination-v1.js';
import { Action } from '../lib/runtime/controller/action.js';
import { Controller } from '../lib/runtime/controller/controller.js';
import type { ReconcileResult } from '../lib/runtime/controller/reconcile-result.js';
import { leaderElection } from '../lib/runtime/leader/leader-election.js';
import { leaseLock } from '../lib/runtime/leader/lease-lock.js';
import { whileLeading } from '../lib/runtime/leader/while-leading.js';
import { exampleClient } from './support/example-client.js';

/** One replica: campaigns, and runs the controller only while it leads. */
function replica(
  client: Client,
  identity: string,
  timings: { leaseDuration: number; renewDeadline: number; retryPeriod: number },
): { leading$: Observable<boolean>; results$: Observable<ReconcileResult> } {
  const leading$ = leaderElection(leaseLock(Api.namespaced(client, Lease, 'default'), 'leader-elected-controller'), { identity, ...timings }).pipe(
    tap((leading) => console.log(`${identity}: ${leading ? 'leading' : 'not leading'}`)),
    share(),
  );
  const results$ = Controller.for(Api.namespaced(client, ConfigMap, 'default'))
    .run((cm) => {
      console.log(`${identity}: reconciled ${cm.metadata?.name}`);
      return Action.awaitChange();
    }, () => Action.requeue(5000), {})
    .pipe(whileLeading(leading$), share());
  return { leading$, results$ };
}

const { client, target, embedded, close } = await exampleClient();
console.log(`using ${target}`);

if (embedded === undefined) {
  replica(client, process.env['HOSTNAME'] ?? `replica-${process.pid}`, { leaseDuration: 15_000, renewDeadline: 10_000, retryPeriod: 2_000 }).results$.subscribe();
} else {
  // Short timings so that the fail-over is quick to watch.
  const timings = { leaseDuration: 1500, renewDeadline: 1000, retryPeriod: 250 };
  const a = replica(client, 'replica-a', timings);
  const subA = a.results$.subscribe();
  await firstValueFrom(a.leading$.pipe(filter(Boolean)));
  const b = replica(client, 'replica-b', timings);
  const subB = b.results$.subscribe();
  await Api.namespaced(client, ConfigMap, 'default').create({ metadata: { name: 'first' } });
  await firstValueFrom(a.results$.pipe(filter((r) => r.request.ref.name === 'first')));
  console.log('replica-a stops (releasing the lease)');
  subA.unsubscribe();
  await firstValueFrom(b.leading$.pipe(filter(Boolean)));
  await Api.namespaced(client, ConfigMap, 'default').create({ metadata: { name: 'second' } });
  await firstValueFrom(b.results$.pipe(filter((r) => r.request.ref.name === 'second')));
  subB.unsubscribe();
  await close();
}
