// The watcher and reflector against a test cluster (embedded or real): following changes,
// recovering from dropped connections and compacted history, and selector transitions.
import { expect } from 'chai';
import { filter, firstValueFrom, map, share, take, timeout, toArray, type Observable } from 'rxjs';
import { Api } from '../../lib/client/api.js';
import { ConfigMap, Namespace } from '../../lib/core/resources/core-v1.js';
import { Patch } from '../../lib/core/patch.js';
import { failureStatus } from '../../lib/core/status.js';
import { exponentialBackoff } from '../../lib/runtime/backoff/backoff-policy.js';
import { reflect } from '../../lib/runtime/reflector/reflect.js';
import { createStore, type Store } from '../../lib/runtime/reflector/store.js';
import { metadataWatcher } from '../../lib/runtime/watcher/metadata-watcher.js';
import { watcher } from '../../lib/runtime/watcher/watcher.js';
import type { WatcherError } from '../../lib/runtime/watcher/watcher-error.js';
import type { WatcherEvent } from '../../lib/runtime/watcher/watcher-event.js';
import { useApiClient } from '../helpers/api-client.js';
import { useTestCluster } from '../helpers/test-cluster.js';

/** Resolves once `done` holds, checked now and after every event; fails after 10 s without it. */
function until<K>(events: Observable<WatcherEvent<K>>, done: () => boolean): Promise<void> {
  if (done()) return Promise.resolve();
  return firstValueFrom(events.pipe(filter(done), map(() => undefined), timeout(10_000)));
}

/** The ConfigMap kube-controller-manager (and the embedded server) publishes in every namespace. */
const ROOT_CA = 'kube-root-ca.crt';

const summary = (store: Store<ConfigMap>) =>
  Object.fromEntries(store.state().filter((cm) => cm.metadata?.name !== ROOT_CA).map((cm) => [cm.metadata?.name ?? '', cm.data?.['v'] ?? '']));

describe('runtime against a test cluster', function () {
  this.timeout(30_000);
  const env = useTestCluster();
  const cluster = useApiClient(env);

  async function namespace(name: string): Promise<Api<ConfigMap>> {
    await Api.all(cluster.client, Namespace).create({ metadata: { name } });
    return Api.namespaced(cluster.client, ConfigMap, name);
  }

  const cm = (name: string, v: string, labels?: Record<string, string>): ConfigMap => ({
    metadata: { name, ...(labels === undefined ? {} : { labels }) },
    data: { v },
  });

  describe('a reflector', () => {
    it('should follow creates, updates and deletes', async () => {
      const api = await namespace('reflector-follow');
      await api.create(cm('a', '1'));
      await api.create(cm('b', '1'));
      const { reader, writer } = createStore<ConfigMap>();
      const events = watcher(api).pipe(reflect(writer), share());
      const subscription = events.subscribe();
      try {
        await reader.ready();
        expect(summary(reader)).to.deep.equal({ a: '1', b: '1' });
        await api.create(cm('c', '1'));
        await api.patch('a', Patch.merge({ data: { v: '2' } }));
        await api.delete('b');
        await until(events, () => JSON.stringify(summary(reader)) === JSON.stringify({ a: '2', c: '1' }));
      } finally {
        subscription.unsubscribe();
      }
    });

    it('should converge to the server state after every watch is dropped and history compacted', async () => {
      const api = await namespace('reflector-recover');
      await api.create(cm('a', '1'));
      await api.create(cm('b', '1'));
      const errors: WatcherError[] = [];
      const { reader, writer } = createStore<ConfigMap>();
      // Retry quickly, so the test is short; the three injected failures below take 200 + 400 + 800 ms.
      const backoff = exponentialBackoff({ initial: 200, jitter: false });
      const events = watcher(api, { onError: (e) => errors.push(e), backoff }).pipe(reflect(writer), share());
      const restarts: number[] = [];
      const subscription = events.subscribe((e) => e.type === 'Restarted' && restarts.push(e.objects.length));
      try {
        await reader.ready();
        // Changes the reflector must not miss, made while its watch is gone (its reconnects fail
        // for a while) and after which the history it would resume from is compacted.
        // (500, not 503: the client itself retries 503s, and the watcher would never see them.)
        const internal = failureStatus(500, 'InternalError', 'Internal error occurred: injected');
        env.hooks.failNext(3, internal, { watch: true, pathPrefix: '/api/v1/namespaces/reflector-recover/' });
        env.hooks.cutWatches({ abrupt: true });
        await api.create(cm('c', '1'));
        await api.delete('a');
        await api.patch('b', Patch.merge({ data: { v: '2' } }));
        await env.hooks.expire();
        const server = async () => Object.fromEntries((await api.list()).items.filter((o) => o.metadata?.name !== ROOT_CA).map((o) => [o.metadata?.name ?? '', o.data?.['v'] ?? '']));
        const expected = await server();
        expect(expected).to.deep.equal({ b: '2', c: '1' });
        await until(events, () => JSON.stringify(summary(reader)) === JSON.stringify(expected));
        const rvs = new Map((await api.list()).items.map((o) => [o.metadata?.name, o.metadata?.resourceVersion]));
        for (const object of reader.state()) expect(object.metadata?.resourceVersion).to.equal(rvs.get(object.metadata?.name));
        expect(restarts.length, 'a relist after the 410').to.equal(2);
        expect(errors.map((e) => e.reason)).to.deep.equal(['WatchStartFailed', 'WatchStartFailed', 'WatchStartFailed']);
        expect(errors[0]?.message).to.contain('configmaps in namespace "reflector-recover"').and.contain('injected');
      } finally {
        subscription.unsubscribe();
      }
    });

    it('should watch metadata only with metadataWatcher', async () => {
      const api = await namespace('reflector-metadata');
      await api.create(cm('m', 'big value the metadata watcher never sees', { app: 'web' }));
      const first = await firstValueFrom(metadataWatcher(api).pipe(filter((e) => e.type === 'Restarted'), timeout(10_000)));
      const objects = first.type === 'Restarted' ? first.objects.filter((o) => o.metadata.name !== ROOT_CA) : [];
      expect(objects).to.have.length(1);
      expect(objects[0]?.kind).to.equal('PartialObjectMetadata');
      expect(objects[0]?.metadata.labels).to.deep.equal({ app: 'web' });
      expect(objects[0]).to.not.have.property('data');
    });

    it('should see an object that leaves a label selection as a delete', async () => {
      const api = await namespace('reflector-selector');
      await api.create(cm('x', '1', { app: 'web' }));
      const events = watcher(api, { labelSelector: 'app=web' }).pipe(share());
      const seen = firstValueFrom(events.pipe(map((e) => (e.type === 'Restarted' ? `R${e.objects.length}` : `${e.type}:${e.object.metadata?.labels?.['app']}`)), take(3), toArray(), timeout(10_000)));
      const subscription = events.subscribe();
      try {
        await firstValueFrom(events.pipe(filter((e) => e.type === 'Restarted')));
        await api.patch('x', Patch.merge({ data: { v: '2' } }));
        await api.patch('x', Patch.merge({ metadata: { labels: { app: 'db' } } }));
        // The delete carries the object as it was last seen matching.
        expect(await seen).to.deep.equal(['R1', 'Applied:web', 'Deleted:web']);
      } finally {
        subscription.unsubscribe();
      }
    });
  });
});
