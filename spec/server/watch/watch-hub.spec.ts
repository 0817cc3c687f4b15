import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { ResourceRegistry } from '../../../lib/server/registry/resource-registry.js';
import { ObjectStore } from '../../../lib/server/store/object-store.js';
import type { StoredObject } from '../../../lib/server/store/store-event.js';
import { WatchConnection } from '../../../lib/server/watch/watch-connection.js';
import { WatchHub } from '../../../lib/server/watch/watch-hub.js';

class FakeResponse extends EventEmitter {
  readonly written: Buffer[] = [];
  ended = false;
  writableLength = 0;
  write(bytes: Buffer): boolean {
    this.written.push(bytes);
    return true;
  }
  end(): void {
    this.ended = true;
    this.emit('close');
  }
  destroy(): void {
    this.end();
  }
}

const configmaps = new ResourceRegistry().find('', 'v1', 'configmaps')!;

function watcher(hub: WatchHub, prefix = ''): FakeResponse {
  const res = new FakeResponse();
  const connection = new WatchConnection({ res: res as unknown as ServerResponse, url: '/w', view: { kind: configmaps, as: 'object', media: 'json' }, keyPrefix: prefix, matches: () => true, bookmarks: true });
  hub.add('/configmaps', connection);
  return res;
}

describe('WatchHub', () => {
  it('should hand every watcher of a view the very same bytes for an event', () => {
    const store = new ObjectStore();
    const hub = new WatchHub(store, 0);
    const watchers = Array.from({ length: 100 }, () => watcher(hub));
    store.create('/configmaps', 'default/a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } } as StoredObject);
    const first = watchers[0]?.written[0];
    expect(first).to.be.instanceOf(Buffer);
    expect(watchers.every((w) => w.written.length === 1 && w.written[0] === first)).to.equal(true);
    hub.close();
  });

  it('should deliver only the events of the watched namespace', () => {
    const store = new ObjectStore();
    const hub = new WatchHub(store, 0);
    const ns = watcher(hub, 'a/');
    store.create('/configmaps', 'b/x', { metadata: { name: 'x' } } as StoredObject);
    store.create('/configmaps', 'a/y', { metadata: { name: 'y' } } as StoredObject);
    expect(ns.written.map((b) => JSON.parse(b.toString()).object.metadata.name)).to.deep.equal(['y']);
    hub.close();
  });

  it('should send bookmarks at the current resourceVersion and end every watch on dropAll', () => {
    const store = new ObjectStore();
    const hub = new WatchHub(store, 0);
    const res = watcher(hub);
    store.create('/secrets', 'a/s', { metadata: { name: 's' } } as StoredObject);
    hub.sendBookmarks();
    expect(JSON.parse(res.written[0]?.toString() ?? '{}')).to.deep.equal({ type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: '1' } } });
    hub.dropAll();
    expect(res.ended).to.equal(true);
    expect(hub.size).to.equal(0);
    hub.close();
  });
});
