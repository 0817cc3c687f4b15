// Controller, finalizer and Recorder against a test cluster (embedded, or real under KUBE_RX_TEST_CLUSTER=real).
import { expect } from 'chai';
import { filter, firstValueFrom, share, Subject, timeout, type Observable } from 'rxjs';
import { Api } from '../../lib/client/api.js';
import { isApiError } from '../../lib/core/errors/api-error.js';
import { Patch } from '../../lib/core/patch.js';
import { controllerOwnerRef } from '../../lib/core/object-ext.js';
import { ConfigMap, Namespace, Secret } from '../../lib/core/resources/core-v1.js';
import { EventsV1Event } from '../../lib/core/resources/events-v1.js';
import { Action } from '../../lib/runtime/controller/action.js';
import { Controller } from '../../lib/runtime/controller/controller.js';
import type { ReconcileResult } from '../../lib/runtime/controller/reconcile-result.js';
import { Recorder } from '../../lib/runtime/events/recorder.js';
import { finalizer } from '../../lib/runtime/finalizer/finalizer.js';
import { isFinalizerError } from '../../lib/runtime/finalizer/finalizer-error.js';
import { useApiClient } from '../helpers/api-client.js';
import { useTestCluster } from '../helpers/test-cluster.js';

/** The first value of `source` matching `predicate`; fails after 10 s. */
function first<T>(source: Observable<T>, predicate: (value: T) => boolean): Promise<T> {
  return firstValueFrom(source.pipe(filter(predicate), timeout(10_000)));
}

describe('controller machinery against a test cluster', function () {
  this.timeout(30_000);
  const env = useTestCluster();
  const cluster = useApiClient(env);

  async function namespace(name: string): Promise<void> {
    await Api.all(cluster.client, Namespace).create({ metadata: { name } });
  }

  describe('Controller.owns', () => {
    it('should reconcile the parent when the child it owns is edited or deleted', async () => {
      await namespace('owns');
      const parents = Api.namespaced(cluster.client, ConfigMap, 'owns');
      const children = Api.namespaced(cluster.client, Secret, 'owns');
      const parent = await parents.create({ metadata: { name: 'parent' }, data: { want: 'x' } });
      const owner = controllerOwnerRef(parent, ConfigMap);
      if (owner === undefined) throw new Error('no owner ref');
      await children.create({ metadata: { name: 'child', ownerReferences: [owner] }, stringData: { v: '1' } });

      const stop = new Subject<void>();
      const results = Controller.for(parents)
        .owns(children)
        .gracefulShutdownOn(stop)
        .run(() => Action.awaitChange(), () => Action.awaitChange(), {})
        .pipe(share());
      const done = new Promise<ReconcileResult[]>((resolve, reject) => {
        const all: ReconcileResult[] = [];
        results.subscribe({ next: (r) => all.push(r), error: reject, complete: () => resolve(all) });
      });
      const related = (r: ReconcileResult) => r.type === 'Reconciled' && r.request.reason.type === 'RelatedObjectUpdated';
      await first(results, (r) => r.type === 'Reconciled' && r.request.ref.name === 'parent');
      const edited = first(results, related);
      await children.patch('child', Patch.merge({ metadata: { labels: { edited: 'yes' } } }));
      expect((await edited).request.reason).to.deep.include({ type: 'RelatedObjectUpdated' });
      const removed = first(results, related);
      await children.delete('child');
      const result = await removed;
      expect(result.request.ref).to.deep.include({ kind: 'ConfigMap', name: 'parent', namespace: 'owns' });
      stop.next();
      const all = await done;
      // Every reconcile was the parent's (besides the root CA ConfigMap every namespace holds).
      const ours = all.filter((r) => r.type !== 'Reconciled' || r.request.ref.name !== 'kube-root-ca.crt');
      expect(ours.every((r) => r.type === 'Reconciled' && r.request.ref.name === 'parent')).to.equal(true);
    });
  });

  describe('finalizer', () => {
    it('should hold a deletion until cleanup ran, then let it complete', async () => {
      await namespace('finalizer');
      const api = Api.namespaced(cluster.client, ConfigMap, 'finalizer');
      await api.create({ metadata: { name: 'guarded' }, data: {} });
      const cleaned: string[] = [];
      const name = 'example.com/cleanup';
      const handler = async (event: { type: 'Apply' | 'Cleanup'; object: ConfigMap }) => {
        if (event.type === 'Cleanup') cleaned.push(event.object.metadata?.name ?? '');
        return Action.awaitChange();
      };
      // 1. no finalizer yet: it is added
      expect(await finalizer(api, name, await api.get('guarded'), handler)).to.deep.equal({});
      expect((await api.get('guarded')).metadata?.finalizers).to.deep.equal([name]);
      // 2. delete: held, with a deletionTimestamp
      await api.delete('guarded');
      const deleting = await api.get('guarded');
      expect(deleting.metadata?.deletionTimestamp).to.be.a('string');
      expect(cleaned).to.deep.equal([]);
      // 3. the reconcile of the deleting object runs cleanup and removes the finalizer: gone
      await finalizer(api, name, deleting, handler);
      expect(cleaned).to.deep.equal(['guarded']);
      expect(await api.getOpt('guarded')).to.equal(undefined);
    });

    it('should refuse to clobber a concurrent change to the finalizers, and succeed on the next try', async () => {
      await namespace('finalizer-race');
      const api = Api.namespaced(cluster.client, ConfigMap, 'finalizer-race');
      await api.create({ metadata: { name: 'shared', finalizers: ['other.io/keep'] }, data: {} });
      const stale = await api.get('shared');
      // someone else changes the list between our read and our patch
      await api.patch('shared', Patch.merge({ metadata: { finalizers: ['other.io/keep', 'third.io/also'] } }));
      const handler = () => Action.awaitChange();
      const error = await finalizer(api, 'example.com/mine', stale, handler).then(() => undefined, (e: unknown) => e);
      expect(isFinalizerError(error) && error.reason).to.equal('AddFinalizer');
      expect(isFinalizerError(error) && isApiError(error.cause) && error.cause.code).to.equal(422);
      await finalizer(api, 'example.com/mine', await api.get('shared'), handler);
      expect((await api.get('shared')).metadata?.finalizers).to.deep.equal(['other.io/keep', 'third.io/also', 'example.com/mine']);
    });
  });

  describe('Recorder', () => {
    it('should create an events.k8s.io/v1 Event, then turn an identical one into a series', async () => {
      await namespace('recorder');
      const cm = await Api.namespaced(cluster.client, ConfigMap, 'recorder').create({ metadata: { name: 'subject' } });
      const regarding = { apiVersion: 'v1', kind: 'ConfigMap', name: 'subject', namespace: 'recorder', uid: cm.metadata?.uid ?? '' };
      const recorder = new Recorder(cluster.client, { controller: 'example.com/test-controller', instance: 'test-1' });
      const event = { type: 'Normal' as const, reason: 'Synced', action: 'Reconcile', note: 'all good' };
      await recorder.publish(event, regarding);
      await recorder.publish({ ...event, note: 'still good' }, regarding);
      const events = (await Api.namespaced(cluster.client, EventsV1Event, 'recorder').list()).items;
      expect(events).to.have.length(1);
      const [only] = events;
      expect(only?.series?.count).to.equal(2);
      expect(only?.reason).to.equal('Synced');
      expect(only?.reportingController).to.equal('example.com/test-controller');
      expect(only?.regarding).to.deep.include({ kind: 'ConfigMap', name: 'subject' });
      expect(only?.eventTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      await recorder.publish({ ...event, reason: 'Failed', type: 'Warning' }, regarding);
      expect((await Api.namespaced(cluster.client, EventsV1Event, 'recorder').list()).items).to.have.length(2);
    });
  });
});
