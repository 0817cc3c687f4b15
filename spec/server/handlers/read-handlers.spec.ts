import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const NS = '/api/v1/namespaces/reads/configmaps';

describe('read handlers', () => {
  const env = useApiServer({ resourceVersionWaitMs: 50, controllers: false });
  const get = (path: string, headers?: Record<string, string>) => rawRequest(env.server, path, headers === undefined ? {} : { headers });
  let firstRv = '';

  before(async () => {
    await rawRequest(env.server, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'reads' } } });
    for (let i = 0; i < 5; i += 1) {
      const res = await rawRequest(env.server, NS, { method: 'POST', body: { metadata: { name: `cm-${i}`, labels: { parity: i % 2 === 0 ? 'even' : 'odd' } } } });
      if (i === 0) firstRv = res.json<Json>()['metadata'].resourceVersion;
    }
  });

  describe('handleGet', () => {
    it('should answer PartialObjectMetadata when asked', async () => {
      const res = await get(`${NS}/cm-0`, { accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1' });
      expect(res.json<Json>()).to.include({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' });
      expect(res.json<Json>()['metadata'].name).to.equal('cm-0');
    });

    it('should answer YAML for Accept: application/yaml', async () => {
      const res = await get(`${NS}/cm-0`, { accept: 'application/yaml' });
      expect(res.headers['content-type']).to.equal('application/yaml');
      expect(res.text).to.match(/^apiVersion: v1\nkind: ConfigMap\n/);
    });

    it('should answer 406 when nothing in Accept can be produced', async () => {
      const res = await get(`${NS}/cm-0`, { accept: 'text/html' });
      expect(res.status).to.equal(406);
      expect(res.json<Json>()['message']).to.equal('only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');
    });

    it('should answer protobuf for Accept: application/vnd.kubernetes.protobuf', async () => {
      const res = await get(`${NS}/cm-0`, { accept: 'application/vnd.kubernetes.protobuf' });
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal('application/vnd.kubernetes.protobuf');
      expect(res.bytes.subarray(0, 4).toString('latin1')).to.equal('k8s\0');
    });

    it('should answer 404 NotFound with details', async () => {
      const res = await get(`${NS}/none`);
      expect(res.json()).to.deep.equal({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'configmaps "none" not found', reason: 'NotFound',
        details: { name: 'none', kind: 'configmaps' }, code: 404,
      });
    });

    it('should name the group in NotFound for named groups', async () => {
      const res = await get('/apis/apps/v1/namespaces/reads/deployments/web');
      expect(res.json<Json>()['message']).to.equal('deployments.apps "web" not found');
      expect(res.json<Json>()['details']).to.deep.equal({ name: 'web', group: 'apps', kind: 'deployments' });
    });
  });

  describe('handleList', () => {
    it('should answer the list with the store resourceVersion and items without apiVersion/kind', async () => {
      const res = await get(NS);
      const body = res.json<Json>();
      expect(body).to.include({ kind: 'ConfigMapList', apiVersion: 'v1' });
      expect(body['metadata'].resourceVersion).to.equal(env.server.hooks.resourceVersion());
      expect(body['items'].map((i: Json) => i['metadata'].name)).to.deep.equal(['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4']);
      expect(body['items'][0]).to.not.have.property('kind');
    });

    it('should serve an Exact list at an older resourceVersion', async () => {
      const res = (await get(`${NS}?resourceVersion=${firstRv}&resourceVersionMatch=Exact`)).json<Json>();
      expect(res['metadata'].resourceVersion).to.equal(firstRv);
      expect(res['items'].map((i: Json) => i['metadata'].name)).to.deep.equal(['cm-0']);
    });

    it('should filter by label and field selectors', async () => {
      const even = (await get(`${NS}?labelSelector=parity%3Deven`)).json<Json>()['items'].map((i: Json) => i['metadata'].name);
      expect(even).to.deep.equal(['cm-0', 'cm-2', 'cm-4']);
      const named = (await get(`${NS}?fieldSelector=metadata.name%3Dcm-3`)).json<Json>()['items'].map((i: Json) => i['metadata'].name);
      expect(named).to.deep.equal(['cm-3']);
    });

    it('should list across namespaces at the collection root', async () => {
      const names = (await get('/api/v1/configmaps')).json<Json>()['items'].map((i: Json) => `${i['metadata'].namespace}/${i['metadata'].name}`);
      expect(names).to.include('reads/cm-0');
    });

    it('should page with limit and continue over one consistent snapshot', async () => {
      const first = (await get(`${NS}?limit=2`)).json<Json>();
      expect(first['items'].map((i: Json) => i['metadata'].name)).to.deep.equal(['cm-0', 'cm-1']);
      expect(first['metadata'].remainingItemCount).to.equal(3);
      await rawRequest(env.server, NS, { method: 'POST', body: { metadata: { name: 'cm-2a' } } });
      await rawRequest(env.server, `${NS}/cm-3`, { method: 'DELETE' });
      const second = (await get(`${NS}?limit=2&continue=${first['metadata'].continue}`)).json<Json>();
      expect(second['metadata'].resourceVersion).to.equal(first['metadata'].resourceVersion);
      expect(second['items'].map((i: Json) => i['metadata'].name)).to.deep.equal(['cm-2', 'cm-3']);
      const third = (await get(`${NS}?limit=2&continue=${second['metadata'].continue}`)).json<Json>();
      expect(third['items'].map((i: Json) => i['metadata'].name)).to.deep.equal(['cm-4']);
      expect(third['metadata']).to.not.have.property('continue');
      await rawRequest(env.server, NS, { method: 'POST', body: { metadata: { name: 'cm-3' } } });
      await rawRequest(env.server, `${NS}/cm-2a`, { method: 'DELETE' });
    });

    it('should page a cluster-scoped list to the end, with start keys relative to the resource as kube-apiserver writes them', async () => {
      const all = (await get('/api/v1/namespaces')).json<Json>()['items'].map((i: Json) => i['metadata'].name);
      const paged: string[] = [];
      let token: string | undefined;
      do {
        const page = (await get(`/api/v1/namespaces?limit=1${token === undefined ? '' : `&continue=${token}`}`)).json<Json>();
        paged.push(...page['items'].map((i: Json) => i['metadata'].name));
        if (token === undefined) {
          expect(page['metadata'].remainingItemCount).to.equal(all.length - 1);
          expect(JSON.parse(Buffer.from(page['metadata'].continue, 'base64url').toString())['start']).to.equal(`${all[0]}\u0000`);
        }
        token = page['metadata'].continue;
      } while (token !== undefined);
      expect(paged).to.deep.equal(all);
      expect(all.length).to.be.greaterThan(3);
    });

    it('should page a namespaced kind across namespaces to the end', async () => {
      const all = (await get('/api/v1/configmaps')).json<Json>()['items'].map((i: Json) => `${i['metadata'].namespace}/${i['metadata'].name}`);
      const paged: string[] = [];
      let token: string | undefined;
      do {
        const page = (await get(`/api/v1/configmaps?limit=2${token === undefined ? '' : `&continue=${token}`}`)).json<Json>();
        paged.push(...page['items'].map((i: Json) => `${i['metadata'].namespace}/${i['metadata'].name}`));
        token = page['metadata'].continue;
      } while (token !== undefined);
      expect(paged).to.deep.equal(all);
    });

    it('should omit remainingItemCount when a selector is given', async () => {
      const page = (await get(`${NS}?limit=1&labelSelector=parity%3Deven`)).json<Json>();
      expect(page['metadata'].continue).to.be.a('string');
      expect(page['metadata']).to.not.have.property('remainingItemCount');
    });

    it('should answer 410 Expired with a fresh token after compaction', async () => {
      const first = (await get(`${NS}?limit=1`)).json<Json>();
      await rawRequest(env.server, NS, { method: 'POST', body: { metadata: { name: 'bump' } } });
      env.server.hooks.compact();
      const res = await get(`${NS}?limit=1&continue=${first['metadata'].continue}`);
      expect(res.status).to.equal(410);
      const body = res.json<Json>();
      expect(body['reason']).to.equal('Expired');
      expect(body['message']).to.match(/^The provided continue parameter is too old to display a consistent list result\./);
      const fresh = JSON.parse(Buffer.from(body['metadata'].continue, 'base64url').toString());
      expect(fresh).to.include({ v: 'meta.k8s.io/v1', rv: -1 });
      const rest = await get(`${NS}?limit=1&continue=${body['metadata'].continue}`);
      expect(rest.status).to.equal(200);
      await rawRequest(env.server, `${NS}/bump`, { method: 'DELETE' });
    });

    it('should answer 400 for a malformed continue token and for a resourceVersion with continue', async () => {
      const bad = await get(`${NS}?limit=1&continue=garbage`);
      expect(bad.status).to.equal(400);
      expect(bad.json<Json>()['message']).to.match(/^invalid continue token: continue key is not valid/);
      const first = (await get(`${NS}?limit=1`)).json<Json>();
      const withRv = await get(`${NS}?limit=1&resourceVersion=5&continue=${first['metadata'].continue}`);
      expect(withRv.status).to.equal(400);
      expect(withRv.json<Json>()['message']).to.equal('specifying resource version is not allowed when using continue');
    });

    it('should answer 410 for an Exact list below the history', async () => {
      env.server.hooks.compact();
      const res = await get(`${NS}?resourceVersion=${firstRv}&resourceVersionMatch=Exact`);
      expect(res.status).to.equal(410);
      expect(res.json<Json>()['message']).to.equal('The resourceVersion for the provided list is too old.');
    });

    it('should answer 504 Too large resource version after waiting', async () => {
      const res = await get(`${NS}?resourceVersion=999999`);
      expect(res.status).to.equal(504);
      expect(res.headers['retry-after']).to.equal('1');
      expect(res.json<Json>()['message']).to.match(/^Timeout: Too large resource version: 999999, current: \d+$/);
    });

    it('should answer a PartialObjectMetadataList when asked', async () => {
      const res = (await get(NS, { accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' })).json<Json>();
      expect(res).to.include({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1' });
      expect(res['items'][0]).to.include({ kind: 'PartialObjectMetadata' });
      expect(res['items'][0]).to.not.have.property('data');
      const empty = (await get(`${NS}?labelSelector=none`, { accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' })).json<Json>();
      expect(empty['items'], 'nothing matched: null, as the real server encodes an empty converted list').to.equal(null);
    });

    it('should pretty-print for curl', async () => {
      const res = await get(NS, { 'user-agent': 'curl/8.0' });
      expect(res.text).to.match(/^\{\n  "kind": "ConfigMapList"/);
    });
  });
});
