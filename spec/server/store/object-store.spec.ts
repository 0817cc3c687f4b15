import { expect } from 'chai';
import { lowerBound, ObjectStore } from '../../../lib/server/store/object-store.js';
import type { StoredObject, StoreEvent } from '../../../lib/server/store/store-event.js';

function cm(name: string, data: Record<string, string> = {}): StoredObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data } as StoredObject;
}

describe('ObjectStore', () => {
  describe('resourceVersion', () => {
    it('should take one global counter across buckets', () => {
      const store = new ObjectStore();
      const a = store.create('/configmaps', 'default/a', cm('a'));
      const b = store.create('/secrets', 'default/b', cm('b'));
      const c = store.update('/configmaps', 'default/a', cm('a', { x: '1' })).object;
      expect([a, b, c].map((o) => o.metadata.resourceVersion)).to.deep.equal(['1', '2', '3']);
      expect(store.resourceVersion).to.equal(3);
    });

    it('should not bump the resourceVersion nor emit an event for a no-op update', () => {
      const store = new ObjectStore();
      const events: StoreEvent[] = [];
      store.subscribe((e) => events.push(e));
      store.create('/configmaps', 'default/a', cm('a', { x: '1' }));
      const result = store.update('/configmaps', 'default/a', cm('a', { x: '1' }));
      expect(result.changed).to.equal(false);
      expect(result.object.metadata.resourceVersion).to.equal('1');
      expect(events.map((e) => e.type)).to.deep.equal(['ADDED']);
    });

    it('should give a DELETED event the last state with the deletion resourceVersion', () => {
      const store = new ObjectStore();
      const events: StoreEvent[] = [];
      store.create('/configmaps', 'default/a', cm('a', { x: '1' }));
      store.subscribe((e) => events.push(e));
      store.remove('/configmaps', 'default/a');
      expect(events[0]?.type).to.equal('DELETED');
      expect(events[0]?.object.metadata.resourceVersion).to.equal('2');
      expect(events[0]?.object['data']).to.deep.equal({ x: '1' });
      expect(events[0]?.previous?.metadata.resourceVersion).to.equal('1');
    });
  });

  describe('entries', () => {
    it('should list a prefix in key order', () => {
      const store = new ObjectStore();
      for (const key of ['b/x', 'a/z', 'a/y', 'c/w']) store.create('/configmaps', key, cm(key));
      expect(store.entries('/configmaps', 'a/').map((e) => e.key)).to.deep.equal(['a/y', 'a/z']);
      expect(store.entries('/configmaps').map((e) => e.key)).to.deep.equal(['a/y', 'a/z', 'b/x', 'c/w']);
    });
  });

  describe('snapshot', () => {
    it('should rebuild a bucket as it was at an older resourceVersion', () => {
      const store = new ObjectStore();
      store.create('/configmaps', 'default/a', cm('a', { v: '1' })); // rv 1
      store.create('/configmaps', 'default/b', cm('b')); // rv 2
      store.update('/configmaps', 'default/a', cm('a', { v: '2' })); // rv 3
      store.remove('/configmaps', 'default/b'); // rv 4
      store.create('/configmaps', 'default/c', cm('c')); // rv 5
      const at2 = store.snapshot('/configmaps', 2) ?? [];
      expect(at2.map((e) => [e.key, e.object['data']])).to.deep.equal([
        ['default/a', { v: '1' }],
        ['default/b', {}],
      ]);
      expect((store.snapshot('/configmaps', 5) ?? []).map((e) => e.key)).to.deep.equal(['default/a', 'default/c']);
    });

    it('should answer undefined below the retained history', () => {
      const store = new ObjectStore({ historySize: 2 });
      store.create('/configmaps', 'default/a', cm('a'));
      store.create('/configmaps', 'default/b', cm('b'));
      store.create('/configmaps', 'default/c', cm('c'));
      expect(store.compactedRv).to.equal(1);
      expect(store.snapshot('/configmaps', 0)).to.equal(undefined);
      expect(store.snapshot('/configmaps', 1)?.map((e) => e.key)).to.deep.equal(['default/a']);
    });
  });

  describe('compact', () => {
    it('should make every older resourceVersion unavailable', () => {
      const store = new ObjectStore();
      store.create('/configmaps', 'default/a', cm('a'));
      store.create('/configmaps', 'default/b', cm('b'));
      store.compact();
      expect(store.eventsSince(1)).to.equal(undefined);
      expect(store.eventsSince(2)).to.deep.equal([]);
    });
  });

  describe('waitForResourceVersion', () => {
    it('should resolve true once a write reaches the resourceVersion', async () => {
      const store = new ObjectStore();
      const waiting = store.waitForResourceVersion(1, 10_000);
      store.create('/configmaps', 'default/a', cm('a'));
      expect(await waiting).to.equal(true);
    });

    it('should resolve false when the wait times out', async () => {
      const store = new ObjectStore();
      expect(await store.waitForResourceVersion(5, 1)).to.equal(false);
    });
  });
});

describe('lowerBound', () => {
  const keys = ['default/a', 'default/c', 'kube-system/b'];
  const byKey = (k: string) => k;

  it('should find the first key not below the target', () => {
    expect(lowerBound(keys, 'default/b', byKey)).to.equal(1);
    expect(lowerBound(keys, 'default/c', byKey)).to.equal(1);
    expect(lowerBound(keys, 'kube-system/', byKey)).to.equal(2);
  });

  it('should give 0 before every key and the length after them', () => {
    expect(lowerBound(keys, '', byKey)).to.equal(0);
    expect(lowerBound(keys, 'z', byKey)).to.equal(3);
    expect(lowerBound([], 'a', byKey)).to.equal(0);
  });

  it('should read keys through keyOf', () => {
    expect(lowerBound([{ key: 'a' }, { key: 'b' }], 'b', (e) => e.key)).to.equal(1);
  });
});
