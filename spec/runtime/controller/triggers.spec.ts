import type { KubeObject } from '../../../lib/core/object.js';
import { ConfigMap, Secret } from '../../../lib/core/resources/core-v1.js';
import { Deployment } from '../../../lib/core/resources/apps-v1.js';
import { Node } from '../../../lib/core/resources/core-v1.js';
import { triggerOwners, triggerSelf, triggerWith } from '../../../lib/runtime/controller/triggers.js';
import { applied, deleted, restarted, type WatcherEvent } from '../../../lib/runtime/watcher/watcher-event.js';
import { configMap } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

const ref = (name: string, namespace = 'default') => ({ apiVersion: 'v1', kind: 'ConfigMap', name, namespace });

describe('triggerSelf', () => {
  it('should request the applied and restarted objects, not deleted ones', () => {
    const a = configMap('a');
    const b = configMap('b');
    const objectUpdated = { type: 'ObjectUpdated' };
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold<WatcherEvent<ConfigMap>>('-A-D-R----|', { A: applied(a), D: deleted(a), R: restarted([a, b]) });
      expectObservable(source.pipe(triggerSelf(ConfigMap))).toBe('-a---(ab)-|', {
        a: { ref: { ...ref('a'), uid: 'uid-a', resourceVersion: '1' }, reason: objectUpdated },
        b: { ref: { ...ref('b'), uid: 'uid-b', resourceVersion: '1' }, reason: objectUpdated },
      });
    });
  });
});

describe('triggerOwners', () => {
  // As a metadata-only watch delivers it: kind PartialObjectMetadata.
  const owned = (name: string, owners: { apiVersion: string; kind: string; name: string }[]): KubeObject => ({
    apiVersion: 'meta.k8s.io/v1',
    kind: 'PartialObjectMetadata',
    metadata: { name, namespace: 'default', ownerReferences: owners.map((o) => ({ ...o, uid: `uid-${o.name}` })) },
  });

  it('should request each owner of the owner kind, any version, for applies, deletes and relists', () => {
    const s1 = owned('s1', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'p' }, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'p' }]);
    const s2 = owned('s2', [{ apiVersion: 'v2', kind: 'ConfigMap', name: 'q' }]);
    const related = (name: string) => ({ type: 'RelatedObjectUpdated', related: { apiVersion: 'v1', kind: 'Secret', name, namespace: 'default' } });
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold<WatcherEvent<KubeObject>>('-A-D-R----|', { A: applied(s1), D: deleted(s1), R: restarted([s1, s2]) });
      expectObservable(source.pipe(triggerOwners(ConfigMap, Secret))).toBe('-p-p-(pq)-|', {
        p: { ref: { ...ref('p'), uid: 'uid-p' }, reason: related('s1') },
        q: { ref: { ...ref('q'), uid: 'uid-q' }, reason: related('s2') },
      });
    });
  });

  it('should address a cluster-scoped owner without a namespace', () => {
    const pod = owned('x', [{ apiVersion: 'v1', kind: 'Node', name: 'n1' }]);
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold<WatcherEvent<KubeObject>>('A', { A: applied(pod) }).pipe(triggerOwners(Node, Deployment))).toBe('n', {
        n: {
          ref: { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'uid-n1' },
          reason: { type: 'RelatedObjectUpdated', related: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', namespace: 'default' } },
        },
      });
    });
  });
});

describe('triggerWith', () => {
  it('should request what the mapper returns for every touched object', () => {
    const secret: KubeObject = { metadata: { name: 'creds', namespace: 'default' } };
    const related = { type: 'RelatedObjectUpdated', related: { apiVersion: 'v1', kind: 'Secret', name: 'creds', namespace: 'default' } };
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold<WatcherEvent<KubeObject>>('-A----D----|', { A: applied(secret), D: deleted(secret) });
      const mapper = () => [{ name: 'x', namespace: 'default' }, { name: 'y', namespace: 'default' }];
      expectObservable(source.pipe(triggerWith(ConfigMap, mapper, Secret))).toBe('-(xy)-(xy)-|', {
        x: { ref: ref('x'), reason: related },
        y: { ref: ref('y'), reason: related },
      });
    });
  });
});
