import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import { appliedObjects } from '../../../lib/runtime/operators/applied-objects.js';
import { applied, deleted, restarted, type WatcherEvent } from '../../../lib/runtime/watcher/watcher-event.js';
import { configMap } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

const a = configMap('a');
const b = configMap('b');
const c = configMap('c');

describe('appliedObjects', () => {
  it('should emit applied and restarted objects, not deleted ones', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<WatcherEvent<ConfigMap>>('-A-D-R----|', { A: applied(a), D: deleted(a), R: restarted([b, c]) });
      expectObservable(source.pipe(appliedObjects())).toBe('-a---(bc)-|', { a, b, c });
      expectSubscriptions(source.subscriptions).toBe('^---------!');
    });
  });

  it('should pass errors and early unsubscription through', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<WatcherEvent<ConfigMap>>('-A-#', { A: applied(a) });
      expectObservable(source.pipe(appliedObjects())).toBe('-a-#', { a });
      const never = cold<WatcherEvent<ConfigMap>>('-A---', { A: applied(a) });
      expectObservable(never.pipe(appliedObjects()), '--!').toBe('-a', { a });
      expectSubscriptions(never.subscriptions).toBe('^-!');
    });
  });
});
