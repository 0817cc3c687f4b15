import { expect } from 'chai';
import type { Observable } from 'rxjs';
import { Deployment as DeploymentResource, type Deployment } from '../../../lib/core/resources/apps-v1.js';
import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import { triggerSelf } from '../../../lib/runtime/controller/triggers.js';
import { reflect } from '../../../lib/runtime/reflector/reflect.js';
import { createStore } from '../../../lib/runtime/reflector/store.js';
import { predicateFilter } from '../../../lib/runtime/operators/predicate-filter.js';
import { combine, fallback, predicates } from '../../../lib/runtime/operators/predicates.js';
import { applied, deleted, restarted, type WatcherEvent } from '../../../lib/runtime/watcher/watcher-event.js';
import { configMap } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

const g1 = configMap('a', '1', { generation: 1 });
const g1b = configMap('a', '2', { generation: 1 });
const g2 = configMap('a', '3', { generation: 2 });
const recreated = configMap('a', '9', { generation: 1, uid: 'uid-new' });
const other = configMap('b', '4', { generation: 7 });

describe('predicateFilter', () => {
  it('should drop Applied events whose predicate value did not change', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<WatcherEvent<ConfigMap>>('-a-b-c-|', { a: applied(g1), b: applied(g1b), c: applied(g2) });
      expectObservable(source.pipe(predicateFilter(predicates.generation))).toBe('-a---c-|', { a: applied(g1), c: applied(g2) });
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('should never hide a Deleted, and forget the object so that it passes again', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold<WatcherEvent<ConfigMap>>('-a-d-b-', { a: applied(g1), d: deleted(g1), b: applied(g1b) });
      expectObservable(source.pipe(predicateFilter(predicates.generation))).toBe('-a-d-b-', { a: applied(g1), d: deleted(g1), b: applied(g1b) });
    });
  });

  it('should pass an object recreated with the same generation (uid in the key)', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold<WatcherEvent<ConfigMap>>('-a-r-', { a: applied(g1), r: applied(recreated) });
      expectObservable(source.pipe(predicateFilter(predicates.generation))).toBe('-a-r-', { a: applied(g1), r: applied(recreated) });
    });
  });

  it('should keep only changed objects in a Restarted', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold<WatcherEvent<ConfigMap>>('-R-S-', { R: restarted([g1, other]), S: restarted([g1b, other, g2]) });
      // second relist: a's generation is unchanged at first (g1b) then changes (g2 has the same key, later in the list)
      expectObservable(source.pipe(predicateFilter(predicates.generation))).toBe('-R-S-', {
        R: restarted([g1, other]),
        S: restarted([g2]),
      });
    });
  });

  it('should let an unchanged object through again after the TTL', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold<WatcherEvent<ConfigMap>>('a 9ms b 20ms c', { a: applied(g1), b: applied(g1b), c: applied(g1) });
      expectObservable(source.pipe(predicateFilter(predicates.generation, { ttl: 15 }))).toBe('a 30ms c', { a: applied(g1), c: applied(g1) });
    });
  });

  it('should always pass objects for which the predicate has no value', () => {
    const noGeneration = configMap('x', '1');
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold<WatcherEvent<ConfigMap>>('-a-a-', { a: applied(noGeneration) });
      expectObservable(source.pipe(predicateFilter(predicates.generation))).toBe('-a-a-', { a: applied(noGeneration) });
    });
  });

  it('should emit the error when the predicate throws', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const boom = new Error('boom');
      const source = cold<WatcherEvent<ConfigMap>>('-a-', { a: applied(g1) });
      expectObservable(source.pipe(predicateFilter(() => { throw boom; }))).toBe('-#', undefined, boom);
    });
  });
});

describe('predicates', () => {
  it('should read generation, resourceVersion, labels, annotations and finalizers', () => {
    expect(predicates.generation(g2)).to.equal('2');
    expect(predicates.generation(configMap('x'))).to.equal(undefined);
    expect(predicates.resourceVersion(g2)).to.equal('3');
    const l1 = configMap('x', '1', { labels: { a: '1', b: '2' } });
    const l2 = configMap('x', '1', { labels: { b: '2', a: '1' } });
    expect(predicates.labels(l1)).to.equal(predicates.labels(l2));
    expect(predicates.labels(l1)).to.not.equal(predicates.labels(configMap('x')));
    expect(predicates.annotations(configMap('x'))).to.equal('');
    expect(predicates.finalizers({ metadata: { finalizers: ['a'] } })).to.not.equal(predicates.finalizers({ metadata: { finalizers: ['b'] } }));
  });

  it('should combine and fall back', () => {
    const both = combine(predicates.generation, predicates.labels);
    expect(both(g1)).to.not.equal(both(configMap('a', '1', { generation: 1, labels: { x: 'y' } })));
    const either = fallback(predicates.generation, predicates.resourceVersion);
    expect(either(g2)).to.equal('2');
    expect(either(configMap('x', '42'))).to.equal('42');
  });

  it('should keep the element type: predicates.generation then triggerSelf(Deployment) compiles without type arguments', () => {
    // A type-level check as much as a run: before predicates were generic, this pipe widened
    // to WatcherEvent<KubeObject> and triggerSelf(Deployment) did not compile.
    const d1: Deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'u', generation: 1 } };
    const d1b: Deployment = { ...d1, metadata: { ...d1.metadata, resourceVersion: '2' } };
    createTestScheduler().run(({ cold, expectObservable }) => {
      const { writer } = createStore<Deployment>();
      const source = cold<WatcherEvent<Deployment>>('-a-b-', { a: applied(d1), b: applied(d1b) });
      const kept: Observable<WatcherEvent<Deployment>> = source.pipe(reflect(writer), predicateFilter(predicates.generation));
      const requests = kept.pipe(triggerSelf(DeploymentResource));
      const widened = source.pipe(predicateFilter(fallback(predicates.generation, predicates.labels)), triggerSelf(DeploymentResource));
      const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default', uid: 'u' };
      expectObservable(requests).toBe('-r---', { r: { ref, reason: { type: 'ObjectUpdated' } } });
      expectObservable(widened).toBe('-r---', { r: { ref, reason: { type: 'ObjectUpdated' } } });
    });
  });
});
