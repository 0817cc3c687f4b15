// Checks the test cluster (embedded, or real under KUBE_RX_TEST_CLUSTER=real) with a client we did
// not write: @kubernetes/client-node 1.4.0.
import { expect } from 'chai';
import { CoreV1Api, KubeConfig, makeInformer, Watch, type V1ConfigMap } from '@kubernetes/client-node';
import { rawRequest } from '../helpers/api-server.js';
import { useTestCluster } from '../helpers/test-cluster.js';

type Json = Record<string, any>;

for (const auth of ['token', 'certificate'] as const) {
  describe(`@kubernetes/client-node (${auth} auth)`, () => {
    const env = useTestCluster();
    let kc: KubeConfig;
    let api: CoreV1Api;

    before(async () => {
      kc = new KubeConfig();
      kc.loadFromString(env.kubeconfigFor(auth));
      api = kc.makeApiClient(CoreV1Api);
      await rawRequest(env, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'cn' } } });
    });

    it('should create and list with CoreV1Api', async () => {
      const created = await api.createNamespacedConfigMap({ namespace: 'cn', body: { metadata: { name: 'from-client-node' }, data: { a: 'b' } } });
      expect(created.metadata?.uid).to.be.a('string');
      const list = await api.listNamespacedConfigMap({ namespace: 'cn' });
      expect(list.items.map((i) => i.metadata?.name)).to.include('from-client-node');
      // A list is served at the store's current resourceVersion (other writers may have moved it since).
      expect(Number(list.metadata?.resourceVersion)).to.be.at.least(Number(created.metadata?.resourceVersion));
      expect(Number(list.metadata?.resourceVersion)).to.be.at.most(Number(await env.hooks.resourceVersion()));
    });

    it('should surface a 409 AlreadyExists as an ApiException with the Status', async () => {
      let failure: unknown;
      try {
        await api.createNamespacedConfigMap({ namespace: 'cn', body: { metadata: { name: 'from-client-node' } } });
      } catch (error) {
        failure = error;
      }
      expect((failure as { code?: number }).code).to.equal(409);
      expect(JSON.parse((failure as { body: string }).body)).to.include({ reason: 'AlreadyExists', message: 'configmaps "from-client-node" already exists' });
    });

    it('should stream watch events through Watch', async () => {
      const events: string[] = [];
      const from = await env.hooks.resourceVersion();
      const seen = new Promise<void>((resolve, reject) => {
        const started = env.hooks.nextWatch('/namespaces/cn/configmaps');
        void new Watch(kc)
          .watch(
            '/api/v1/namespaces/cn/configmaps',
            { resourceVersion: from, allowWatchBookmarks: true },
            (type: string, object: Json) => {
              // (only ours: a real cluster publishes kube-root-ca.crt into new namespaces meanwhile)
              if (object['metadata']?.name === 'watched') events.push(`${type} ${String(object['metadata']?.name)}`);
              if (type === 'DELETED') resolve();
            },
            (error: unknown) => {
              if (error !== null && error !== undefined) reject(error as Error);
            },
          )
          .then(async (controller) => {
            await started;
            await rawRequest(env, '/api/v1/namespaces/cn/configmaps', { method: 'POST', body: { metadata: { name: 'watched' } } });
            await rawRequest(env, '/api/v1/namespaces/cn/configmaps/watched', { method: 'DELETE' });
            await seen;
            controller.abort();
          }, reject);
      });
      await seen;
      expect(events).to.deep.equal(['ADDED watched', 'DELETED watched']);
    });

    it('should keep an informer in sync and relist after a 410', async () => {
      const informer = makeInformer<V1ConfigMap>(kc, '/api/v1/namespaces/cn/configmaps', () => api.listNamespacedConfigMap({ namespace: 'cn' }));
      const added: string[] = [];
      const deleted: string[] = [];
      let notify: () => void = () => undefined;
      const changed = (): Promise<void> => new Promise((resolve) => (notify = resolve));
      informer.on('add', (o) => {
        added.push(o.metadata?.name ?? '');
        notify();
      });
      informer.on('delete', (o) => {
        deleted.push(o.metadata?.name ?? '');
        notify();
      });
      const watching = env.hooks.nextWatch('/namespaces/cn/configmaps');
      await informer.start();
      await watching;
      try {
        expect(informer.list().map((o) => o.metadata?.name)).to.include('from-client-node');
        let next = changed();
        await rawRequest(env, '/api/v1/namespaces/cn/configmaps', { method: 'POST', body: { metadata: { name: 'informed' } } });
        await next;
        expect(informer.get('informed', 'cn')?.metadata?.name).to.equal('informed');
        // History compacted and every watch dropped: the informer must relist and catch up.
        const rewatching = env.hooks.nextWatch('/namespaces/cn/configmaps');
        await env.hooks.expire();
        env.hooks.cutWatches();
        await rewatching;
        next = changed();
        await rawRequest(env, '/api/v1/namespaces/cn/configmaps/informed', { method: 'DELETE' });
        await next;
        expect(deleted).to.include('informed');
        expect(informer.get('informed', 'cn')).to.equal(undefined);
      } finally {
        await informer.stop();
      }
    });
  });
}
