// Specs of Api<K> against an injected fetch: each verb's request, answers, and compile-time scope.
import { expect } from 'chai';
import type { ConfigMap, Node as NodeObject, Pod as PodObject } from 'kubernetes-types/core/v1.js';
import { lastValueFrom, toArray } from 'rxjs';
import { isApiError } from '../../lib/core/errors/api-error.js';
import { isRequestBuildError } from '../../lib/core/errors/request-build-error.js';
import { apiResource } from '../../lib/core/api-resource.js';
import { Patch } from '../../lib/core/patch.js';
import { Deployment } from '../../lib/core/resources/apps-v1.js';
import { ConfigMap as ConfigMapResource, Namespace, Node, Pod } from '../../lib/core/resources/core-v1.js';
import { failureStatus, isStatus } from '../../lib/core/status.js';
import { Api } from '../../lib/client/api.js';
import type { ListWatchApi } from '../../lib/runtime/watcher/list-watch.js';
import { Client } from '../../lib/client/client.js';
import { fakeFetch, headerValues, initOf, json, streamed, text, urlOf, type FetchStub } from '../helpers/fake-fetch.js';

const BASE = 'https://k8s.test';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('Api', () => {
  let fetch: FetchStub;
  let client: Client;
  let pods: Api<PodObject>;

  beforeEach(() => {
    fetch = fakeFetch();
    client = new Client({ baseUrl: BASE, fetch, sleep: () => Promise.resolve(), defaultNamespace: 'team-a' });
    pods = Api.namespaced(client, Pod, 'apps');
  });

  describe('constructors', () => {
    it('should address one namespace with namespaced()', async () => {
      fetch.resolves(json(200, { items: [], metadata: {} }));
      await pods.list();
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/apps/pods`);
    });

    it('should address every namespace with all()', async () => {
      fetch.resolves(json(200, { items: [], metadata: {} }));
      await Api.all(client, Pod).list();
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/pods`);
    });

    it('should address cluster-scoped kinds with cluster()', async () => {
      fetch.resolves(json(200, { metadata: { name: 'n1' } }));
      const node: NodeObject = await Api.cluster(client, Node).get('n1');
      expect(node.metadata?.name).to.equal('n1');
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/nodes/n1`);
    });

    it("should use the client's default namespace with defaultNamespaced()", async () => {
      fetch.resolves(json(200, {}));
      await Api.defaultNamespaced(client, ConfigMapResource).get('settings');
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/team-a/configmaps/settings`);
    });

    it('should accept a dynamic ApiResource in any constructor', async () => {
      const widgets = apiResource({ apiVersion: 'example.com/v1', kind: 'Widget', namespaced: true });
      fetch.resolves(json(200, { items: [], metadata: {} }));
      await Api.namespaced(client, widgets, 'apps').list();
      expect(urlOf(fetch)).to.equal(`${BASE}/apis/example.com/v1/namespaces/apps/widgets`);
    });

    it('should refuse a cluster-scoped descriptor in namespaced() at compile time', () => {
      // The line below must not compile: Node is ClusterScope.
      // @ts-expect-error Node is cluster-scoped
      const build = (): unknown => Api.namespaced(client, Node, 'x');
      // At run time the pure request builder refuses it too.
      expect(() => build()).to.throw().that.satisfies(isRequestBuildError);
      // @ts-expect-error Namespace is cluster-scoped
      expect(() => Api.defaultNamespaced(client, Namespace)).to.throw();
    });

    it("should fit the runtime watcher's ListWatchApi seam", () => {
      const seam: ListWatchApi<PodObject> = pods;
      expect(seam.resource.plural).to.equal('pods');
    });

    it('should infer the object type from the descriptor', () => {
      const deployments = Api.namespaced(client, Deployment, 'apps');
      const check: (api: typeof deployments) => void = () => undefined;
      check(deployments);
      // @ts-expect-error an Api<Deployment> is not an Api<ConfigMap>-with-data
      const wrong: Api<ConfigMap & { data: Record<string, string> }> = deployments;
      void wrong;
    });
  });

  describe('get', () => {
    it('should GET the object', async () => {
      fetch.resolves(json(200, { kind: 'Pod', metadata: { name: 'web' } }));
      const pod = await pods.get('web');
      expect(pod.metadata?.name).to.equal('web');
      expect(initOf(fetch).method).to.equal('GET');
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/apps/pods/web`);
    });

    it('should reject with RequestBuildError before any I/O on a bad name', async () => {
      const error = await rejection(pods.get('a/b'));
      expect(isRequestBuildError(error)).to.equal(true);
      expect(fetch.callCount).to.equal(0);
    });

    it('should reject with ApiError 404 for a missing object', async () => {
      fetch.resolves(json(404, failureStatus(404, 'NotFound', 'pods "web" not found')));
      const error = await rejection(pods.get('web'));
      expect(isApiError(error) && error.isNotFound()).to.equal(true);
    });
  });

  describe('getOpt', () => {
    it('should resolve undefined on a NotFound Status', async () => {
      fetch.resolves(json(404, failureStatus(404, 'NotFound', 'pods "web" not found')));
      expect(await pods.getOpt('web')).to.equal(undefined);
    });

    it('should resolve undefined on a plain-text 404 (unknown resource)', async () => {
      fetch.resolves(text(404, '404 page not found'));
      expect(await pods.getOpt('web')).to.equal(undefined);
    });

    it('should still reject other errors', async () => {
      fetch.resolves(json(403, failureStatus(403, 'Forbidden', 'forbidden')));
      const error = await rejection(pods.getOpt('web'));
      expect(isApiError(error) && error.isForbidden()).to.equal(true);
    });
  });

  describe('metadata', () => {
    it('should ask for PartialObjectMetadata on getMetadata, listMetadata and watchMetadata', async () => {
      fetch.callsFake(() => Promise.resolve(json(200, { kind: 'PartialObjectMetadata', metadata: { name: 'web' }, items: [] })));
      await pods.getMetadata('web');
      await pods.listMetadata();
      await lastValueFrom(pods.watchMetadata({}, '1').pipe(toArray())).catch(() => undefined);
      expect(headerValues(fetch, 'accept', 0)).to.deep.equal(['application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1']);
      expect(headerValues(fetch, 'accept', 1)).to.deep.equal(['application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1']);
      expect(headerValues(fetch, 'accept', 2)).to.deep.equal(['application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1']);
    });

    it('should give an empty list whose items the server sent as null (an empty PartialObjectMetadataList)', async () => {
      fetch.resolves(json(200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '7' }, items: null }));
      expect((await pods.listMetadata()).items).to.deep.equal([]);
      fetch.resolves(json(200, { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '7' } }));
      expect((await pods.list()).items).to.deep.equal([]);
    });

    it('should resolve undefined from getMetadataOpt on 404', async () => {
      fetch.resolves(json(404, failureStatus(404, 'NotFound', 'not found')));
      expect(await pods.getMetadataOpt('web')).to.equal(undefined);
    });
  });

  describe('list', () => {
    it('should send selectors and paging', async () => {
      fetch.resolves(json(200, { items: [], metadata: { resourceVersion: '9' } }));
      await pods.list({ labelSelector: { app: 'web' }, fieldSelector: 'spec.nodeName=n1', limit: 10, continueToken: 'abc' });
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/apps/pods?labelSelector=app%3Dweb&fieldSelector=spec.nodeName%3Dn1&limit=10&continue=abc`);
    });
  });

  describe('listAll', () => {
    it('should follow continue tokens and keep the first page resourceVersion', async () => {
      fetch.onCall(0).resolves(json(200, { kind: 'PodList', metadata: { resourceVersion: '100', continue: 'p2', remainingItemCount: 2 }, items: [{ metadata: { name: 'a' } }] }));
      fetch.onCall(1).resolves(json(200, { kind: 'PodList', metadata: { resourceVersion: '100', continue: 'p3' }, items: [{ metadata: { name: 'b' } }] }));
      fetch.onCall(2).resolves(json(200, { kind: 'PodList', metadata: { resourceVersion: '100' }, items: [{ metadata: { name: 'c' } }] }));
      const list = await pods.listAll({ labelSelector: 'app=web', limit: 1 });
      expect(list.items.map((p) => p.metadata?.name)).to.deep.equal(['a', 'b', 'c']);
      expect(list.metadata).to.deep.equal({ resourceVersion: '100' });
      expect(urlOf(fetch, 1)).to.equal(`${BASE}/api/v1/namespaces/apps/pods?labelSelector=app%3Dweb&limit=1&continue=p2`);
      expect(urlOf(fetch, 2)).to.contain('continue=p3');
    });

    it('should ask for pages of 500 by default', async () => {
      fetch.resolves(json(200, { metadata: {}, items: [] }));
      await pods.listAll();
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/apps/pods?limit=500`);
    });

    it('should fall back to one full list when a continue token expires (410)', async () => {
      fetch.onCall(0).resolves(json(200, { metadata: { resourceVersion: '5', continue: 'old' }, items: [{ metadata: { name: 'a' } }] }));
      fetch.onCall(1).resolves(json(410, failureStatus(410, 'Expired', 'The provided continue parameter is too old')));
      fetch.onCall(2).resolves(json(200, { metadata: { resourceVersion: '50' }, items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] }));
      const list = await pods.listAll({ limit: 1 });
      expect(list.items).to.have.length(2);
      expect(list.metadata.resourceVersion).to.equal('50');
      expect(urlOf(fetch, 2)).to.equal(`${BASE}/api/v1/namespaces/apps/pods`);
    });
  });

  describe('writes', () => {
    const pod: PodObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

    it('should POST on create with post params', async () => {
      fetch.resolves(json(201, pod));
      await pods.create(pod, { dryRun: true, fieldManager: 'me' });
      expect(initOf(fetch).method).to.equal('POST');
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/apps/pods?dryRun=All&fieldManager=me`);
      expect(JSON.parse(initOf(fetch).body ?? '')).to.deep.equal(pod);
    });

    it('should PUT on replace', async () => {
      fetch.resolves(json(200, pod));
      await pods.replace('web', pod);
      expect(initOf(fetch).method).to.equal('PUT');
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/apps/pods/web`);
    });

    it('should PATCH with the content type of each patch kind', async () => {
      fetch.callsFake(() => Promise.resolve(json(200, pod)));
      await pods.patch('web', Patch.merge({ metadata: { labels: { a: 'b' } } }));
      await pods.patch('web', Patch.strategic({ spec: {} }));
      await pods.patch('web', Patch.json([{ op: 'remove', path: '/metadata/labels/a' }]));
      await pods.patch('web', Patch.apply(pod), { fieldManager: 'me', force: true });
      expect([0, 1, 2, 3].map((n) => headerValues(fetch, 'content-type', n)[0])).to.deep.equal([
        'application/merge-patch+json',
        'application/strategic-merge-patch+json',
        'application/json-patch+json',
        'application/apply-patch+yaml',
      ]);
      expect(urlOf(fetch, 3)).to.equal(`${BASE}/api/v1/namespaces/apps/pods/web?force=true&fieldManager=me`);
    });

    it('should refuse an apply patch without a field manager before any I/O', async () => {
      const error = await rejection(pods.patch('web', Patch.apply(pod)));
      expect(isRequestBuildError(error)).to.equal(true);
      expect(fetch.callCount).to.equal(0);
    });
  });

  describe('delete', () => {
    it('should resolve the object when the server returns it', async () => {
      fetch.resolves(json(200, { kind: 'Pod', metadata: { name: 'web', deletionTimestamp: '2024-01-01T00:00:00Z' } }));
      const result = await pods.delete('web', { gracePeriodSeconds: 0 });
      expect(isStatus(result)).to.equal(false);
      if (!isStatus(result)) expect(result.metadata?.deletionTimestamp).to.equal('2024-01-01T00:00:00Z');
      expect(initOf(fetch).method).to.equal('DELETE');
      expect(JSON.parse(initOf(fetch).body ?? '')).to.deep.equal({ gracePeriodSeconds: 0 });
    });

    it('should resolve the Status when the server answers with one', async () => {
      fetch.resolves(json(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'settings', kind: 'configmaps' } }));
      const result = await Api.namespaced(client, ConfigMapResource, 'apps').delete('settings');
      expect(isStatus(result) && result.status).to.equal('Success');
    });

    it('should DELETE the collection with list selectors', async () => {
      fetch.resolves(json(200, { kind: 'PodList', metadata: {}, items: [] }));
      await pods.deleteCollection({}, { labelSelector: 'app=web' });
      expect(initOf(fetch).method).to.equal('DELETE');
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/apps/pods?labelSelector=app%3Dweb`);
    });
  });

  describe('subresources', () => {
    it('should address status', async () => {
      fetch.callsFake(() => Promise.resolve(json(200, {})));
      await pods.getStatus('web');
      await pods.patchStatus('web', Patch.merge({ status: { phase: 'Running' } }));
      await pods.replaceStatus('web', { metadata: { name: 'web' } });
      expect([0, 1, 2].map((n) => `${initOf(fetch, n).method} ${urlOf(fetch, n)}`)).to.deep.equal([
        `GET ${BASE}/api/v1/namespaces/apps/pods/web/status`,
        `PATCH ${BASE}/api/v1/namespaces/apps/pods/web/status`,
        `PUT ${BASE}/api/v1/namespaces/apps/pods/web/status`,
      ]);
    });

    it('should address scale with autoscaling/v1 Scale bodies', async () => {
      const deployments = Api.namespaced(client, Deployment, 'apps');
      fetch.callsFake(() => Promise.resolve(json(200, { apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 3 } })));
      const scale = await deployments.getScale('web');
      await deployments.patchScale('web', Patch.merge({ spec: { replicas: 5 } }));
      await deployments.replaceScale('web', { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web' }, spec: { replicas: 2 } });
      expect(scale.spec?.replicas).to.equal(3);
      expect(urlOf(fetch, 0)).to.equal(`${BASE}/apis/apps/v1/namespaces/apps/deployments/web/scale`);
      expect(initOf(fetch, 2).method).to.equal('PUT');
    });

    it('should refuse a subresource the kind does not have, before any I/O', async () => {
      const error = await rejection(pods.getScale('web'));
      expect(isRequestBuildError(error)).to.equal(true);
      expect(fetch.callCount).to.equal(0);
    });

    it('should POST an Eviction and resolve its Status', async () => {
      fetch.resolves(json(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }));
      const status = await pods.evict('web', { deleteOptions: { gracePeriodSeconds: 5 } });
      expect(status.status).to.equal('Success');
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/apps/pods/web/eviction`);
      expect(JSON.parse(initOf(fetch).body ?? '')).to.deep.equal({
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name: 'web', namespace: 'apps' },
        deleteOptions: { gracePeriodSeconds: 5 },
      });
    });

    it('should surface a PodDisruptionBudget refusal (429) of an eviction without retrying it', async () => {
      fetch.resolves(json(429, failureStatus(429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget.")));
      const error = await rejection(pods.evict('web'));
      expect(isApiError(error) && error.isTooManyRequests()).to.equal(true);
      expect(fetch.callCount).to.equal(1);
    });
  });

  describe('logs', () => {
    it('should resolve the log text', async () => {
      fetch.resolves(text(200, 'one\ntwo\n'));
      expect(await pods.logs('web', { container: 'c', tailLines: 2 })).to.equal('one\ntwo\n');
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/apps/pods/web/log?container=c&tailLines=2`);
    });

    it('should stream lines with logStream as they arrive, keeping blank lines', async () => {
      const body = streamed();
      fetch.callsFake(body.respond);
      const lines$ = lastValueFrom(pods.logStream('web', { follow: true }).pipe(toArray()));
      body.push('start');
      body.push('ing\n\nlisten');
      body.push('ing on :80\nbye');
      body.end();
      expect(await lines$).to.deep.equal(['starting', '', 'listening on :80', 'bye']);
      expect(urlOf(fetch)).to.equal(`${BASE}/api/v1/namespaces/apps/pods/web/log?follow=true`);
    });

    it('should abort a followed log on unsubscribe', async () => {
      const body = streamed();
      fetch.callsFake(body.respond);
      const subscription = pods.logStream('web', { follow: true }).subscribe();
      await new Promise((resolve) => setImmediate(resolve));
      subscription.unsubscribe();
      expect(await body.closed).to.equal('aborted');
    });
  });

  describe('entry', () => {
    const configMaps = (): Api<ConfigMap> => Api.namespaced(client, ConfigMapResource, 'apps');
    const conflict = failureStatus(409, 'Conflict', 'Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again');

    it('should create the object from orInsert when it is absent, filling name, namespace and type', async () => {
      fetch.onCall(0).resolves(json(404, failureStatus(404, 'NotFound', 'not found')));
      fetch.onCall(1).callsFake((_url, init) => Promise.resolve(json(201, JSON.parse(init.body ?? '{}'))));
      const created = await configMaps()
        .entry('settings')
        .orInsert(() => ({ data: { a: '1' } }))
        .andModify((cm) => {
          cm.data = { ...cm.data, b: '2' };
        })
        .commit();
      expect(initOf(fetch, 1).method).to.equal('POST');
      expect(created).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1', b: '2' }, metadata: { name: 'settings', namespace: 'apps' } });
    });

    it('should resolve undefined and write nothing when absent without orInsert', async () => {
      fetch.resolves(json(404, failureStatus(404, 'NotFound', 'not found')));
      expect(await configMaps().entry('settings').andModify(() => undefined).commit()).to.equal(undefined);
      expect(fetch.callCount).to.equal(1);
    });

    it('should PUT the modified object with the resourceVersion it read', async () => {
      fetch.onCall(0).resolves(json(200, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps', resourceVersion: '7' }, data: { a: '1' } }));
      fetch.onCall(1).callsFake((_url, init) => Promise.resolve(json(200, JSON.parse(init.body ?? '{}'))));
      await configMaps().entry('settings').andModify((cm) => ({ ...cm, data: { a: '2' } })).commit();
      expect(initOf(fetch, 1).method).to.equal('PUT');
      expect(JSON.parse(initOf(fetch, 1).body ?? '')).to.deep.include({ data: { a: '2' } });
      expect(JSON.parse(initOf(fetch, 1).body ?? '').metadata.resourceVersion).to.equal('7');
    });

    it('should await async insert and modify functions', async () => {
      fetch.onCall(0).resolves(json(404, failureStatus(404, 'NotFound', 'not found')));
      fetch.onCall(1).callsFake((_url, init) => Promise.resolve(json(201, JSON.parse(init.body ?? '{}'))));
      const created = await configMaps()
        .entry('settings')
        .orInsert(() => Promise.resolve({ data: { a: '1' } }))
        .andModify(async (cm) => ({ ...cm, data: { ...cm.data, b: await Promise.resolve('2') } }))
        .commit();
      expect(created?.data).to.deep.equal({ a: '1', b: '2' });
    });

    it('should not write when the modification changes nothing', async () => {
      fetch.resolves(json(200, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps', resourceVersion: '7' }, data: { a: '1' } }));
      const result = await configMaps().entry('settings').andModify(() => undefined).commit();
      expect(result?.data).to.deep.equal({ a: '1' });
      expect(fetch.callCount).to.equal(1);
    });

    it('should start over from a fresh read on a 409 Conflict', async () => {
      const read = (rv: string, a: string): Response => json(200, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps', resourceVersion: rv }, data: { a } });
      fetch.onCall(0).resolves(read('7', '1'));
      fetch.onCall(1).resolves(json(409, conflict));
      fetch.onCall(2).resolves(read('8', '5'));
      fetch.onCall(3).callsFake((_url, init) => Promise.resolve(json(200, JSON.parse(init.body ?? '{}'))));
      const result = await configMaps()
        .entry('settings')
        .andModify((cm) => {
          cm.data = { a: String(Number(cm.data?.['a']) + 1) };
        })
        .commit();
      expect(result?.data).to.deep.equal({ a: '6' });
      expect(JSON.parse(initOf(fetch, 3).body ?? '').metadata.resourceVersion).to.equal('8');
    });

    it('should retry a create that lost a race (409 AlreadyExists) as an update', async () => {
      fetch.onCall(0).resolves(json(404, failureStatus(404, 'NotFound', 'not found')));
      fetch.onCall(1).resolves(json(409, failureStatus(409, 'AlreadyExists', 'configmaps "settings" already exists')));
      fetch.onCall(2).resolves(json(200, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps', resourceVersion: '3' } }));
      fetch.onCall(3).callsFake((_url, init) => Promise.resolve(json(200, JSON.parse(init.body ?? '{}'))));
      await configMaps().entry('settings').orInsert(() => ({})).andModify((cm) => ({ ...cm, data: { x: 'y' } })).commit();
      expect(initOf(fetch, 3).method).to.equal('PUT');
    });

    it('should give up with the 409 after a bounded number of attempts', async () => {
      fetch.callsFake((_url, init) =>
        Promise.resolve(init.method === 'GET' ? json(200, { metadata: { name: 'settings', namespace: 'apps', resourceVersion: '1' } }) : json(409, conflict)),
      );
      const error = await rejection(configMaps().entry('settings').andModify((cm) => ({ ...cm, data: { n: '1' } })).withAttempts(3).commit());
      expect(isApiError(error) && error.isConflict()).to.equal(true);
      expect(fetch.getCalls().filter((call) => call.args[1].method === 'PUT')).to.have.length(3);
    });

    it('should refuse an object whose name differs from the entry', async () => {
      fetch.resolves(json(404, failureStatus(404, 'NotFound', 'not found')));
      const error = await rejection(configMaps().entry('settings').orInsert(() => ({ metadata: { name: 'other' } })).commit());
      expect(isRequestBuildError(error) && error.field).to.equal('metadata.name');
      expect(fetch.callCount).to.equal(1);
    });

    it('should refuse generateName', async () => {
      fetch.resolves(json(404, failureStatus(404, 'NotFound', 'not found')));
      const error = await rejection(configMaps().entry('settings').orInsert(() => ({ metadata: { generateName: 'settings-' } })).commit());
      expect(isRequestBuildError(error) && error.field).to.equal('metadata.generateName');
    });
  });
});
