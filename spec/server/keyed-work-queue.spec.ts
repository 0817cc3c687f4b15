// Specs for KeyedWorkQueue: store events in, one sync per queued key on the background work.
import { expect } from 'chai';
import { BackgroundWork } from '../../lib/server/background-work.js';
import { KeyedWorkQueue } from '../../lib/server/keyed-work-queue.js';
import { ObjectStore } from '../../lib/server/store/object-store.js';
import type { StoredObject } from '../../lib/server/store/store-event.js';

function cm(name: string, data: Record<string, string> = {}): StoredObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data } as StoredObject;
}

function setUp(onSync: (key: string, queue: KeyedWorkQueue) => void = () => undefined) {
  const store = new ObjectStore();
  const work = new BackgroundWork();
  const synced: string[] = [];
  const ctx = { store, defer: (task: () => void, delayMs?: number) => work.defer(task, delayMs) };
  const queue: KeyedWorkQueue = new KeyedWorkQueue(ctx, {
    observe: (event) => queue.add(event.object.metadata.name ?? ''),
    sync: (key) => {
      synced.push(key);
      onSync(key, queue);
    },
  });
  return { store, work, queue, synced };
}

describe('KeyedWorkQueue', () => {
  it('should sync a key once for a burst of events, after the events', async () => {
    const { store, work, synced } = setUp();
    store.create('/configmaps', 'default/a', cm('a'));
    store.update('/configmaps', 'default/a', cm('a', { x: '1' }));
    store.create('/configmaps', 'default/b', cm('b'));
    store.remove('/configmaps', 'default/a');
    expect(synced).to.deep.equal([]);
    await work.settle();
    expect(synced).to.deep.equal(['a', 'b']);
    work.close();
  });

  it('should sync a key again when it is added during its sync', async () => {
    let again = true;
    const { store, work, synced } = setUp((key, queue) => {
      if (again) queue.add(key);
      again = false;
    });
    store.create('/configmaps', 'default/a', cm('a'));
    await work.settle();
    expect(synced).to.deep.equal(['a', 'a']);
    work.close();
  });

  it('should observe nothing after close', async () => {
    const { store, work, queue, synced } = setUp();
    queue.close();
    store.create('/configmaps', 'default/a', cm('a'));
    await work.settle();
    expect(synced).to.deep.equal([]);
    work.close();
  });
});
