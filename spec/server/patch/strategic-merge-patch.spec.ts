// Specs for applyStrategicMergePatch against Kubernetes' strategic merge patch semantics.
import { expect } from 'chai';
import { isPatchError, type PatchErrorReason } from '../../../lib/server/patch/patch-error.js';
import { applyStrategicMergePatch } from '../../../lib/server/patch/strategic-merge-patch.js';

const POD = { group: '', version: 'v1', kind: 'Pod' };
const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const SERVICE = { group: '', version: 'v1', kind: 'Service' };

function reasonOf(fn: () => unknown): PatchErrorReason {
  try {
    fn();
  } catch (error) {
    if (isPatchError(error)) return error.reason;
    throw error;
  }
  throw new Error('expected a PatchError');
}

const pod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a', 'b'] },
  spec: {
    containers: [
      { name: 'app', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 80 }] },
      { name: 'sidecar', image: 'envoy:1', args: ['--x', '--y'] },
    ],
    tolerations: [{ key: 'k1', operator: 'Exists' }],
    volumes: [{ name: 'data', emptyDir: {} }],
  },
});

describe('applyStrategicMergePatch', () => {
  describe('maps and scalars', () => {
    it('should merge maps key by key and delete keys set to null', () => {
      const result = applyStrategicMergePatch(pod(), { metadata: { labels: { app: null, tier: 'fe' } } }, POD) as ReturnType<typeof pod>;
      expect(result.metadata.labels).to.deep.equal({ tier: 'fe' });
      expect(result.metadata.name).to.equal('web');
    });

    it('should patch the fields an event recorder sends (count, lastTimestamp, message)', () => {
      const event = { metadata: { name: 'e' }, count: 1, message: 'a', lastTimestamp: '2024-01-01T00:00:00Z', involvedObject: { kind: 'Pod', name: 'p' } };
      const result = applyStrategicMergePatch(event, { count: 2, message: 'b', lastTimestamp: '2024-01-01T00:01:00Z' }, { group: '', version: 'v1', kind: 'Event' });
      expect(result).to.deep.equal({ ...event, count: 2, message: 'b', lastTimestamp: '2024-01-01T00:01:00Z' });
    });

    it('should empty a map carrying $patch: delete', () => {
      const result = applyStrategicMergePatch(pod(), { metadata: { labels: { $patch: 'delete' } } }, POD) as ReturnType<typeof pod>;
      expect(result.metadata.labels).to.deep.equal({});
    });

    it('should replace a map carrying $patch: replace instead of merging it', () => {
      const result = applyStrategicMergePatch(pod(), { metadata: { labels: { $patch: 'replace', only: 'this' } } }, POD) as ReturnType<typeof pod>;
      expect(result.metadata.labels).to.deep.equal({ only: 'this' });
    });

    it('should replace the whole object for a root $patch: replace', () => {
      const result = applyStrategicMergePatch(pod(), { $patch: 'replace', metadata: { name: 'x' } }, POD);
      expect(result).to.deep.equal({ metadata: { name: 'x' } });
    });

    it('should keep only the listed keys with $retainKeys (Deployment strategy switch to Recreate)', () => {
      const deployment = { spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } } };
      const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } };
      expect(applyStrategicMergePatch(deployment, patch, DEPLOYMENT)).to.deep.equal({ spec: { replicas: 2, strategy: { type: 'Recreate' } } });
    });

    it('should not mutate the target or the patch', () => {
      const target = pod();
      const patch = { spec: { containers: [{ name: 'app', image: 'nginx:2' }] } };
      applyStrategicMergePatch(target, patch, POD);
      expect(target).to.deep.equal(pod());
      expect(patch.spec.containers).to.deep.equal([{ name: 'app', image: 'nginx:2' }]);
    });
  });

  describe('lists with patchStrategy merge', () => {
    it('should merge containers by name, keeping the other containers and fields', () => {
      const result = applyStrategicMergePatch(pod(), { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } }, POD) as ReturnType<typeof pod>;
      expect(result.spec.containers).to.have.length(2);
      expect(result.spec.containers[0]).to.deep.include({ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }] });
      expect(result.spec.containers[1]).to.deep.equal(pod().spec.containers[1]);
    });

    it('should merge containers of a Deployment template by name', () => {
      const deployment = { spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } } } };
      const result = applyStrategicMergePatch(deployment, { spec: { template: { spec: { containers: [{ name: 'b', image: 'z' }] } } } }, DEPLOYMENT);
      expect(result).to.deep.equal({ spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }] } } } });
    });

    it('should put new items before server-only items as Go orders them (patch order first when not in the live list)', () => {
      const result = applyStrategicMergePatch(pod(), { spec: { containers: [{ name: 'new', image: 'busybox' }] } }, POD) as ReturnType<typeof pod>;
      expect(result.spec.containers.map((c) => c.name)).to.deep.equal(['new', 'app', 'sidecar']);
    });

    it('should keep server-only items before patch items that follow them in the live list', () => {
      const result = applyStrategicMergePatch(pod(), { spec: { containers: [{ name: 'sidecar', image: 'envoy:2' }, { name: 'z', image: 'z' }] } }, POD) as ReturnType<typeof pod>;
      expect(result.spec.containers.map((c) => c.name)).to.deep.equal(['app', 'sidecar', 'z']);
    });

    it('should merge env by name inside a merged container', () => {
      const patch = { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '3' }] }] } };
      const result = applyStrategicMergePatch(pod(), patch, POD) as ReturnType<typeof pod>;
      expect(result.spec.containers[0]?.env).to.deep.equal([{ name: 'A', value: '1' }, { name: 'B', value: '3' }]);
    });

    it('should delete a keyed item with $patch: delete', () => {
      const patch = { spec: { containers: [{ name: 'app', env: [{ name: 'A', $patch: 'delete' }] }, { name: 'sidecar', $patch: 'delete' }] } };
      const result = applyStrategicMergePatch(pod(), patch, POD) as ReturnType<typeof pod>;
      expect(result.spec.containers.map((c) => c.name)).to.deep.equal(['app']);
      expect(result.spec.containers[0]?.env).to.deep.equal([{ name: 'B', value: '2' }]);
    });

    it('should ignore $patch: delete of an item that does not exist', () => {
      const result = applyStrategicMergePatch(pod(), { spec: { volumes: [{ name: 'nope', $patch: 'delete' }] } }, POD) as ReturnType<typeof pod>;
      expect(result.spec.volumes).to.deep.equal([{ name: 'data', emptyDir: {} }]);
    });

    it('should replace a merge list carrying a $patch: replace item', () => {
      const patch = { spec: { containers: [{ name: 'only', image: 'i' }, { $patch: 'replace' }] } };
      const result = applyStrategicMergePatch(pod(), patch, POD) as ReturnType<typeof pod>;
      expect(result.spec.containers).to.deep.equal([{ name: 'only', image: 'i' }]);
    });

    it('should merge container ports by containerPort and Service ports by port', () => {
      const p = applyStrategicMergePatch(pod(), { spec: { containers: [{ name: 'app', ports: [{ containerPort: 80, name: 'http' }] }] } }, POD) as ReturnType<typeof pod>;
      expect(p.spec.containers[0]?.ports).to.deep.equal([{ containerPort: 80, name: 'http' }]);
      const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] } };
      const s = applyStrategicMergePatch(svc, { spec: { ports: [{ port: 443, targetPort: 9443 }] } }, SERVICE);
      expect(s).to.deep.equal({ spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 9443 }] } });
    });

    it('should merge status conditions by type', () => {
      const live = { status: { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Initialized', status: 'True' }] } };
      const result = applyStrategicMergePatch(live, { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, POD);
      expect(result).to.deep.equal({ status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Initialized', status: 'True' }] } });
    });

    it('should merge ownerReferences by uid', () => {
      const live = { metadata: { ownerReferences: [{ uid: '1', name: 'a', kind: 'X', apiVersion: 'v1' }] } };
      const added = { uid: '2', name: 'b', kind: 'X', apiVersion: 'v1' };
      const result = applyStrategicMergePatch(live, { metadata: { ownerReferences: [added] } }, { group: '', version: 'v1', kind: 'ConfigMap' }) as typeof live;
      expect(result.metadata.ownerReferences.map((r) => r.uid).sort()).to.deep.equal(['1', '2']);
    });

    it('should union scalar merge lists (finalizers) without duplicates', () => {
      const result = applyStrategicMergePatch(pod(), { metadata: { finalizers: ['b', 'c'] } }, POD) as ReturnType<typeof pod>;
      expect([...result.metadata.finalizers].sort()).to.deep.equal(['a', 'b', 'c']);
      expect(result.metadata.finalizers).to.have.length(3);
    });

    it('should remove values with $deleteFromPrimitiveList', () => {
      const result = applyStrategicMergePatch(pod(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, POD) as ReturnType<typeof pod>;
      expect(result.metadata.finalizers).to.deep.equal(['b']);
    });

    it('should impose $setElementOrder on the merged list, reordering existing items', () => {
      const patch = { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }] } };
      const result = applyStrategicMergePatch(pod(), patch, POD) as ReturnType<typeof pod>;
      expect(result.spec.containers.map((c) => c.name)).to.deep.equal(['sidecar', 'app']);
    });

    it('should place new items where $setElementOrder puts them (kubectl apply)', () => {
      const patch = {
        spec: {
          '$setElementOrder/containers': [{ name: 'app' }, { name: 'mid' }, { name: 'sidecar' }],
          containers: [{ name: 'mid', image: 'm' }],
        },
      };
      const result = applyStrategicMergePatch(pod(), patch, POD) as ReturnType<typeof pod>;
      expect(result.spec.containers.map((c) => c.name)).to.deep.equal(['app', 'mid', 'sidecar']);
      expect(result.spec).to.not.have.property('$setElementOrder/containers');
    });

    it('should handle $setElementOrder with $deleteFromPrimitiveList on a scalar list', () => {
      const live = { metadata: { finalizers: ['1', '2', '3', '4'] } };
      const patch = { metadata: { '$setElementOrder/finalizers': ['1', '2', '4'], '$deleteFromPrimitiveList/finalizers': ['3'] } };
      expect(applyStrategicMergePatch(live, patch, POD)).to.deep.equal({ metadata: { finalizers: ['1', '2', '4'] } });
    });

    it('should add a list that did not exist', () => {
      const result = applyStrategicMergePatch({ spec: {} }, { spec: { imagePullSecrets: [{ name: 'reg' }] } }, POD);
      expect(result).to.deep.equal({ spec: { imagePullSecrets: [{ name: 'reg' }] } });
    });
  });

  describe('lists without a merge strategy', () => {
    it('should replace tolerations and args whole', () => {
      const patch = { spec: { tolerations: [{ key: 'k2', operator: 'Exists' }], containers: [{ name: 'sidecar', args: ['--z'] }] } };
      const result = applyStrategicMergePatch(pod(), patch, POD) as ReturnType<typeof pod>;
      expect(result.spec.tolerations).to.deep.equal([{ key: 'k2', operator: 'Exists' }]);
      expect(result.spec.containers[1]?.args).to.deep.equal(['--z']);
    });

    it('should replace every list of a kind it has no definition for (custom resources)', () => {
      const cr = { spec: { items: [{ name: 'a' }, { name: 'b' }], labels: { a: '1' } } };
      const result = applyStrategicMergePatch(cr, { spec: { items: [{ name: 'c' }], labels: { b: '2' } } }, { group: 'example.com', version: 'v1', kind: 'Widget' });
      expect(result).to.deep.equal({ spec: { items: [{ name: 'c' }], labels: { a: '1', b: '2' } } });
    });
  });

  describe('errors', () => {
    it('should refuse a patch that is not an object with MalformedPatch', () => {
      expect(reasonOf(() => applyStrategicMergePatch({}, [], POD))).to.equal('MalformedPatch');
      expect(reasonOf(() => applyStrategicMergePatch({}, 'x', POD))).to.equal('MalformedPatch');
    });

    it('should refuse unknown $patch directives with MalformedPatch', () => {
      expect(reasonOf(() => applyStrategicMergePatch(pod(), { metadata: { $patch: 'explode' } }, POD))).to.equal('MalformedPatch');
      expect(reasonOf(() => applyStrategicMergePatch(pod(), { spec: { containers: [{ name: 'app', $patch: 'merge' }] } }, POD))).to.equal('MalformedPatch');
    });

    it('should refuse malformed $retainKeys, $deleteFromPrimitiveList and $setElementOrder with MalformedPatch', () => {
      expect(reasonOf(() => applyStrategicMergePatch(pod(), { spec: { $retainKeys: 'type' } }, POD))).to.equal('MalformedPatch');
      expect(reasonOf(() => applyStrategicMergePatch(pod(), { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } }, POD))).to.equal('MalformedPatch');
      expect(reasonOf(() => applyStrategicMergePatch(pod(), { spec: { '$setElementOrder/containers': {} } }, POD))).to.equal('MalformedPatch');
    });

    it('should fail fields outside $retainKeys with PatchFailed', () => {
      const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
      expect(reasonOf(() => applyStrategicMergePatch({ spec: {} }, patch, DEPLOYMENT))).to.equal('PatchFailed');
    });

    it('should fail a merge-list item without its merge key with PatchFailed', () => {
      expect(reasonOf(() => applyStrategicMergePatch(pod(), { spec: { containers: [{ image: 'x' }] } }, POD))).to.equal('PatchFailed');
      expect(reasonOf(() => applyStrategicMergePatch(pod(), { spec: { containers: [{ $patch: 'delete' }] } }, POD))).to.equal('PatchFailed');
    });

    it('should fail a $setElementOrder that contradicts the patch list with PatchFailed', () => {
      const patch = { spec: { '$setElementOrder/containers': [{ name: 'app' }], containers: [{ name: 'other', image: 'x' }] } };
      expect(reasonOf(() => applyStrategicMergePatch(pod(), patch, POD))).to.equal('PatchFailed');
    });

    it('should fail merging lists whose items have different types with PatchFailed', () => {
      expect(reasonOf(() => applyStrategicMergePatch(pod(), { metadata: { finalizers: [{ a: 1 }] } }, POD))).to.equal('PatchFailed');
    });
  });
});
