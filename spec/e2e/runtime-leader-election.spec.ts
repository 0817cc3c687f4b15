// Leader election against a test cluster (embedded or real): real Lease writes, virtual time.
//
// The electors run on a VirtualTimeScheduler that the spec advances from one scheduled
// action to the next, waiting for the HTTP requests each step starts: the election's timing
// is exact, and no test waits out a 15 s lease on the wall clock.
import { expect } from 'chai';
import { finalize, VirtualAction, VirtualTimeScheduler, type Observable, type Subscription } from 'rxjs';
import { Api } from '../../lib/client/api.js';
import { Client } from '../../lib/client/client.js';
import { Config } from '../../lib/client/config/config.js';
import { Lease } from '../../lib/core/resources/coordination-v1.js';
import { leaderElection } from '../../lib/runtime/leader/leader-election.js';
import { leaseLock, type LeaseLock } from '../../lib/runtime/leader/lease-lock.js';
import { useTestCluster } from '../helpers/test-cluster.js';

describe('leader election against a test cluster', function () {
  this.timeout(30_000);
  const env = useTestCluster();
  let client: Client;
  let scheduler: VirtualTimeScheduler;
  let inflight = 0;
  const waiting: (() => void)[] = [];

  before(async () => {
    client = new Client(await Config.fromKubeconfig(env.kubeconfig));
  });
  after(() => client.close());

  beforeEach(() => {
    scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
  });

  /** The lock, counting the requests in flight so that the spec knows when a step is done. */
  function tracked(lock: LeaseLock): LeaseLock {
    const track = <T>(source: Observable<T>) => {
      inflight += 1;
      return source.pipe(
        finalize(() => {
          inflight -= 1;
          for (const wake of waiting.splice(0)) wake();
        }),
      );
    };
    return {
      name: lock.name,
      description: lock.description,
      get: () => track(lock.get()),
      create: (lease) => track(lock.create(lease)),
      replace: (lease) => track(lock.replace(lease)),
    };
  }

  /** Resolves once no request of the electors is in flight and their continuations have run. */
  async function idle(): Promise<void> {
    for (;;) {
      while (inflight > 0) await new Promise<void>((resolve) => waiting.push(resolve));
      // Let what a finished request triggers (a follow-up request, a scheduled action) happen.
      for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
      if (inflight === 0) return;
    }
  }

  /** Runs every action due up to `target` (virtual ms), letting each step's requests finish. */
  async function advanceTo(target: number): Promise<void> {
    for (;;) {
      await idle();
      const next = scheduler.actions[0]?.delay;
      if (next === undefined || next > target) break;
      scheduler.maxFrames = next;
      scheduler.flush();
    }
    scheduler.frame = target;
  }

  it('should elect one leader of two, and fail over within the lease duration after the leader stops renewing', async () => {
    const leases = Api.namespaced(client, Lease, 'default');
    const timeline: string[] = [];
    const candidate = (identity: string): Subscription =>
      leaderElection(tracked(leaseLock(leases, 'spec-election')), { identity, scheduler, releaseOnCancel: false }).subscribe((leading) =>
        timeline.push(`${identity}:${leading}@${scheduler.now()}`),
      );
    const a = candidate('a');
    await advanceTo(0);
    const b = candidate('b');
    await advanceTo(9_000);
    expect(timeline).to.deep.equal(['a:false@0', 'a:true@0', 'b:false@0']);
    const held = await leases.get('spec-election');
    expect(held.spec?.holderIdentity).to.equal('a');
    expect(held.spec?.renewTime).to.equal('1970-01-01T00:00:08.000000Z');

    a.unsubscribe(); // a stops renewing (a crash: no release)
    await advanceTo(40_000);
    // a's last renewal was written at 8 s, while b's read of that moment still saw the 6 s one;
    // b first sees the 8 s record at 10 s. By b's own clock that lease runs out at 10 + 15 = 25 s,
    // and b takes over at its next attempt.
    expect(timeline).to.deep.equal(['a:false@0', 'a:true@0', 'b:false@0', 'b:true@26000']);
    const taken = await leases.get('spec-election');
    expect(taken.spec?.holderIdentity).to.equal('b');
    expect(taken.spec?.leaseTransitions).to.equal(1);
    expect(taken.spec?.acquireTime).to.equal('1970-01-01T00:00:26.000000Z');
    b.unsubscribe();
  });

  it('should hand over at once when the leader releases the lease', async () => {
    const leases = Api.namespaced(client, Lease, 'default');
    const timeline: string[] = [];
    const candidate = (identity: string) =>
      leaderElection(tracked(leaseLock(leases, 'spec-release')), { identity, scheduler }).subscribe((leading) =>
        timeline.push(`${identity}:${leading}@${scheduler.now()}`),
      );
    const a = candidate('a');
    await advanceTo(0);
    const b = candidate('b');
    await advanceTo(3_000);
    a.unsubscribe(); // releases: empty holder
    await advanceTo(5_000);
    expect(timeline).to.deep.equal(['a:false@0', 'a:true@0', 'b:false@0', 'b:true@4000']);
    b.unsubscribe();
    await idle();
  });
});
