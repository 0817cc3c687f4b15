// The embedded server speaking application/vnd.kubernetes.protobuf over HTTP: bodies, answers, errors and watches.
import { BinaryReader } from '@bufbuild/protobuf/wire';
import { expect } from 'chai';
import { request } from 'node:https';
import { encodeEnvelope } from '../../../lib/server/protobuf/kubernetes-envelope.js';
import { decodeProtobufObject, encodeProtobufObject } from '../../../lib/server/protobuf/protobuf-object.js';
import type { ApiServer } from '../../../lib/server/index.js';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';
import { installCrdOn } from '../../helpers/install-crd.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

type Json = Record<string, any>;

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const NS = 'pb';
const CMS = `/api/v1/namespaces/${NS}/configmaps`;
const NONE = { apiVersion: '', kind: '' };

function decode(bytes: Buffer): Json {
  return decodeProtobufObject(bytes, NONE);
}

/** One decoded frame of a protobuf watch: the event type and its object. */
interface Frame {
  readonly type: string;
  readonly object: Json;
}

/** Splits a protobuf watch body into WatchEvent frames (4-byte big-endian length, then the event). */
function frames(bytes: Buffer): Frame[] {
  const out: Frame[] = [];
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const reader = new BinaryReader(bytes.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
    let type = '';
    let raw: Uint8Array = new Uint8Array(0);
    while (reader.pos < reader.len) {
      const [number, wireType] = reader.tag();
      if (number === 1) type = reader.string();
      else if (number === 2) {
        const inner = new BinaryReader(reader.bytes());
        inner.tag();
        raw = inner.bytes();
      } else reader.skip(wireType, number);
    }
    out.push({ type, object: decode(Buffer.from(raw)) });
  }
  expect(offset, 'frames end on a frame boundary').to.equal(bytes.length);
  return out;
}

/** An open protobuf watch: frames as they arrive. */
function watch(server: ApiServer, path: string): Promise<{ headers: Record<string, unknown>; frames: (count: number) => Promise<Frame[]>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { ca: server.caPem, headers: { authorization: `Bearer ${server.token}`, accept: PROTOBUF } }, (res) => {
      let buffer = Buffer.alloc(0);
      const waiters: (() => void)[] = [];
      res.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (const waiter of waiters.splice(0)) waiter();
      });
      const complete = (): number => {
        let offset = 0;
        while (offset + 4 <= buffer.length && offset + 4 + buffer.readUInt32BE(offset) <= buffer.length) offset += 4 + buffer.readUInt32BE(offset);
        return offset;
      };
      resolve({
        headers: res.headers,
        frames: async (count) => {
          for (;;) {
            const all = frames(buffer.subarray(0, complete()));
            if (all.length >= count) return all;
            await new Promise<void>((done) => waiters.push(done));
          }
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}

describe('protobuf over HTTP', () => {
  const env = useApiServer();
  const send = (path: string, method: string, body: Uint8Array | Json | undefined, headers: Record<string, string> = {}) =>
    rawRequest(env.server, path, { method, ...(body === undefined ? {} : { body: body instanceof Uint8Array ? body : encodeProtobufObject(body) }), headers: { 'content-type': PROTOBUF, accept: `${PROTOBUF},application/json`, ...headers } });

  before(async () => {
    const res = await send('/api/v1/namespaces', 'POST', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    expect(res.status).to.equal(201);
  });

  it('should create from a protobuf body and answer in protobuf, as kubectl create does', async () => {
    const res = await send(CMS, 'POST', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { app: 'web' } }, data: { a: '1' } });
    expect(res.status).to.equal(201);
    expect(res.headers['content-type']).to.equal(PROTOBUF);
    const created = decode(res.bytes);
    expect(created).to.deep.include({ kind: 'ConfigMap', apiVersion: 'v1', data: { a: '1' } });
    expect(created['metadata']).to.include({ name: 'settings', namespace: NS });
    expect(created['metadata'].uid).to.be.a('string');
    const json = await rawRequest(env.server, `${CMS}/settings`);
    expect(json.json<Json>()['data']).to.deep.equal({ a: '1' });
  });

  it('should keep Secret bytes exact through protobuf', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]).toString('base64');
    const res = await send(`/api/v1/namespaces/${NS}/secrets`, 'POST', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, data: { key: bytes, empty: '' } });
    expect(res.status).to.equal(201);
    expect(decode(res.bytes)['data']).to.deep.equal({ empty: '', key: bytes });
    expect((await rawRequest(env.server, `/api/v1/namespaces/${NS}/secrets/creds`)).json<Json>()['data']).to.deep.equal({ empty: '', key: bytes });
  });

  it('should take the kind from the endpoint when the envelope leaves it out', async () => {
    const raw = encodeProtobufObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'untyped' } }).subarray(4);
    const reader = new BinaryReader(raw);
    reader.tag();
    reader.bytes();
    reader.tag();
    const message = reader.bytes();
    const res = await send(CMS, 'POST', encodeEnvelope({ apiVersion: '', kind: '' }, message));
    expect(res.status).to.equal(201);
    expect(decode(res.bytes)['metadata'].name).to.equal('untyped');
  });

  it('should replace with a protobuf PUT and get, list and metadata-list in protobuf', async () => {
    const current = decode((await send(`${CMS}/settings`, 'GET', undefined)).bytes);
    const res = await send(`${CMS}/settings`, 'PUT', { ...current, data: { a: '2' } });
    expect(res.status).to.equal(200);
    expect(decode(res.bytes)['data']).to.deep.equal({ a: '2' });
    const list = decode((await send(CMS, 'GET', undefined)).bytes);
    expect(list['kind']).to.equal('ConfigMapList');
    expect(list['items'].map((i: Json) => i['metadata'].name)).to.include.members(['settings', 'untyped']);
    const metadata = await send(CMS, 'GET', undefined, { accept: `${PROTOBUF};as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json` });
    expect(metadata.headers['content-type']).to.equal(PROTOBUF);
    const partial = decode(metadata.bytes);
    expect(partial['kind']).to.equal('PartialObjectMetadataList');
    expect(partial['items'][0]).to.not.have.property('data');
  });

  it('should answer JSON for a Table and YAML or JSON by q-value', async () => {
    const table = await send(CMS, 'GET', undefined, { accept: `${PROTOBUF};as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io,application/json` });
    expect(table.headers['content-type']).to.equal('application/json');
    expect(table.json<Json>()['kind']).to.equal('Table');
    const low = await send(CMS, 'GET', undefined, { accept: `${PROTOBUF};q=0.5,application/json` });
    expect(low.headers['content-type']).to.equal('application/json');
  });

  it('should delete with protobuf DeleteOptions, as client-go typed clients send them', async () => {
    const options = { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions', dryRun: ['All'], preconditions: { resourceVersion: '1' } };
    const conflict = await send(`${CMS}/untyped`, 'DELETE', options);
    expect(conflict.status).to.equal(409);
    expect(decode(conflict.bytes)).to.include({ kind: 'Status', reason: 'Conflict', code: 409 });
    const dry = await send(`${CMS}/untyped`, 'DELETE', { ...options, preconditions: undefined });
    expect(dry.status).to.equal(200);
    expect((await rawRequest(env.server, `${CMS}/untyped`)).status).to.equal(200);
  });

  it('should mint a ServiceAccount token from a protobuf TokenRequest', async () => {
    await send(`/api/v1/namespaces/${NS}/serviceaccounts`, 'POST', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
    const res = await send(`/api/v1/namespaces/${NS}/serviceaccounts/robot/token`, 'POST', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: ['api'], expirationSeconds: 600 } });
    expect(res.status).to.equal(201);
    const answer = decode(res.bytes);
    expect(answer['kind']).to.equal('TokenRequest');
    expect(answer['status'].token).to.be.a('string').with.length.greaterThan(20);
    expect(answer['spec']).to.include({ expirationSeconds: 600 });
  });

  it('should scale through a protobuf autoscaling/v1 Scale', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    };
    expect((await send(`/apis/apps/v1/namespaces/${NS}/deployments`, 'POST', deployment)).status).to.equal(201);
    const scale = decode((await send(`/apis/apps/v1/namespaces/${NS}/deployments/web/scale`, 'GET', undefined)).bytes);
    expect(scale).to.deep.include({ kind: 'Scale', apiVersion: 'autoscaling/v1' });
    const res = await send(`/apis/apps/v1/namespaces/${NS}/deployments/web/scale`, 'PUT', { ...scale, spec: { replicas: 4 } });
    expect(res.status).to.equal(200);
    expect(decode(res.bytes)['spec']).to.deep.equal({ replicas: 4 });
  });

  describe('discovery', () => {
    it('should serve the legacy documents in protobuf (and YAML), as kube-apiserver does', async () => {
      const get = (path: string, accept: string) => rawRequest(env.server, path, { headers: { accept } });
      const versions = await get('/api', PROTOBUF);
      expect([versions.status, versions.headers['content-type']]).to.deep.equal([200, PROTOBUF]);
      expect(decode(versions.bytes)).to.deep.include({ kind: 'APIVersions', versions: ['v1'] });
      const groups = decode((await get('/apis', PROTOBUF)).bytes);
      expect(groups['kind']).to.equal('APIGroupList');
      expect(groups['groups'].map((g: Json) => g['name'])).to.include('apps');
      const core = decode((await get('/api/v1', `${PROTOBUF},application/json`)).bytes);
      expect(core).to.include({ kind: 'APIResourceList', groupVersion: 'v1' });
      expect(core['resources'].find((r: Json) => r['name'] === 'configmaps')['verbs']).to.include('watch');
      const apps = decode((await get('/apis/apps/v1', PROTOBUF)).bytes);
      expect(apps).to.include({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1' });
      const yaml = await get('/apis/apps', 'application/yaml');
      expect(yaml.headers['content-type']).to.equal('application/yaml');
      expect(yaml.text).to.match(/^kind: APIGroup$/m);
    });

    it('should serve aggregated discovery in protobuf with the ETag of its JSON form', async () => {
      const aggregated = 'g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
      const json = await rawRequest(env.server, '/apis', { headers: { accept: `application/json;${aggregated}` } });
      const protobuf = await rawRequest(env.server, '/apis', { headers: { accept: `${PROTOBUF};${aggregated},application/json` } });
      expect(protobuf.headers['content-type']).to.equal(`${PROTOBUF};${aggregated}`);
      expect(protobuf.headers['etag']).to.equal(json.headers['etag']);
      const list = decode(protobuf.bytes);
      expect(list).to.include({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2' });
      expect(list['items'].map((g: Json) => g['metadata'].name)).to.deep.equal(json.json<Json>()['items'].map((g: Json) => g['metadata'].name));
    });

    it('should answer 406 as kube-apiserver words it for the roots and for group versions', async () => {
      const root = await rawRequest(env.server, '/apis', { headers: { accept: 'text/html' } });
      expect([root.status, root.json<Json>()['message']]).to.deep.equal([406, 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf']);
      const version = await rawRequest(env.server, '/api/v1', { headers: { accept: 'text/html' } });
      expect([version.status, version.json<Json>()['message']]).to.deep.equal([406, '406: Not Acceptable\n\nAvailable representations: application/json, application/yaml, application/vnd.kubernetes.protobuf']);
    });
  });

  describe('errors', () => {
    it('should answer a Status in protobuf when the client accepts it, JSON otherwise', async () => {
      const missing = await send(`${CMS}/missing`, 'GET', undefined);
      expect(missing.status).to.equal(404);
      expect(missing.headers['content-type']).to.equal(PROTOBUF);
      expect(decode(missing.bytes)).to.deep.equal({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'configmaps "missing" not found',
        reason: 'NotFound',
        details: { name: 'missing', kind: 'configmaps' },
        code: 404,
      });
      const unauthorized = await rawRequest(env.server, CMS, { auth: { token: 'wrong' }, headers: { accept: `${PROTOBUF},application/json` } });
      expect(unauthorized.status).to.equal(401);
      expect(decode(unauthorized.bytes)).to.include({ reason: 'Unauthorized', code: 401 });
      expect((await rawRequest(env.server, `${CMS}/missing`)).json<Json>()['reason']).to.equal('NotFound');
    });

    it('should refuse malformed protobuf with the words of kube-apiserver', async () => {
      const json = await send('/api/v1/namespaces', 'POST', Buffer.from('{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x"}}'));
      expect(json.status).to.equal(400);
      expect(decode(json.bytes)['message']).to.equal(
        'the object provided is unrecognized (must be of type Namespace): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"Namespace","apiVersio ...)',
      );
      const empty = await send('/api/v1/namespaces', 'POST', Buffer.from('k8s\0'));
      expect(decode(empty.bytes)['message']).to.equal('the object provided is unrecognized (must be of type Namespace): empty body (6b387300)');
      const wrongWire = await send('/api/v1/namespaces', 'POST', Buffer.from('6b3873000a0f0a02763112094e616d65737061636512020801', 'hex'));
      expect(decode(wrongWire.bytes)['message']).to.equal('Namespace in version "v1" cannot be handled as a Namespace: proto: wrong wireType = 0 for field ObjectMeta');
      const unknown = await send('/api/v1/namespaces', 'POST', encodeEnvelope({ apiVersion: 'v1', kind: 'Gizmo' }, new Uint8Array(0)));
      expect(decode(unknown.bytes)['message']).to.equal('Gizmo in version "v1" cannot be handled as a Namespace: no kind "Gizmo" is registered for version "v1" in scheme "pkg/runtime/scheme.go:100"');
      const other = await send('/api/v1/namespaces', 'POST', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
      expect(other.status).to.equal(400);
      expect((await rawRequest(env.server, '/api/v1/namespaces/x')).status).to.equal(404);
    });

    it('should refuse protobuf for custom resources (JSON only) and fall back to JSON answers', async () => {
      await installCrdOn(env.server, widgetCrd());
      const path = `/apis/example.com/v1/namespaces/${NS}/widgets`;
      const created = await rawRequest(env.server, path, { method: 'POST', body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { color: 'red' } }, headers: { accept: `${PROTOBUF},application/json` } });
      expect(created.status).to.equal(201);
      expect(created.headers['content-type']).to.equal('application/json');
      const refused = await send(path, 'POST', encodeEnvelope({ apiVersion: 'example.com/v1', kind: 'Widget' }, new Uint8Array(0)));
      expect(refused.status).to.equal(415);
      expect(decode(refused.bytes)['message']).to.equal('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml');
      const only = await send(path, 'GET', undefined, { accept: PROTOBUF });
      expect(only.status).to.equal(406);
      expect(only.headers['content-type']).to.equal(PROTOBUF);
      const metadata = await send(`${path}/w`, 'GET', undefined, { accept: `${PROTOBUF};as=PartialObjectMetadata;g=meta.k8s.io;v=v1` });
      expect(metadata.headers['content-type']).to.equal(PROTOBUF);
      expect(decode(metadata.bytes)['metadata'].name).to.equal('w');
    });
  });

  describe('watch', () => {
    it('should stream length-prefixed WatchEvent frames, as kube-apiserver does', async () => {
      const list = decode((await send(CMS, 'GET', undefined)).bytes);
      const stream = await watch(env.server, `${CMS}?watch=true&resourceVersion=${String(list['metadata'].resourceVersion)}`);
      try {
        expect(stream.headers['content-type']).to.equal('application/vnd.kubernetes.protobuf;stream=watch');
        await send(CMS, 'POST', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' }, data: { v: '1' } });
        await send(`${CMS}/watched`, 'DELETE', undefined);
        const events = await stream.frames(2);
        expect(events.map((e) => [e.type, e.object['kind'], e.object['metadata'].name])).to.deep.equal([
          ['ADDED', 'ConfigMap', 'watched'],
          ['DELETED', 'ConfigMap', 'watched'],
        ]);
        expect(events[0]?.object['data']).to.deep.equal({ v: '1' });
      } finally {
        stream.close();
      }
    });

    it('should send the initial events, the bookmark that ends them, and ERROR as a protobuf Status', async () => {
      const stream = await watch(env.server, `${CMS}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion=`);
      try {
        const events = await stream.frames(3);
        const bookmark = events.find((e) => e.type === 'BOOKMARK');
        expect(bookmark?.object['kind']).to.equal('ConfigMap');
        expect(bookmark?.object['metadata'].annotations).to.deep.equal({ 'k8s.io/initial-events-end': 'true' });
        expect(events.filter((e) => e.type === 'ADDED').length).to.be.at.least(2);
      } finally {
        stream.close();
      }
      env.server.hooks.compact();
      const expired = await watch(env.server, `${CMS}?watch=true&resourceVersion=1`);
      try {
        const [error] = await expired.frames(1);
        expect(error?.type).to.equal('ERROR');
        expect(error?.object).to.include({ kind: 'Status', reason: 'Expired', code: 410 });
      } finally {
        expired.close();
      }
    });
  });
});
