// Specs of shardOf and Shard: a stable hash of namespace/name, and filtering watcher streams by it.
import { expect } from 'chai';
import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import { Shard, shardOf, shardOfObject } from '../../../lib/runtime/sharding/shard.js';
import { applied, deleted, restarted, type WatcherEvent } from '../../../lib/runtime/watcher/watcher-event.js';
import { configMap } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

describe('shardOf', () => {
  it('should be 32-bit FNV-1a of "namespace/name" modulo the shard count (values computed independently)', () => {
    expect(shardOf('default', 'web', 3)).to.equal(1_104_579_003 % 3);
    expect(shardOf('default', 'web', 7)).to.equal(3);
    expect(shardOf(undefined, 'node-1', 3)).to.equal(2_803_900_156 % 3);
    expect(shardOf('ns', 'é', 7)).to.equal(2_138_643_971 % 7);
    expect(shardOf('default', 'a', 3)).to.equal(2);
  });

  it('should spread names evenly enough', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[shardOf('default', `object-${i}`, 3)]! += 1;
    for (const count of counts) expect(count).to.be.within(850, 1150);
  });

  it('should refuse a shard count that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => shardOf('a', 'b', bad)).to.throw(RangeError);
  });
});

describe('Shard', () => {
  const inShard = (index: number) => {
    for (let i = 0; ; i++) {
      const cm = configMap(`cm-${i}`);
      if (shardOfObject(cm, 3) === index) return cm;
    }
  };
  const x0 = inShard(0);
  const y1 = inShard(1);

  it('should keep only its objects of a watcher stream, Restarted included', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const events = cold<WatcherEvent<ConfigMap>>('-a-b-d-r-|', { a: applied(x0), b: applied(y1), d: deleted(x0), r: restarted([x0, y1]) });
      expectObservable(events.pipe(new Shard(0, 3).filter())).toBe('-a---d-r-|', { a: applied(x0), d: deleted(x0), r: restarted([x0]) });
      expectObservable(events.pipe(new Shard(1, 3).filter())).toBe('---b---r-|', { b: applied(y1), r: restarted([y1]) });
      expectSubscriptions(events.subscriptions).toBe(['^--------!', '^--------!']);
    });
  });

  it('should say which objects it contains and give the label selector of a labelled kind', () => {
    const shard = new Shard(2, 3);
    expect([shard.contains(x0), shard.contains(inShard(2))]).to.deep.equal([false, true]);
    expect(shard.labelSelector('example.com/shard')).to.equal('example.com/shard=2');
  });

  it('should refuse an index outside the count', () => {
    expect(() => new Shard(3, 3)).to.throw(RangeError);
    expect(() => new Shard(0, 0)).to.throw(RangeError);
  });
});
