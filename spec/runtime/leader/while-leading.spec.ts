import { whileLeading } from '../../../lib/runtime/leader/while-leading.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

describe('whileLeading', () => {
  it('should run the source only while leading, and again when leading again', () => {
    createTestScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const leading = hot('  f--t-----f--t------', { t: true, f: false });
      const source = cold('     a-b-c-d-');
      expectObservable(source.pipe(whileLeading(leading))).toBe('---a-b-c----a-b-c-d');
      expectSubscriptions(source.subscriptions).toBe(['---^-----!', '------------^------']);
    });
  });

  it('should ignore repeated values of leadership', () => {
    createTestScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const leading = hot('t-t-t', { t: true });
      const source = cold('a----');
      expectObservable(source.pipe(whileLeading(leading))).toBe('a----');
      expectSubscriptions(source.subscriptions).toBe('^----');
    });
  });
});
