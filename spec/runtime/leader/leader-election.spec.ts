import { expect } from 'chai';
import { defer, of, takeUntil, throwError, timer, type SchedulerLike } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { ApiError } from '../../../lib/core/errors/api-error.js';
import type { Lease } from '../../../lib/core/resources/coordination-v1.js';
import { leaderElection } from '../../../lib/runtime/leader/leader-election.js';
import type { LeaseLock } from '../../../lib/runtime/leader/lease-lock.js';
import { status } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

/** An in-memory Lease with the API server's optimistic concurrency. */
class FakeLeases {
  lease: Lease | undefined;
  resourceVersion = 0;
  readonly writes: string[] = [];
  readonly failing = new Set<string>();

  lockFor(identity: string): LeaseLock {
    return {
      name: 'lock',
      description: 'default/lock',
      get: () => defer(() => (this.failing.has(identity) ? throwError(() => new ApiError(status(503, 'ServiceUnavailable'))) : of(structuredClone(this.lease)))),
      create: (lease) =>
        defer(() => {
          if (this.lease !== undefined) return throwError(() => new ApiError(status(409, 'AlreadyExists')));
          return of(this.#store(lease, identity));
        }),
      replace: (lease) =>
        defer(() => {
          if (this.failing.has(identity)) return throwError(() => new ApiError(status(503, 'ServiceUnavailable')));
          if (lease.metadata?.resourceVersion !== String(this.resourceVersion)) return throwError(() => new ApiError(status(409, 'Conflict')));
          return of(this.#store(lease, identity));
        }),
    };
  }

  #store(lease: Lease, by: string): Lease {
    this.resourceVersion += 1;
    this.lease = { ...structuredClone(lease), metadata: { ...lease.metadata, name: 'lock', resourceVersion: String(this.resourceVersion) } };
    this.writes.push(`${by}:${lease.spec?.holderIdentity}`);
    return structuredClone(this.lease);
  }
}

describe('leaderElection', () => {
  let testScheduler: TestScheduler;
  let leases: FakeLeases;
  const timeline: string[] = [];

  beforeEach(() => {
    testScheduler = createTestScheduler();
    leases = new FakeLeases();
    timeline.length = 0;
  });

  const campaign = (identity: string, until: number, extra: { releaseOnCancel?: boolean } = {}) =>
    leaderElection(leases.lockFor(identity), { identity, scheduler: testScheduler, ...extra })
      .pipe(takeUntil(timer(until, testScheduler)))
      .subscribe((leading) => timeline.push(`${identity}:${leading}@${testScheduler.now()}`));

  it('should create the Lease and lead, renewing every retry period', () => {
    testScheduler.run(() => {
      campaign('a', 7000);
    });
    expect(timeline).to.deep.equal(['a:false@0', 'a:true@0']);
    // create at 0, renew at 2000, 4000, 6000, release (empty holder) at 7000
    expect(leases.writes).to.deep.equal(['a:a', 'a:a', 'a:a', 'a:a', 'a:']);
    expect(leases.lease?.spec?.leaseTransitions).to.equal(0);
    expect(leases.lease?.spec?.leaseDurationSeconds).to.equal(1);
    expect(leases.lease?.spec?.renewTime).to.equal('1970-01-01T00:00:07.000000Z');
  });

  it('should keep acquireTime while renewing', () => {
    testScheduler.run(() => {
      campaign('a', 7000, { releaseOnCancel: false });
    });
    expect(leases.lease?.spec?.holderIdentity).to.equal('a');
    expect(leases.lease?.spec?.leaseDurationSeconds).to.equal(15);
    expect(leases.lease?.spec?.acquireTime).to.equal('1970-01-01T00:00:00.000000Z');
    expect(leases.lease?.spec?.renewTime).to.equal('1970-01-01T00:00:06.000000Z');
  });

  it('should elect one leader among two candidates', () => {
    testScheduler.run(() => {
      campaign('a', 30_000, { releaseOnCancel: false });
      campaign('b', 30_000);
    });
    expect(timeline).to.deep.equal(['a:false@0', 'a:true@0', 'b:false@0']);
    expect(leases.writes).to.have.length(15);
    expect(leases.writes.every((w) => w === 'a:a')).to.equal(true);
  });

  it('should let the other take over once the leader stopped renewing for the lease duration (by its own clock)', () => {
    testScheduler.run(() => {
      campaign('a', 5000, { releaseOnCancel: false }); // last renew at 4000
      campaign('b', 40_000, { releaseOnCancel: false });
    });
    // b last saw the record change at 4000; it expires at 19000; b's attempts are at 2000-steps: 20000
    expect(timeline).to.deep.equal(['a:false@0', 'a:true@0', 'b:false@0', 'b:true@20000']);
    expect(leases.lease?.spec?.holderIdentity).to.equal('b');
    expect(leases.lease?.spec?.leaseTransitions).to.equal(1);
  });

  it('should release the Lease on unsubscribe so that the other takes over at its next attempt', () => {
    testScheduler.run(() => {
      campaign('a', 5000);
      campaign('b', 40_000);
    });
    expect(timeline).to.deep.equal(['a:false@0', 'a:true@0', 'b:false@0', 'b:true@6000']);
    expect(leases.writes).to.include('a:');
  });

  it('should stop leading when renewals fail for the renew deadline, and lead again when they succeed', () => {
    const errors: unknown[] = [];
    testScheduler.run(() => {
      leaderElection(leases.lockFor('a'), { identity: 'a', scheduler: testScheduler, onError: (e) => errors.push(e) })
        .pipe(takeUntil(timer(30_000, testScheduler)))
        .subscribe((leading) => timeline.push(`a:${leading}@${testScheduler.now()}`));
      testScheduler.schedule(() => leases.failing.add('a'), 3000);
      testScheduler.schedule(() => leases.failing.delete('a'), 15_000);
    });
    // last renew at 2000; failures from 4000; 12000 - 2000 >= 10000 → step down; 16000: renew works again → lead
    expect(timeline).to.deep.equal(['a:false@0', 'a:true@0', 'a:false@12000', 'a:true@16000']);
    expect(errors).to.have.length(6);
  });

  it('should refuse durations that cannot work', () => {
    expect(() => leaderElection(leases.lockFor('a'), { identity: 'a', leaseDuration: 5000, renewDeadline: 10_000 })).to.throw(RangeError);
  });

  it('should release each finished retry timer instead of keeping them all (no leak per retry period)', () => {
    // Count the scheduled actions that are neither running nor released: what the election holds on to.
    const actions: { closed: boolean }[] = [];
    const counting: SchedulerLike = {
      now: () => testScheduler.now(),
      schedule: (work, delay, state) => {
        const action = testScheduler.schedule(work as never, delay, state);
        actions.push(action);
        return action;
      },
    };
    testScheduler.run(() => {
      leaderElection(leases.lockFor('a'), { identity: 'a', scheduler: counting }).pipe(takeUntil(timer(200_000, testScheduler))).subscribe();
      testScheduler.schedule(() => {
        expect(actions.length, 'one timer per retry period').to.be.greaterThan(90);
        expect(actions.filter((a) => !a.closed).length, 'only the pending retry is held').to.be.at.most(1);
      }, 199_999);
    });
  });

  it('should end the election with the error of a throwing onError', () => {
    const thrown = new Error('reporter failed');
    leases.failing.add('a');
    testScheduler.run(({ expectObservable }) => {
      const election = leaderElection(leases.lockFor('a'), {
        identity: 'a',
        scheduler: testScheduler,
        onError: () => {
          throw thrown;
        },
      });
      expectObservable(election).toBe('(f#)', { f: false }, thrown);
    });
  });
});
