import { expect } from 'chai';
import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import { reflect } from '../../../lib/runtime/reflector/reflect.js';
import { createStore } from '../../../lib/runtime/reflector/store.js';
import { isStoreError, StoreError } from '../../../lib/runtime/reflector/store-error.js';
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

  describe('ready() when the feed ends first', () => {
    const dropped = (how: string, cause?: unknown) =>
      new StoreError('WriterDropped', `the stream feeding this store ended before the initial list arrived: ${how}`, cause === undefined ? undefined : { cause });

    it('should error ready$ when the source completes before the first Restarted', () => {
      const { reader, writer } = createStore<ConfigMap>();
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold<WatcherEvent<ConfigMap>>('-A-|', { A: applied(a) }).pipe(reflect(writer))).toBe('-A-|', { A: applied(a) });
        expectObservable(reader.ready$).toBe('---#', undefined, dropped('it completed'));
      });
    });

    it('should error ready$ when the reflector is unsubscribed before the first Restarted', () => {
      const { reader, writer } = createStore<ConfigMap>();
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold<WatcherEvent<ConfigMap>>('------').pipe(reflect(writer)), '--!').toBe('---');
        expectObservable(reader.ready$).toBe('--#', undefined, dropped('it was unsubscribed'));
      });
    });

    it('should reject a ready() called after the feed ended, at once', async () => {
      const { reader, writer } = createStore<ConfigMap>();
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold<WatcherEvent<ConfigMap>>('|').pipe(reflect(writer))).toBe('|');
      });
      const error = await reader.ready().then(() => undefined, (e: unknown) => e);
      expect(isStoreError(error) && error.reason).to.equal('WriterDropped');
    });

    it('should wait again once a new feed attaches, and resolve on its Restarted', () => {
      const { reader, writer } = createStore<ConfigMap>();
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold<WatcherEvent<ConfigMap>>('---').pipe(reflect(writer)), '-!').toBe('--');
        expectObservable(reader.ready$).toBe('-#', undefined, dropped('it was unsubscribed'));
        const second = cold<WatcherEvent<ConfigMap>>('--R', { R: restarted([a]) });
        expectObservable(second.pipe(reflect(writer)), '--^ 5ms !').toBe('----R', { R: restarted([a]) });
        expectObservable(reader.ready$, '--^ 5ms !').toBe('----(v|)', { v: undefined });
      });
    });

    it('should not reject while another feed is still attached', () => {
      const { reader, writer } = createStore<ConfigMap>();
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold<WatcherEvent<ConfigMap>>('---').pipe(reflect(writer)), '-!').toBe('--');
        expectObservable(cold<WatcherEvent<ConfigMap>>('---R', { R: restarted([a]) }).pipe(reflect(writer))).toBe('---R', { R: restarted([a]) });
        expectObservable(reader.ready$).toBe('---(v|)', { v: undefined });
      });
    });

    it('should not error ready$ when unsubscribed after the store became ready', () => {
      const { reader, writer } = createStore<ConfigMap>();
      createTestScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold<WatcherEvent<ConfigMap>>('R--', { R: restarted([a]) }).pipe(reflect(writer)), '-!').toBe('R', { R: restarted([a]) });
        expectObservable(reader.ready$).toBe('(v|)', { v: undefined });
      });
    });
  });
});
