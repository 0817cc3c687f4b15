import { expect } from 'chai';
import { exponentialBackoff } from '../../../lib/runtime/backoff/backoff-policy.js';
import { backoff } from '../../../lib/runtime/operators/backoff.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

describe('backoff', () => {
  const policy = exponentialBackoff({ initial: 10, factor: 2, max: 1000, jitter: false });

  it('should re-subscribe after the policy delay, growing while failures repeat', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('#');
      expectObservable(source.pipe(backoff({ policy })), '^ 100ms !').toBe('');
      // subscriptions at 0, 10, 30, 70
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '10ms (^!)', '30ms (^!)', '70ms (^!)']);
    });
  });

  it('should reset after a value', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a#');
      // 0: sub, a@1, error@2 → 10 → sub@12, a@13, error@14 → 10 again (reset) → sub@24
      expectObservable(source.pipe(backoff({ policy })), '^ 25ms !').toBe('-a 10ms -a 10ms -a', { a: 'a' });
      expectSubscriptions(source.subscriptions).toBe(['^-!', '12ms ^-!', '24ms ^-!']);
    });
  });

  it('should give the error downstream when the policy gives up', () => {
    const errors: unknown[] = [];
    createTestScheduler().run(({ cold, expectObservable }) => {
      const once = exponentialBackoff({ initial: 5, jitter: false, maxRetries: 1 });
      expectObservable(cold('#', undefined, 'boom').pipe(backoff({ policy: once, onError: (e, d) => errors.push([e, d]) }))).toBe('5ms #', undefined, 'boom');
    });
    expect(errors).to.deep.equal([['boom', 5], ['boom', undefined]]);
  });

  it('should complete when the source completes', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a|').pipe(backoff({ policy }))).toBe('-a|');
    });
  });

  it('should end the stream with the error of a throwing onError, not hang', () => {
    const thrown = new Error('onError failed');
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#');
      const result = source.pipe(
        backoff({
          policy,
          onError: () => {
            throw thrown;
          },
        }),
      );
      expectObservable(result).toBe('-#', undefined, thrown);
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it('should keep its policy state per subscription', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const retried = cold('#').pipe(backoff({ policy }));
      expectObservable(retried, '^ 15ms !').toBe('');
      expectObservable(retried, '^ 15ms !').toBe('');
    });
  });
});
