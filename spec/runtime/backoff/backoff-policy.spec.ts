import { expect } from 'chai';
import { VirtualTimeScheduler } from 'rxjs';
import { defaultBackoff, exponentialBackoff } from '../../../lib/runtime/backoff/backoff-policy.js';

describe('exponentialBackoff', () => {
  const scheduler = new VirtualTimeScheduler();

  it('should double from the initial delay up to the cap', () => {
    const b = exponentialBackoff({ initial: 100, max: 1000, jitter: false })(scheduler);
    expect([1, 2, 3, 4, 5, 6].map(() => b.next())).to.deep.equal([100, 200, 400, 800, 1000, 1000]);
  });

  it('should start again after reset', () => {
    const b = exponentialBackoff({ initial: 100, jitter: false })(scheduler);
    b.next();
    b.next();
    b.reset();
    expect(b.next()).to.equal(100);
  });

  it('should give up after maxRetries', () => {
    const b = exponentialBackoff({ initial: 1, jitter: false, maxRetries: 2 })(scheduler);
    expect([b.next(), b.next(), b.next()]).to.deep.equal([1, 2, undefined]);
  });

  it('should add jitter in [0, delay)', () => {
    const b = exponentialBackoff({ initial: 100, random: () => 0.5 })(scheduler);
    expect([b.next(), b.next()]).to.deep.equal([150, 300]);
  });

  it('should reset when the last delay was handed out longer ago than resetAfter', () => {
    let now = 0;
    const clock = { now: () => now, schedule: scheduler.schedule.bind(scheduler) };
    const b = exponentialBackoff({ initial: 2000, factor: 1, jitter: false, resetAfter: 60_000 })(clock);
    const linear = exponentialBackoff({ initial: 2000, factor: 2, jitter: false, resetAfter: 60_000 })(clock);
    expect(b.next()).to.equal(2000);
    now = 40_000;
    expect(linear.next()).to.equal(2000);
    now = 80_000;
    expect(linear.next()).to.equal(4000);
    now = 160_000;
    expect(linear.next(), 'more than 60 s since the last delay').to.equal(2000);
  });
});

describe('defaultBackoff', () => {
  it('should be 800 ms doubling to 30 s', () => {
    const b = defaultBackoff({ jitter: false })(new VirtualTimeScheduler());
    expect(Array.from({ length: 8 }, () => b.next())).to.deep.equal([800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
  });
});
