import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import { touchedObjects } from '../../../lib/runtime/operators/touched-objects.js';
import { applied, deleted, restarted, type WatcherEvent } from '../../../lib/runtime/watcher/watcher-event.js';
import { configMap } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

const a = configMap('a');
const b = configMap('b');

describe('touchedObjects', () => {
  it('should emit applied, deleted and restarted objects', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<WatcherEvent<ConfigMap>>('-A-D-R---|', { A: applied(a), D: deleted(a), R: restarted([a, b]) });
      expectObservable(source.pipe(touchedObjects())).toBe('-a-a-(ab)|', { a, b });
      expectSubscriptions(source.subscriptions).toBe('^--------!');
    });
  });

  it('should emit nothing for an empty Restarted and pass errors', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold<WatcherEvent<ConfigMap>>('-R#', { R: restarted([]) }).pipe(touchedObjects())).toBe('--#');
    });
  });
});
