import { expect } from 'chai';
import { openStream, rawRequest, useApiServer, type RawStream } from '../../helpers/api-server.js';

type Json = Record<string, any>;
type Event = { type: string; object: Json };
const NS = '/api/v1/namespaces/watches/configmaps';

describe('handleWatch', () => {
  const env = useApiServer({ controllers: false });
  const open: RawStream[] = [];
  const watch = async (query: string, headers?: Record<string, string>): Promise<RawStream> => {
    const started = env.server.hooks.nextWatch();
    const stream = await openStream(env.server, `${NS}?watch=true&${query}`, headers === undefined ? {} : { headers });
    open.push(stream);
    if (stream.status === 200) await started;
    return stream;
  };
  const create = async (name: string, labels: Record<string, string> = {}, extra: Json = {}) =>
    (await rawRequest(env.server, NS, { method: 'POST', body: { metadata: { name, labels, ...extra } } })).json<Json>();

  before(async () => {
    await rawRequest(env.server, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'watches' } } });
  });
  afterEach(() => {
    for (const stream of open.splice(0)) stream.close();
  });

  it('should flush 200 and JSON headers before any event', async () => {
    const stream = await watch(`resourceVersion=${env.server.hooks.resourceVersion()}`);
    expect(stream.status).to.equal(200);
    expect(stream.headers['content-type']).to.equal('application/json');
    expect(stream.headers['transfer-encoding']).to.equal('chunked');
  });

  it('should send synthetic ADDED events when resourceVersion is unset, then live events', async () => {
    await create('pre-existing');
    const stream = await watch('');
    const first = await stream.next<Event>();
    expect(first.type).to.equal('ADDED');
    expect(first.object['metadata'].name).to.equal('pre-existing');
    const created = await create('live');
    const live = await stream.next<Event>();
    expect(live).to.deep.include({ type: 'ADDED' });
    expect(live.object['metadata'].resourceVersion).to.equal(created['metadata'].resourceVersion);
  });

  it('should replay only the changes after a given resourceVersion', async () => {
    const a = await create('from-a');
    await create('from-b');
    const stream = await watch(`resourceVersion=${a['metadata'].resourceVersion}`);
    const next = await stream.next<Event>();
    expect(next.object['metadata'].name).to.equal('from-b');
  });

  it('should answer a compacted resourceVersion with 200, one ERROR 410 Expired event, and the end', async () => {
    const old = await create('old');
    await create('newer');
    env.server.hooks.compact();
    const stream = await openStream(env.server, `${NS}?watch=true&resourceVersion=${old['metadata'].resourceVersion}`);
    expect(stream.status).to.equal(200);
    const error = await stream.next<Event>();
    expect(error.type).to.equal('ERROR');
    expect(error.object).to.deep.include({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
    expect(error.object['message']).to.match(new RegExp(`^too old resource version: ${old['metadata'].resourceVersion} \\(\\d+\\)$`));
    expect(await stream.ended()).to.deep.equal([]);
  });

  it('should turn selector transitions into ADDED and DELETED', async () => {
    const obj = await create('moving', { tier: 'front' });
    const stream = await watch(`labelSelector=tier%3Dback&resourceVersion=${obj['metadata'].resourceVersion}`);
    const path = `${NS}/moving`;
    const toBack = (await rawRequest(env.server, path, { method: 'PUT', body: { ...obj, metadata: { ...obj['metadata'], labels: { tier: 'back' } } } })).json<Json>();
    const added = await stream.next<Event>();
    expect(added.type).to.equal('ADDED');
    const toFront = (await rawRequest(env.server, path, { method: 'PUT', body: { ...toBack, metadata: { ...toBack['metadata'], labels: { tier: 'front' } } } })).json<Json>();
    const deleted = await stream.next<Event>();
    expect(deleted.type).to.equal('DELETED');
    expect(deleted.object['metadata'].labels).to.deep.equal({ tier: 'back' });
    expect(deleted.object['metadata'].resourceVersion).to.equal(toFront['metadata'].resourceVersion);
  });

  it('should send only a DELETED event with the pre-update state when the last finalizer is removed', async () => {
    const obj = await create('held', {}, { finalizers: ['example.com/f'] });
    const deleting = (await rawRequest(env.server, `${NS}/held`, { method: 'DELETE' })).json<Json>();
    const stream = await watch(`resourceVersion=${deleting['metadata'].resourceVersion}`);
    await rawRequest(env.server, `${NS}/held`, { method: 'PUT', body: { ...deleting, metadata: { ...deleting['metadata'], finalizers: [] } } });
    const event = await stream.next<Event>();
    expect(event.type).to.equal('DELETED');
    expect(event.object['metadata'].finalizers).to.deep.equal(['example.com/f']);
    expect(obj['metadata'].uid).to.equal(event.object['metadata'].uid);
  });

  it('should send bookmarks only when asked', async () => {
    const plain = await watch(`resourceVersion=${env.server.hooks.resourceVersion()}`);
    const withBookmarks = await watch(`resourceVersion=${env.server.hooks.resourceVersion()}&allowWatchBookmarks=true`);
    env.server.hooks.sendBookmarks();
    const bookmark = await withBookmarks.next<Event>();
    expect(bookmark).to.deep.equal({ type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: env.server.hooks.resourceVersion() } } });
    await create('after-bookmark');
    expect((await plain.next<Event>()).type).to.equal('ADDED');
  });

  it('should stream initial events and the initial-events-end bookmark for sendInitialEvents', async () => {
    const stream = await watch('sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=');
    const events: Event[] = [];
    for (;;) {
      const event = await stream.next<Event>();
      events.push(event);
      if (event.type === 'BOOKMARK') break;
    }
    expect(events.slice(0, -1).every((e) => e.type === 'ADDED')).to.equal(true);
    expect(events.length).to.be.greaterThan(1);
    expect(events.at(-1)?.object['metadata'].annotations).to.deep.equal({ 'k8s.io/initial-events-end': 'true' });
  });

  it('should end the stream cleanly after timeoutSeconds', async () => {
    const stream = await watch(`resourceVersion=${env.server.hooks.resourceVersion()}&timeoutSeconds=1`);
    expect(await stream.ended()).to.deep.equal([]);
  });

  it('should end every stream on hooks.dropWatches', async () => {
    const a = await watch(`resourceVersion=${env.server.hooks.resourceVersion()}`);
    const b = await watch(`resourceVersion=${env.server.hooks.resourceVersion()}`);
    expect(env.server.hooks.activeWatches()).to.be.at.least(2);
    env.server.hooks.dropWatches();
    await Promise.all([a.ended(), b.ended()]);
    expect(env.server.hooks.activeWatches()).to.equal(0);
  });

  it('should send PartialObjectMetadata objects to metadata watches', async () => {
    const stream = await watch(`resourceVersion=${env.server.hooks.resourceVersion()}`, { accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1' });
    await create('meta-only');
    const event = await stream.next<Event>();
    expect(event.object).to.include({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' });
  });

  it('should refuse a named watch whose fieldSelector names another object', async () => {
    const res = await rawRequest(env.server, '/api/v1/watch/namespaces/watches/configmaps/one?fieldSelector=metadata.name%3Dtwo');
    expect(res.status).to.equal(400);
    expect(res.json<Json>()['message']).to.equal("fieldSelector metadata.name doesn't match requested name");
  });

  it('should accept Python-style booleans (watch=True)', async () => {
    const stream = await openStream(env.server, `${NS}?watch=True&resourceVersion=${env.server.hooks.resourceVersion()}&timeoutSeconds=1`);
    open.push(stream);
    expect(stream.status).to.equal(200);
    expect(stream.headers['content-type']).to.equal('application/json');
  });
});
