import { expect } from 'chai';
import type { TestScheduler } from 'rxjs/testing';
import { schedule, type ScheduleRequest } from '../../../lib/runtime/scheduler/schedule.js';
import { MAX_SCHEDULE_HORIZON_MS } from '../../../lib/runtime/scheduler/schedule-queue.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

const at = (message: string, runAt: number): ScheduleRequest<string> => ({ message, runAt });

interface Msg {
  readonly key: string;
  readonly payload: number;
}
const msg = (key: string, payload: number, runAt: number): ScheduleRequest<Msg> => ({ message: { key, payload }, runAt });
const byKey = { keyOf: (m: Msg) => m.key };

describe('schedule', () => {
  let testScheduler: TestScheduler;

  beforeEach(() => {
    testScheduler = createTestScheduler();
  });

  it('should emit a message at its runAt time', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const requests = cold(' a 9ms |', { a: at('x', 5) });
      const subs = '          ^ 9ms !';
      const expected = '      5ms x 4ms |';
      expectObservable(requests.pipe(schedule())).toBe(expected);
      expectSubscriptions(requests.subscriptions).toBe(subs);
    });
  });

  it('should emit a message due now in the same frame', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-|', { a: at('x', 0) }).pipe(schedule())).toBe('-x-|');
    });
  });

  it('should keep the earlier of two requests for one key, with its message', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const later = cold('ab 8ms |', { a: msg('k', 1, 6), b: msg('k', 2, 3) });
      expectObservable(later.pipe(schedule(byKey))).toBe('3ms b 6ms |', { b: { key: 'k', payload: 2 } });
      const earlier = cold('ab 8ms |', { a: msg('k', 1, 3), b: msg('k', 2, 6) });
      expectObservable(earlier.pipe(schedule(byKey))).toBe('3ms a 6ms |', { a: { key: 'k', payload: 1 } });
    });
  });

  it('should keep separate keys separate', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const requests = cold('ab 8ms |', { a: at('x', 4), b: at('y', 2) });
      expectObservable(requests.pipe(schedule())).toBe('2ms y 1ms x 5ms |');
    });
  });

  it('should push a repeated request back by the debounce period (trailing edge)', () => {
    testScheduler.run(({ cold, time, expectObservable }) => {
      const debounce = time('---|'); // 3
      // a queued for 0 + 3; b (runAt 1 <= 3) requeues to 1 + 3 = 4
      const requests = cold(' ab 8ms |', { a: at('x', 0), b: at('x', 1) });
      expectObservable(requests.pipe(schedule({ debounce }))).toBe('4ms x 5ms |');
    });
  });

  it('should postpone a message for as long as requests keep coming faster than the debounce', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const requests = cold('a-b-c-d 10ms |', { a: at('x', 0), b: at('x', 2), c: at('x', 4), d: at('x', 6) });
      expectObservable(requests.pipe(schedule({ debounce: 3 }))).toBe('9ms x 7ms |');
    });
  });

  it('should debounce relative to each request time', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const requests = cold('a-b-c 10ms |', { a: at('x', 0), b: at('x', 2), c: at('x', 4) });
      expectObservable(requests.pipe(schedule({ debounce: 3 }))).toBe('7ms x 7ms |');
    });
  });

  it('should drain what is still scheduled when the requests complete', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('a|', { a: at('x', 5) }).pipe(schedule())).toBe('5ms (x|)');
    });
  });

  it('should drop what is still scheduled on completion when asked', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('a|', { a: at('x', 5) }).pipe(schedule({ onComplete: 'drop' }))).toBe('-|');
    });
  });

  it('should pass errors on at once', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('a-#', { a: at('x', 5) }).pipe(schedule())).toBe('--#');
    });
  });

  it('should cancel queued messages on unsubscribe', () => {
    testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const requests = hot(' ^a--------', { a: at('x', 5) });
      const unsub = '       ---!';
      const subs = '        ^--!';
      expectObservable(requests.pipe(schedule()), unsub).toBe('----');
      expectSubscriptions(requests.subscriptions).toBe(subs);
    });
  });

  it('should never schedule further ahead than 180 days', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const requests = cold('a', { a: at('x', Number.MAX_SAFE_INTEGER) });
      expectObservable(requests.pipe(schedule()), `^ ${MAX_SCHEDULE_HORIZON_MS + 10}ms !`).toBe(`${MAX_SCHEDULE_HORIZON_MS}ms x`);
    });
    expect(MAX_SCHEDULE_HORIZON_MS).to.equal(15_552_000_000);
  });

  it('should emit nothing for no requests, and complete with them', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold<ScheduleRequest<string>>('---|').pipe(schedule())).toBe('---|');
      expectObservable(cold<ScheduleRequest<string>>('---').pipe(schedule())).toBe('---');
    });
  });

  it('should error (not complete, not throw out of RxJS) when keyOf throws', () => {
    const thrown = new Error('bad key');
    let uncaught = 0;
    const count = () => (uncaught += 1);
    process.on('uncaughtException', count);
    try {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const requests = cold('-a-b|', { a: msg('k', 1, 0), b: msg('k', 2, 0) });
        const keyOf = () => {
          throw thrown;
        };
        expectObservable(requests.pipe(schedule({ keyOf }))).toBe('-#', undefined, thrown);
        expectSubscriptions(requests.subscriptions).toBe('^!');
      });
    } finally {
      process.off('uncaughtException', count);
    }
    expect(uncaught).to.equal(0);
  });

  it('should refuse a negative or NaN debounce when created', () => {
    expect(() => schedule({ debounce: -1 })).to.throw(RangeError, 'schedule: debounce must be a number of milliseconds >= 0, got -1');
    expect(() => schedule({ debounce: Number.NaN })).to.throw(RangeError);
  });
});
