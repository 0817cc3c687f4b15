import { expect } from 'chai';
import { map } from 'rxjs';
import { createTestScheduler } from '../../lib/testing/test-scheduler.js';

describe('createTestScheduler', () => {
  it('should pass when the frames match', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a|').pipe(map((x) => x.toUpperCase()))).toBe('-A|', { A: 'A' });
    });
  });

  it('should fail when they do not', () => {
    expect(() =>
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('-a|')).toBe('--a|');
      }),
    ).to.throw(/deep-equal/);
  });

  it('should compare errors by name, message and fields, not by stack', () => {
    class MyError extends Error {
      readonly reason = 'X';
    }
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('#', undefined, new MyError('boom'))).toBe('#', undefined, new MyError('boom'));
    });
    expect(() =>
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('#', undefined, new MyError('boom'))).toBe('#', undefined, new MyError('bang'));
      }),
    ).to.throw();
  });
});
