import { expect } from 'chai';
import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import { createStore } from '../../../lib/runtime/reflector/store.js';
import { applied, deleted, restarted, type WatcherEvent } from '../../../lib/runtime/watcher/watcher-event.js';
import { configMap } from '../../../lib/testing/fixtures.js';

const a = configMap('a', '1', { labels: { app: 'web' } });
const b = configMap('b', '2', { labels: { app: 'db' } });
const a2 = configMap('a', '3', { labels: { app: 'db' } });
const other = configMap('a', '4', { namespace: 'other' });

describe('createStore', () => {
  it('should upsert on Applied, remove on Deleted, and replace everything on Restarted', () => {
    const { reader, writer } = createStore<ConfigMap>();
    writer.apply(applied(a));
    writer.apply(applied(b));
    writer.apply(applied(a2));
    expect(reader.state()).to.have.members([a2, b]);
    writer.apply(deleted(b));
    expect(reader.state()).to.deep.equal([a2]);
    writer.apply(restarted([b, other]));
    expect(reader.state()).to.have.members([b, other]);
    expect(reader.size).to.equal(2);
  });

  it('should never show a half-applied relist to a reader', () => {
    const { reader, writer } = createStore<ConfigMap>();
    writer.apply(restarted([a, b]));
    const seen: number[] = [];
    reader.changes$.subscribe(() => seen.push(reader.size));
    writer.apply(restarted([a2, b, other]));
    expect(seen).to.deep.equal([2, 3]);
  });

  it('should get by namespace and name, and find cluster-scoped objects through a namespaced ref', () => {
    const { reader, writer } = createStore<ConfigMap>();
    const node: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'n1' } }; // cluster-scoped: no namespace
    writer.apply(restarted([a, other, node]));
    expect(reader.get({ name: 'a', namespace: 'default' })).to.equal(a);
    expect(reader.get({ name: 'a', namespace: 'other' })).to.equal(other);
    expect(reader.get({ name: 'a' })).to.equal(undefined);
    expect(reader.get({ name: 'n1', namespace: 'default' })).to.equal(node);
    expect(reader.get({ name: 'missing', namespace: 'default' })).to.equal(undefined);
  });

  it('should find and filter, by predicate and by label selector', () => {
    const { reader, writer } = createStore<ConfigMap>();
    writer.apply(restarted([a, b]));
    expect(reader.find((o) => o.metadata?.name === 'b')).to.equal(b);
    expect(reader.filter((o) => o.metadata?.name !== 'b')).to.deep.equal([a]);
    expect(reader.filterSelector('app in (web,api)')).to.deep.equal([a]);
    expect(reader.filterSelector({ app: 'db' })).to.deep.equal([b]);
    expect(reader.filterSelector('')).to.have.length(2);
  });

  it('should keep indexes in step with every event', () => {
    const { reader, writer } = createStore<ConfigMap>({ indexes: { app: (o) => [o.metadata?.labels?.['app'] ?? ''] } });
    writer.apply(restarted([a, b]));
    expect(reader.byIndex('app', 'web')).to.deep.equal([a]);
    writer.apply(applied(a2)); // a moves from web to db
    expect(reader.byIndex('app', 'web')).to.deep.equal([]);
    expect(reader.byIndex('app', 'db')).to.have.members([a2, b]);
    writer.apply(deleted(b));
    expect(reader.byIndex('app', 'db')).to.deep.equal([a2]);
    writer.apply(restarted([b]));
    expect(reader.byIndex('app', 'db')).to.deep.equal([b]);
    expect(() => reader.byIndex('nope', 'x')).to.throw(/no index named "nope"/);
  });

  it('should become ready on the first Restarted only', async () => {
    const { reader, writer } = createStore<ConfigMap>();
    let resolved = false;
    const ready = reader.ready().then(() => (resolved = true));
    writer.apply(applied(a));
    await Promise.resolve();
    expect(resolved).to.equal(false);
    expect(reader.isReady).to.equal(false);
    writer.apply(restarted([a]));
    await ready;
    expect(reader.isReady).to.equal(true);
    await reader.ready(); // late callers resolve at once
  });

  it('should reject ready() when the writer is abandoned before the first Restarted', async () => {
    const { reader, writer } = createStore<ConfigMap>();
    writer.abandon(new Error('watch failed'));
    const error = await reader.ready().then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(Error).with.property('reason', 'WriterDropped');
    expect((error as Error).cause).to.have.property('message', 'watch failed');
  });

  it('should give late subscribers to changes$ the current snapshot first', () => {
    const { reader, writer } = createStore<ConfigMap>();
    const early: WatcherEvent<ConfigMap>[] = [];
    reader.changes$.subscribe((e) => early.push(e));
    writer.apply(restarted([a]));
    writer.apply(applied(b));
    const late: WatcherEvent<ConfigMap>[] = [];
    reader.changes$.subscribe((e) => late.push(e));
    writer.apply(deleted(a));
    expect(early).to.deep.equal([restarted([a]), applied(b), deleted(a)]);
    expect(late).to.have.length(2);
    expect(late[0]?.type).to.equal('Restarted');
    expect(late[0]?.type === 'Restarted' && late[0].objects).to.have.members([a, b]);
    expect(late[1]).to.deep.equal(deleted(a));
  });
});
