// Specs of sharded(): leader election per shard, a run per led shard, and fail-over of a dead replica's shard.
import { expect } from 'chai';
import { defer, NEVER, of, takeUntil, throwError, timer, type Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { ApiError } from '../../../lib/core/errors/api-error.js';
import type { Lease } from '../../../lib/core/resources/coordination-v1.js';
import type { LeaseLock } from '../../../lib/runtime/leader/lease-lock.js';
import { sharded } from '../../../lib/runtime/sharding/sharded.js';
import { status } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

/** In-memory Leases by name, with the API server's optimistic concurrency. */
class FakeLeases {
  readonly leases = new Map<string, { lease: Lease; rv: number }>();

  lock(name: string): LeaseLock {
    return {
      name,
      description: `default/${name}`,
      get: () => defer(() => of(structuredClone(this.leases.get(name)?.lease))),
      create: (lease) => defer(() => (this.leases.has(name) ? throwError(() => new ApiError(status(409, 'AlreadyExists'))) : of(this.#store(name, lease, 0)))),
      replace: (lease) =>
        defer(() => {
          const current = this.leases.get(name);
          if (current === undefined || lease.metadata?.resourceVersion !== String(current.rv)) return throwError(() => new ApiError(status(409, 'Conflict')));
          return of(this.#store(name, lease, current.rv));
        }),
    };
  }

  holder(name: string): string | undefined {
    return this.leases.get(name)?.lease.spec?.holderIdentity;
  }

  #store(name: string, lease: Lease, rv: number): Lease {
    const stored = { ...structuredClone(lease), metadata: { ...lease.metadata, name, resourceVersion: String(rv + 1) } };
    this.leases.set(name, { lease: stored, rv: rv + 1 });
    return structuredClone(stored);
  }
}

describe('sharded', () => {
  let testScheduler: TestScheduler;
  let leases: FakeLeases;
  let log: string[];
  const election = { leaseDuration: 15_000, renewDeadline: 10_000, retryPeriod: 2_000, releaseOnCancel: false };

  beforeEach(() => {
    testScheduler = createTestScheduler();
    leases = new FakeLeases();
    log = [];
  });

  /** A replica: runs a never-ending "controller" per led shard, logging starts and stops. */
  const replica = (identity: string, preferred: number[], until: number, extra: { releaseOnCancel?: boolean } = {}) =>
    sharded(
      { shards: 3, identity, preferred, lock: (i) => leases.lock(`things-${i}`), election: { ...election, ...extra }, scheduler: testScheduler },
      (shard): Observable<never> =>
        defer(() => {
          log.push(`${identity} runs shard ${shard.index}@${testScheduler.now()}`);
          return NEVER;
        }),
    )
      .pipe(takeUntil(timer(until, testScheduler)))
      .subscribe();

  it('should run each shard on exactly one replica, each taking the shard it prefers', () => {
    testScheduler.run(() => {
      replica('a', [0], 60_000);
      replica('b', [1], 60_000);
      replica('c', [2], 60_000);
    });
    expect(log).to.deep.equal(['a runs shard 0@0', 'b runs shard 1@0', 'c runs shard 2@0']);
    expect([0, 1, 2].map((i) => leases.holder(`things-${i}`))).to.deep.equal(['a', 'b', 'c']);
  });

  it('should move a dead replica\'s shard to a survivor within leaseDuration + 2 retry periods', () => {
    testScheduler.run(() => {
      replica('a', [0], 120_000);
      replica('b', [1], 30_000); // dies at 30 s without releasing (last renewal at 30 s)
      replica('c', [2], 120_000);
    });
    const takeover = log.find((line) => line.includes('shard 1') && !line.startsWith('b'));
    expect(takeover, log.join('\n')).to.not.equal(undefined);
    const at = Number(takeover?.split('@')[1]);
    expect(at - 30_000, takeover).to.be.within(election.leaseDuration - election.retryPeriod, election.leaseDuration + 2 * election.retryPeriod);
    expect(log.filter((line) => line.includes('shard 1'))).to.have.length(2);
    expect(leases.holder('things-1')).to.be.oneOf(['a', 'c']);
  });

  it('should hand over at once when a replica stops cleanly (releases its leases)', () => {
    testScheduler.run(() => {
      replica('a', [0], 120_000);
      replica('b', [1], 30_000, { releaseOnCancel: true });
      replica('c', [2], 120_000);
    });
    const takeover = log.find((line) => line.includes('shard 1') && !line.startsWith('b'));
    expect(Number(takeover?.split('@')[1]) - 30_000).to.be.at.most(election.retryPeriod);
  });

  it('should refuse bad shard counts, preferred shards and timings when created', () => {
    const lock = (i: number) => leases.lock(`x-${i}`);
    const run = () => NEVER;
    expect(() => sharded({ shards: 0, identity: 'a', lock }, run)).to.throw(RangeError);
    expect(() => sharded({ shards: 2, identity: 'a', lock, preferred: [2] }, run)).to.throw(RangeError, 'preferred shard 2');
    expect(() => sharded({ shards: 2, identity: 'a', lock, election: { leaseDuration: 1000, renewDeadline: 2000 } }, run)).to.throw(RangeError);
  });
});
