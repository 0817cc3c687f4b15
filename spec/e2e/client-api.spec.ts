// Integration specs of the client against a test cluster (embedded, or the real control plane under
// KUBE_RX_TEST_CLUSTER=real) over HTTPS: every Api verb, once authenticated by bearer token, once by
// client certificate, once by an exec plugin.
import { expect } from 'chai';
import type { Deployment as DeploymentObject } from 'kubernetes-types/apps/v1.js';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { filter, firstValueFrom, take, toArray } from 'rxjs';
import { Api } from '../../lib/client/api.js';
import { Client } from '../../lib/client/client.js';
import { Config } from '../../lib/client/config/config.js';
import { Discovery } from '../../lib/client/discovery/discovery.js';
import { serverVersion } from '../../lib/client/discovery/server-version.js';
import { isApiError, type ApiError } from '../../lib/core/errors/api-error.js';
import { Patch } from '../../lib/core/patch.js';
import { Deployment } from '../../lib/core/resources/apps-v1.js';
import { ConfigMap as ConfigMapResource, Namespace, Pod } from '../../lib/core/resources/core-v1.js';
import { isStatus } from '../../lib/core/status.js';
import { apiResource } from '../../lib/core/api-resource.js';
import { useTestCluster } from '../helpers/test-cluster.js';
import { installCrd } from '../helpers/install-crd.js';
import { widgetCrd } from '../helpers/widget-crd.js';
import { execKubeconfig } from '../helpers/exec-kubeconfig.js';

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  if (!isApiError(error)) throw error;
  return error;
}

const configMap = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels === undefined ? {} : { labels }) },
  data,
});

/** Lets pending I/O callbacks run (no timer): for effects the server applies asynchronously. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
}

const WIDGET = apiResource({ apiVersion: 'example.com/v1', kind: 'Widget', namespaced: true, subresources: ['status', 'scale'] });

/** Objects every namespace of a real cluster holds (kube-controller-manager's publishers). */
const SYSTEM_CONFIG_MAPS = ['kube-root-ca.crt'];
const userObjects = <T extends { metadata?: { name?: string } }>(items: readonly T[]): T[] => items.filter((o) => !SYSTEM_CONFIG_MAPS.includes(o.metadata?.name ?? ''));

describe('client against a test cluster', function () {
  this.timeout(60_000);
  const env = useTestCluster({ users: [{ token: 'exec-verbs-token', username: 'exec-admin', groups: ['system:masters'] }] });

  before(async () => {
    const client = new Client(await Config.fromKubeconfig(env.kubeconfig));
    await installCrd(client, widgetCrd());
    client.close();
  });

  const clients: [string, string, () => Promise<Client>][] = [
    ['a bearer token', 'token', async () => new Client(await Config.fromKubeconfig(env.kubeconfigFor('token')))],
    ['a client certificate', 'cert', async () => new Client(await Config.fromKubeconfig(env.kubeconfigFor('certificate')))],
    ['an exec plugin', 'exec', async () => new Client(await Config.fromKubeconfig(execKubeconfig(env, { EXEC_TOKENS: 'exec-verbs-token', EXEC_EXPIRES_IN: '3600' })))],
  ];

  for (const [auth, short, makeClient] of clients) {
    describe(`authenticated with ${auth}`, () => {
      let client: Client;
      let ns: string;
      let configMaps: Api<ConfigMap>;

      before(async () => {
        client = await makeClient();
        ns = `client-e2e-${short}`;
        await Api.cluster(client, Namespace).create({ metadata: { name: ns } });
        configMaps = Api.namespaced(client, ConfigMapResource, ns);
      });
      after(() => client.close());

      it('should read the server version and discover the API', async () => {
        expect((await serverVersion(client)).gitVersion).to.match(/^v1\./);
        const discovery = await Discovery.run(client);
        expect(discovery.resolve('apps/v1', 'Deployment').plural).to.equal('deployments');
        expect(discovery.find('v1', 'Pod').verbs).to.include('watch');
      });

      it('should create, get, getOpt and getMetadata', async () => {
        const created = await configMaps.create(configMap('a', { k: 'v' }));
        expect(created.metadata?.uid).to.be.a('string');
        expect((await configMaps.get('a')).data).to.deep.equal({ k: 'v' });
        expect(await configMaps.getOpt('absent')).to.equal(undefined);
        const meta = await configMaps.getMetadata('a');
        expect(meta.kind).to.equal('PartialObjectMetadata');
        expect(meta.metadata.uid).to.equal(created.metadata?.uid);
        expect((meta as { data?: unknown }).data).to.equal(undefined);
        expect(await configMaps.getMetadataOpt('absent')).to.equal(undefined);
      });

      it('should reject get of a missing object with a 404 NotFound ApiError', async () => {
        const error = await rejection(configMaps.get('absent'));
        expect(error.isNotFound()).to.equal(true);
        expect(error.status.reason).to.equal('NotFound');
        expect(error.message).to.contain('configmaps "absent" not found');
      });

      it('should list and listMetadata with a label selector', async () => {
        await configMaps.create(configMap('labelled', {}, { app: 'web' }));
        const list = await configMaps.list({ labelSelector: { app: 'web' } });
        expect(list.items.map((c) => c.metadata?.name)).to.deep.equal(['labelled']);
        expect(list.metadata.resourceVersion).to.be.a('string');
        const metas = await configMaps.listMetadata({ labelSelector: 'app=web' });
        expect(metas.items.map((c) => c.metadata.name)).to.deep.equal(['labelled']);
        expect((metas.items[0] as { data?: unknown }).data).to.equal(undefined);
      });

      it('should replace, and refuse a stale resourceVersion with 409 Conflict', async () => {
        const original = await configMaps.create(configMap('r', { n: '1' }));
        const replaced = await configMaps.replace('r', { ...original, data: { n: '2' } });
        expect(replaced.data).to.deep.equal({ n: '2' });
        const error = await rejection(configMaps.replace('r', { ...original, data: { n: '3' } }));
        expect(error.isConflict()).to.equal(true);
        expect((await configMaps.get('r')).data).to.deep.equal({ n: '2' });
      });

      it('should patch with merge, strategic, JSON and apply patches', async () => {
        await configMaps.create(configMap('p', { a: '1' }));
        expect((await configMaps.patch('p', Patch.merge({ data: { b: '2' } }))).data).to.deep.equal({ a: '1', b: '2' });
        expect((await configMaps.patch('p', Patch.strategic({ data: { c: '3' } }))).data).to.deep.equal({ a: '1', b: '2', c: '3' });
        expect((await configMaps.patch('p', Patch.json([{ op: 'remove', path: '/data/a' }]))).data).to.deep.equal({ b: '2', c: '3' });
        const applied = await configMaps.patch('p', Patch.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p' }, data: { d: '4' } }), { fieldManager: 'e2e' });
        expect(applied.data).to.include({ d: '4' });
        const meta = await configMaps.patchMetadata('p', Patch.merge({ metadata: { labels: { patched: 'yes' } } }));
        expect(meta.metadata.labels).to.deep.equal({ patched: 'yes' });
      });

      it('should report a server-side apply conflict, and take the field over with force', async () => {
        const intent = (owner: string): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' }, data: { owner } });
        await configMaps.patch('ssa', Patch.apply(intent('alice')), { fieldManager: 'alice' });
        const conflict = await rejection(configMaps.patch('ssa', Patch.apply(intent('bob')), { fieldManager: 'bob' }));
        expect(conflict.isConflict()).to.equal(true);
        expect(conflict.status.details?.causes?.map((c) => c.field)).to.deep.equal(['.data.owner']);
        const forced = await configMaps.patch('ssa', Patch.apply(intent('bob')), { fieldManager: 'bob', force: true });
        expect(forced.data).to.deep.equal({ owner: 'bob' });
        expect(forced.metadata?.managedFields?.map((f) => f.manager)).to.include('bob').and.not.include('alice');
      });

      it('should change nothing on a dry run', async () => {
        const created = await configMaps.create(configMap('dry', { x: '1' }), { dryRun: true });
        expect(created.metadata?.name).to.equal('dry');
        expect(await configMaps.getOpt('dry')).to.equal(undefined);
        await configMaps.create(configMap('dry', { x: '1' }));
        const before = await configMaps.get('dry');
        expect((await configMaps.patch('dry', Patch.merge({ data: { x: '2' } }), { dryRun: true })).data).to.deep.equal({ x: '2' });
        expect((await configMaps.replace('dry', { ...before, data: { x: '3' } }, { dryRun: true })).data).to.deep.equal({ x: '3' });
        await configMaps.delete('dry', { dryRun: true });
        const after = await configMaps.get('dry');
        expect(after.data).to.deep.equal({ x: '1' });
        expect(after.metadata?.resourceVersion).to.equal(before.metadata?.resourceVersion);
      });

      it('should delete: a Status once gone, the object while a finalizer holds it', async () => {
        await configMaps.create(configMap('gone'));
        const result = await configMaps.delete('gone');
        expect(isStatus(result) && result.status).to.equal('Success');
        await configMaps.create({ ...configMap('held'), metadata: { name: 'held', finalizers: ['example.com/hold'] } });
        const held = await configMaps.delete('held');
        expect(isStatus(held)).to.equal(false);
        if (!isStatus(held)) expect(held.metadata?.deletionTimestamp).to.be.a('string');
        const holding = await configMaps.get('held');
        await configMaps.replace('held', { ...holding, metadata: { ...holding.metadata, finalizers: [] } });
        expect(await configMaps.getOpt('held')).to.equal(undefined);
      });

      it('should deleteCollection by label', async () => {
        await Promise.all(['x1', 'x2'].map((name) => configMaps.create(configMap(name, {}, { sweep: 'yes' }))));
        await configMaps.create(configMap('x3', {}, { sweep: 'no' }));
        await configMaps.deleteCollection({}, { labelSelector: 'sweep=yes' });
        expect((await configMaps.list({ labelSelector: 'sweep' })).items.map((c) => c.metadata?.name)).to.deep.equal(['x3']);
      });

      it('should read and write the status subresource', async () => {
        // A custom resource: a Deployment's status belongs to the deployment controller, which a
        // real cluster runs and which would overwrite what this test writes.
        const widgets = Api.namespaced(client, WIDGET, ns);
        await widgets.create({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { color: 'red', replicas: 1 } });
        const status = await widgets.getStatus('w');
        const replacedStatus = await widgets.replaceStatus('w', { ...status, spec: { color: 'blue', replicas: 9 }, status: { replicas: 1 } });
        expect(replacedStatus['status']).to.deep.equal({ replicas: 1 });
        expect(replacedStatus['spec'], 'a status write ignores spec').to.deep.equal({ color: 'red', replicas: 1 });
        expect((await widgets.getStatus('w'))['status']).to.deep.equal({ replicas: 1 });
        expect((await widgets.patchStatus('w', Patch.merge({ status: { replicas: 2 } })))['status']).to.deep.equal({ replicas: 2 });
        expect((await widgets.get('w'))['spec']).to.deep.equal({ color: 'red', replicas: 1 });
      });

      it('should read and write the scale subresource', async () => {
        const deployments = Api.namespaced(client, Deployment, ns);
        const deployment: DeploymentObject = {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web' },
          spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
        };
        await deployments.create(deployment);
        expect((await deployments.getScale('web')).spec?.replicas).to.equal(1);
        expect((await deployments.patchScale('web', Patch.merge({ spec: { replicas: 3 } }))).spec?.replicas).to.equal(3);
        const scale = await deployments.getScale('web');
        expect(scale.spec?.replicas).to.equal(3);
        expect(scale.kind).to.equal('Scale');
        // A replace carries the resourceVersion it read; the deployment controller (real, or the
        // embedded server's simulation) writes status meanwhile, and a 409 means retry after a fresh read.
        const replaceOnce = async (from: typeof scale, attempt: number): Promise<typeof scale> =>
          deployments.replaceScale('web', { ...from, spec: { replicas: 2 } }).catch(async (error: unknown) => {
            if (!(isApiError(error) && error.isConflict()) || attempt >= 10) throw error;
            return replaceOnce(await deployments.getScale('web'), attempt + 1);
          });
        const replaced = await replaceOnce(scale, 1);
        expect(replaced.spec?.replicas).to.equal(2);
        expect((await deployments.get('web')).spec?.replicas).to.equal(2);
      });

      it('should commit an entry: create when vacant, then modify, retrying a conflict', async () => {
        const created = await configMaps.entry('settings').orInsert(() => configMap('settings', { n: '0' })).commit();
        expect(created?.data).to.deep.equal({ n: '0' });
        let attempts = 0;
        const committed = await configMaps
          .entry('settings')
          .andModify(async (cm) => {
            attempts += 1;
            // A concurrent writer slips in between the entry's read and its write, once.
            if (attempts === 1) {
              const current = await configMaps.get('settings');
              await configMaps.replace('settings', { ...current, data: { ...current.data, other: 'writer' } });
            }
            cm.data = { ...cm.data, n: String(Number(cm.data?.['n']) + 1) };
          })
          .commit();
        expect(attempts).to.equal(2);
        expect(committed?.data).to.deep.equal({ n: '1', other: 'writer' });
        expect((await configMaps.get('settings')).data).to.deep.equal({ n: '1', other: 'writer' });
      });

      it('should watch create, modify and delete in order, and close the connection on unsubscribe', async () => {
        const list = await configMaps.list();
        const openBefore = env.hooks.activeWatches();
        const started = env.hooks.nextWatch();
        const events = firstValueFrom(
          configMaps.watch({}, list.metadata.resourceVersion).pipe(
            filter((e) => e.type !== 'BOOKMARK' && (e.object as ConfigMap).metadata?.name === 'w'),
            take(3),
            toArray(),
          ),
        );
        await started;
        expect(env.hooks.activeWatches()).to.equal(openBefore + 1);
        const created = await configMaps.create(configMap('w', { v: '1' }));
        await configMaps.replace('w', { ...created, data: { v: '2' } });
        await configMaps.delete('w');
        const seen = await events;
        expect(seen.map((e) => e.type)).to.deep.equal(['ADDED', 'MODIFIED', 'DELETED']);
        expect(seen.map((e) => (e.object as ConfigMap).data?.['v'])).to.deep.equal(['1', '2', '2']);
        await until(() => env.hooks.activeWatches() === openBefore);
        expect(env.hooks.activeWatches()).to.equal(openBefore);
      });

      it("should read a pod's log, whole and followed line by line, and evict the pod", async function () {
        env.requireEmbedded(this, 'pods/log is served by a kubelet, and the real control plane runs none');
        const embedded = env.embedded!;
        const pods = Api.namespaced(client, Pod, ns);
        await pods.create({ metadata: { name: 'logger' }, spec: { containers: [{ name: 'app', image: 'busybox' }] } });
        embedded.hooks.appendPodLog(ns, 'logger', 'starting');
        embedded.hooks.appendPodLog(ns, 'logger', 'ready');
        expect(await pods.logs('logger')).to.equal('starting\nready\n');
        expect(await pods.logs('logger', { container: 'app', tailLines: 1 })).to.equal('ready\n');
        const error = await rejection(pods.logs('logger', { container: 'sidecar' }));
        expect(error.isBadRequest()).to.equal(true);
        // Follow the log: new lines arrive as they are written; the stream completes when the pod goes.
        const followed: string[] = [];
        let evicted: Promise<unknown> | undefined;
        await new Promise<void>((resolve, reject) =>
          pods.logStream('logger', { follow: true }).subscribe({
            next: (line) => {
              followed.push(line);
              if (followed.length === 2) embedded.hooks.appendPodLog(ns, 'logger', 'serving');
              if (followed.length === 3) evicted = pods.evict('logger', { deleteOptions: { gracePeriodSeconds: 0 } });
            },
            error: reject,
            complete: resolve,
          }),
        );
        expect(followed).to.deep.equal(['starting', 'ready', 'serving']);
        const status = (await evicted) as { status?: string };
        expect(status.status).to.equal('Success');
        expect(await pods.getOpt('logger')).to.equal(undefined);
      });

      it('should watch metadata only', async () => {
        const list = await configMaps.list();
        const started = env.hooks.nextWatch();
        const event = firstValueFrom(configMaps.watchMetadata({}, list.metadata.resourceVersion).pipe(filter((e) => e.type === 'ADDED')));
        await started;
        await configMaps.create(configMap('wm', { secret: 'not in metadata' }));
        const added = await event;
        expect(added.object.kind).to.equal('PartialObjectMetadata');
        expect((added.object as { data?: unknown }).data).to.equal(undefined);
      });
    });
  }

  describe('configuration', () => {
    it('should infer the config from $KUBECONFIG, skipping files that do not exist', async () => {
      const client = await Client.infer({ env: { KUBECONFIG: ['/nonexistent/config', env.kubeconfigPath].join(':') }, homeDir: '/nonexistent' });
      expect(client.baseUrl.href).to.equal(`${env.url}/`);
      expect((await Api.cluster(client, Namespace).get('default')).metadata?.name).to.equal('default');
      client.close();
    });

    it('should fail TLS against a server whose CA it was not given', async () => {
      const config = await Config.fromKubeconfig(env.kubeconfigFor('token'));
      const untrusting = new Client(new Config({ clusterUrl: config.clusterUrl, auth: config.auth, env: {} }));
      const error = await Api.cluster(untrusting, Namespace).list().catch((e: unknown) => e);
      expect((error as { reason?: unknown }).reason).to.equal('TlsFailed');
    });
  });

  describe('warnings', () => {
    it('should surface the server\'s warning about an unknown field, as kubectl does', async () => {
      const config = await Config.fromKubeconfig(env.kubeconfigFor('token'));
      const seen: string[] = [];
      const client = new Client(new Config({ clusterUrl: config.clusterUrl, auth: config.auth, tls: config.tls, env: {}, onWarning: (w) => seen.push(w.text) }));
      const deployments = Api.namespaced(client, Deployment, 'default');
      const body = {
        metadata: { name: 'warned' },
        spec: { nots: 1, selector: { matchLabels: { app: 'w' } }, template: { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
      } as unknown as DeploymentObject;
      await deployments.create(body);
      expect(seen).to.deep.equal(['unknown field "spec.nots"']);
      client.close();
    });
  });

  describe('retries', () => {
    it('should retry a GET the server is too busy for, and never a POST', async () => {
      const client = new Client(await Config.fromKubeconfig(env.kubeconfigFor('token')));
      const configMaps = Api.namespaced(client, ConfigMapResource, 'default');
      env.hooks.clearRequests();
      env.hooks.failNext(2);
      expect((await configMaps.list()).items).to.be.an('array');
      expect(env.hooks.requests().filter((r) => r.method === 'GET')).to.have.length(3);
      env.hooks.failNext(1);
      const error = await rejection(configMaps.create(configMap('never-retried')));
      expect(error.code).to.equal(503);
      expect(await configMaps.getOpt('never-retried')).to.equal(undefined);
      client.close();
    });
  });

  describe('pagination', () => {
    it('should list 1,200 objects page by page with listAll, one consistent snapshot', async () => {
      const client = new Client(await Config.fromKubeconfig(env.kubeconfigFor('token')));
      await Api.cluster(client, Namespace).create({ metadata: { name: 'client-e2e-pages' } });
      const configMaps = Api.namespaced(client, ConfigMapResource, 'client-e2e-pages');
      const names = Array.from({ length: 1200 }, (_, i) => `cm-${String(i).padStart(4, '0')}`);
      for (let i = 0; i < names.length; i += 100) await Promise.all(names.slice(i, i + 100).map((name) => configMaps.create(configMap(name))));
      env.hooks.clearRequests();
      const all = await configMaps.listAll({ limit: 500 });
      expect(userObjects(all.items)).to.have.length(1200);
      expect(userObjects(all.items).map((c) => c.metadata?.name)).to.deep.equal(names);
      expect(all.metadata.continue).to.equal(undefined);
      const pages = env.hooks.requests().filter((r) => r.path?.endsWith('/configmaps'));
      expect(pages).to.have.length(3);
      // a write between pages does not show up: the pages come from the first page's snapshot
      const page1 = await configMaps.list({ limit: 1000 });
      await configMaps.create(configMap('cm-9999'));
      const page2 = await configMaps.list({ limit: 1000, continueToken: page1.metadata.continue ?? '' });
      expect(userObjects(page1.items).length + userObjects(page2.items).length).to.equal(1200);
      client.close();
    });
  });
});
