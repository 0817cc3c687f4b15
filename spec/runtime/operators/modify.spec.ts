import { expect } from 'chai';
import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import { modify } from '../../../lib/runtime/operators/modify.js';
import { applied, restarted, type WatcherEvent } from '../../../lib/runtime/watcher/watcher-event.js';
import { configMap } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

function withManagedFields(name: string): ConfigMap {
  const cm = configMap(name);
  cm.metadata = { ...cm.metadata, managedFields: [{ manager: 'kubectl', operation: 'Update' }] };
  return cm;
}

describe('modify', () => {
  it('should change every object of every event in place, without copying', () => {
    const a = withManagedFields('a');
    const b = withManagedFields('b');
    const strip = (o: ConfigMap) => {
      delete o.metadata?.managedFields;
    };
    createTestScheduler().run(({ cold, expectObservable }) => {
      const events = { A: applied(a), R: restarted([a, b]) };
      expectObservable(cold<WatcherEvent<ConfigMap>>('-A-R|', events).pipe(modify(strip))).toBe('-A-R|', events);
    });
    expect(a.metadata?.managedFields).to.equal(undefined);
    expect(b.metadata?.managedFields).to.equal(undefined);
  });

  it('should emit the error when the function throws', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const boom = new Error('boom');
      const source = cold<WatcherEvent<ConfigMap>>('-A-', { A: applied(configMap('a')) });
      expectObservable(source.pipe(modify(() => { throw boom; }))).toBe('-#', undefined, boom);
    });
  });
});
