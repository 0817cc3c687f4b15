import { expect } from 'chai';
import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import { reflect } from '../../../lib/runtime/reflector/reflect.js';
import { createStore } from '../../../lib/runtime/reflector/store.js';
import { applied, deleted, restarted, type WatcherEvent } from '../../../lib/runtime/watcher/watcher-event.js';
import { configMap } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

const a = configMap('a');
const b = configMap('b');

describe('reflect', () => {
  it('should pass events through unchanged and apply each before downstream sees it', () => {
    const { reader, writer } = createStore<ConfigMap>();
    const sizes: number[] = [];
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const values = { A: applied(a), D: deleted(a), R: restarted([a, b]) };
      const source = cold<WatcherEvent<ConfigMap>>('-A-D-R-|', values);
      const result = source.pipe(reflect(writer));
      result.subscribe(() => sizes.push(reader.size));
      expectObservable(result).toBe('-A-D-R-|', values);
      expectSubscriptions(source.subscriptions).toBe(['^------!', '^------!']);
    });
    expect(sizes).to.deep.equal([1, 0, 2]);
  });

  it('should pass errors on and reject ready() if the store was not ready', async () => {
    const { reader, writer } = createStore<ConfigMap>();
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold<WatcherEvent<ConfigMap>>('-#').pipe(reflect(writer))).toBe('-#');
    });
    const error = await reader.ready().then(() => undefined, (e: unknown) => e);
    expect(error).to.have.property('reason', 'WriterDropped');
  });

  it('should leave a ready store ready when the source errors', async () => {
    const { reader, writer } = createStore<ConfigMap>();
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold<WatcherEvent<ConfigMap>>('R#', { R: restarted([a]) }).pipe(reflect(writer))).toBe('R#', { R: restarted([a]) });
    });
    await reader.ready();
    expect(reader.state()).to.deep.equal([a]);
  });
});
