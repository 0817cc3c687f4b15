// Specs for serverSideApply against Kubernetes' server-side apply semantics (SSA docs, structured-merge-diff).
import { expect } from 'chai';
import type { KubeObject } from '../../../lib/core/index.js';
import { isApplyConflictError, type ApplyConflictError } from '../../../lib/server/apply/apply-conflict-error.js';
import { builtinMergeSchema, crdMergeSchema } from '../../../lib/server/apply/merge-schema.js';
import { recordUpdate } from '../../../lib/server/apply/record-update.js';
import { serverSideApply } from '../../../lib/server/apply/server-side-apply.js';

const DEPLOYMENT = builtinMergeSchema({ group: 'apps', version: 'v1', kind: 'Deployment' });
const CONFIGMAP = builtinMergeSchema({ group: '', version: 'v1', kind: 'ConfigMap' });
const T1 = '2024-05-01T10:00:00Z';
const T2 = '2024-05-01T10:05:00Z';
const T3 = '2024-05-01T10:10:00Z';

type Deployment = KubeObject & { spec: { replicas?: number; template: { spec: { containers: { name: string; image?: string }[] } } } };

const deployment = (replicas: number, image = 'nginx:1.25', extra: Record<string, unknown> = {}): KubeObject =>
  ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } },
    ...extra,
  },
  }) as KubeObject;

const apply = (live: KubeObject | undefined, applied: KubeObject | Record<string, unknown>, manager: string, options: { force?: boolean; time?: string } = {}) =>
  serverSideApply({ live, applied: applied as KubeObject, manager, force: options.force ?? false, apiVersion: 'apps/v1', time: options.time ?? T1, schema: DEPLOYMENT });

const conflictOf = (fn: () => unknown): ApplyConflictError => {
  try {
    fn();
  } catch (error) {
    if (isApplyConflictError(error)) return error;
    throw error;
  }
  throw new Error('expected an ApplyConflictError');
};

describe('serverSideApply', () => {
  describe('create and ownership', () => {
    it('should create the object and record an Apply entry with the applied fields', () => {
      const result = apply(undefined, deployment(3), 'kubectl');
      expect((result as Deployment).spec.replicas).to.equal(3);
      expect(result.metadata?.managedFields).to.deep.equal([
        {
          manager: 'kubectl',
          operation: 'Apply',
          apiVersion: 'apps/v1',
          time: T1,
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:spec': {
              'f:replicas': {},
              'f:selector': {},
              'f:template': {
                'f:metadata': { 'f:labels': { 'f:app': {} } },
                'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
              },
            },
          },
        },
      ]);
    });

    it('should not move the time of a re-apply that changes nothing', () => {
      const first = apply(undefined, deployment(3), 'kubectl', { time: T1 });
      const again = apply(first, deployment(3), 'kubectl', { time: T2 });
      expect(again.metadata?.managedFields?.[0]?.time).to.equal(T1);
      expect(again).to.deep.equal(first);
    });

    it('should keep the fields nobody manages (uid, resourceVersion) and the time when a re-apply of metadata changes nothing', () => {
      const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { applied: 'yes' } }, data: { applied: 'yes' } };
      const applyConfigMap = (live: KubeObject | undefined, time: string): KubeObject =>
        serverSideApply({ live, applied: config as KubeObject, manager: 'm', force: false, apiVersion: 'v1', time, schema: CONFIGMAP });
      const created = applyConfigMap(undefined, T1);
      const stored = { ...created, metadata: { ...created.metadata, namespace: 'default', uid: 'u-1', resourceVersion: '46', creationTimestamp: T1 } } as KubeObject;
      const again = applyConfigMap(stored, T2);
      expect(again).to.deep.equal(stored);
    });

    it('should keep live fields the configuration does not mention', () => {
      const live = { ...apply(undefined, deployment(3), 'kubectl'), status: { replicas: 3 } } as KubeObject;
      const result = apply(live, deployment(4), 'kubectl', { time: T2 }) as Deployment & { status: unknown };
      expect(result.status).to.deep.equal({ replicas: 3 });
      expect(result.spec.replicas).to.equal(4);
      expect(result.metadata?.managedFields?.[0]?.time).to.equal(T2);
    });
  });

  describe('conflicts', () => {
    it('should refuse to change a field another applier owns, with the API server\'s message and causes', () => {
      const live = apply(undefined, deployment(3), 'alice');
      const error = conflictOf(() => apply(live, deployment(5), 'bob'));
      expect(error.reason).to.equal('Conflict');
      expect(error.message).to.equal('Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
      expect(error.causes).to.deep.equal([{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.replicas' }]);
    });

    it('should name Update managers with the API version they used', () => {
      const created = recordUpdate({ live: undefined, updated: deployment(3), manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', time: T1, schema: DEPLOYMENT });
      const error = conflictOf(() => apply(created, deployment(5), 'mgr'));
      expect(error.message).to.equal('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
      expect(error.causes[0]).to.deep.equal({ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' });
    });

    it('should list several conflicts grouped by sorted manager', () => {
      let live = apply(undefined, deployment(3), 'zed');
      live = recordUpdate({ live, updated: { ...live, spec: { ...(live as Deployment).spec, paused: true } } as KubeObject, manager: 'amy', apiVersion: 'apps/v1', time: T2, schema: DEPLOYMENT });
      const error = conflictOf(() => apply(live, deployment(5, 'nginx:1.27', { paused: false }), 'bob'));
      expect(error.message).to.equal(
        'Apply failed with 3 conflicts: conflicts with "amy" using apps/v1:\n- .spec.paused\nconflicts with "zed":\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
      );
      expect(error.causes.map((c) => c.field)).to.deep.equal(['.spec.paused', '.spec.replicas', '.spec.template.spec.containers[name="nginx"].image']);
    });

    it('should share a field applied with the same value, without conflict', () => {
      const live = apply(undefined, deployment(3), 'alice');
      const result = apply(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3 } }, 'bob', { time: T2 });
      // bob's entry has no time (the object did not change), so it sorts first, as Go sorts a nil time as 0
      const managers = result.metadata?.managedFields?.map((m) => m.manager);
      expect(managers).to.deep.equal(['bob', 'alice']);
      expect(result.metadata?.managedFields?.[0]?.fieldsV1).to.deep.equal({ 'f:spec': { 'f:replicas': {} } });
      expect(result.metadata?.managedFields?.[0]).to.not.have.property('time');
      expect(result.metadata?.managedFields?.[1]?.fieldsV1).to.have.nested.property('f:spec.f:replicas');
    });

    it('should take the field with force and drop a manager left with nothing', () => {
      const live = apply(undefined, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3 } }, 'alice');
      const result = apply(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5 } }, 'bob', { force: true, time: T2 });
      expect((result as Deployment).spec.replicas).to.equal(5);
      expect(result.metadata?.managedFields?.map((m) => m.manager)).to.deep.equal(['bob']);
    });

    it('should take only the conflicting fields with force', () => {
      const live = apply(undefined, deployment(3), 'alice');
      const result = apply(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5 } }, 'bob', { force: true, time: T2 });
      const alice = result.metadata?.managedFields?.find((m) => m.manager === 'alice');
      expect(alice?.fieldsV1).to.not.have.nested.property('f:spec.f:replicas');
      expect(alice?.fieldsV1).to.have.nested.property('f:spec.f:selector');
    });
  });

  describe('removing fields the manager stopped applying', () => {
    it('should remove a field only this manager owned', () => {
      const live = apply(undefined, deployment(3, 'nginx', { paused: true }), 'alice');
      const result = apply(live, deployment(3), 'alice', { time: T2 }) as Deployment;
      expect(result.spec).to.not.have.property('paused');
    });

    it('should keep a field another manager also owns', () => {
      let live = apply(undefined, deployment(3, 'nginx', { paused: true }), 'alice');
      live = apply(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { paused: true } }, 'bob', { time: T2 });
      const result = apply(live, deployment(3), 'alice', { time: T3 }) as Deployment & { spec: { paused?: boolean } };
      expect(result.spec.paused).to.equal(true);
    });

    it('should remove a container this manager stopped applying and keep the others', () => {
      const two = deployment(1);
      (two as Deployment).spec.template.spec.containers.push({ name: 'sidecar', image: 'envoy' });
      const live = apply(undefined, two, 'alice');
      const result = apply(live, deployment(1), 'alice', { time: T2 }) as Deployment;
      expect(result.spec.template.spec.containers.map((c) => c.name)).to.deep.equal(['nginx']);
    });

    it('should remove a struct field left empty and unowned', () => {
      const live = apply(undefined, deployment(1, 'nginx', { strategy: { rollingUpdate: { maxSurge: 1 } } }), 'alice');
      const result = apply(live, deployment(1), 'alice', { time: T2 }) as Deployment;
      expect(result.spec).to.not.have.property('strategy');
    });
  });

  describe('lists', () => {
    it('should merge finalizers as a set and containers by name', () => {
      const live = recordUpdate({ live: undefined, updated: { ...deployment(1), metadata: { name: 'web', finalizers: ['a'] } } as KubeObject, manager: 'creator', apiVersion: 'apps/v1', time: T1, schema: DEPLOYMENT });
      const applied = { ...deployment(1), metadata: { name: 'web', finalizers: ['b'] } } as KubeObject;
      const result = apply(live, applied, 'alice', { time: T2 });
      expect(result.metadata?.finalizers).to.deep.equal(['a', 'b']);
      const alice = result.metadata?.managedFields?.find((m) => m.manager === 'alice');
      expect(alice?.fieldsV1).to.have.nested.property('f:metadata.f:finalizers.v:"b"');
      expect(alice?.fieldsV1).to.not.have.nested.property('f:metadata.f:finalizers.v:"a"');
    });

    it('should replace lists of custom resources without list markers (atomic)', () => {
      const schema = crdMergeSchema({ type: 'object', properties: { spec: { type: 'object', properties: { items: { type: 'array', items: { type: 'string' } } } } } });
      const cr = (items: string[]) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { items } });
      const first = serverSideApply({ live: undefined, applied: cr(['a', 'b']), manager: 'm', force: false, apiVersion: 'example.com/v1', time: T1, schema });
      expect(first.metadata?.managedFields?.[0]?.fieldsV1).to.deep.equal({ 'f:spec': { 'f:items': {} } });
      const second = serverSideApply({ live: first, applied: cr(['c']), manager: 'm', force: false, apiVersion: 'example.com/v1', time: T2, schema });
      expect((second as unknown as { spec: { items: string[] } }).spec.items).to.deep.equal(['c']);
    });
  });

  describe('kubectl interplay', () => {
    const csaCreated = (): KubeObject => {
      const object = deployment(3) as KubeObject & { metadata: Record<string, unknown> };
      const lastApplied = JSON.stringify(object);
      const withAnnotation = { ...object, metadata: { ...object.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } } };
      return recordUpdate({ live: undefined, updated: withAnnotation, manager: 'kubectl-client-side-apply', apiVersion: 'apps/v1', time: T1, schema: DEPLOYMENT });
    };

    it('should let kubectl --server-side take fields still equal to the last-applied configuration and rewrite the annotation', () => {
      const result = apply(csaCreated(), deployment(5), 'kubectl', { time: T2 });
      expect((result as Deployment).spec.replicas).to.equal(5);
      const annotation = result.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '';
      expect(JSON.parse(annotation)).to.deep.equal(deployment(5));
      expect(annotation.endsWith('\n')).to.equal(true);
    });

    it('should still conflict for other field managers', () => {
      expect(conflictOf(() => apply(csaCreated(), deployment(5), 'my-tool')).message).to.match(/conflict with "kubectl-client-side-apply" using apps\/v1: \.spec\.replicas/);
    });

    it('should conflict for kubectl when the live value moved away from the last-applied one', () => {
      const live = csaCreated();
      const scaled = recordUpdate({ live, updated: { ...live, spec: { ...(live as Deployment).spec, replicas: 7 } } as KubeObject, manager: 'kubectl-scale', apiVersion: 'apps/v1', time: T2, schema: DEPLOYMENT });
      expect(conflictOf(() => apply(scaled, deployment(5), 'kubectl', { time: T3 })).message).to.equal(
        'Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas',
      );
    });
  });

  describe('managedFields bookkeeping', () => {
    it('should give an object without managedFields a before-first-apply manager that the first apply conflicts with', () => {
      const input = {
        live: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '1' } },
        applied: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '2' } } as KubeObject,
        manager: 'm',
        force: false,
        apiVersion: 'v1',
        time: T1,
        schema: CONFIGMAP,
      };
      expect(conflictOf(() => serverSideApply(input)).message).to.equal('Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .data.a');
      const forced = serverSideApply({ ...input, force: true });
      expect(forced.metadata?.managedFields?.map((m) => [m.manager, m.fieldsV1])).to.deep.equal([
        ['m', { 'f:data': { 'f:a': {} } }],
        ['before-first-apply', { 'f:data': { '.': {}, 'f:b': {} } }],
      ]);
    });

    it('should sort Apply entries before Update entries', () => {
      let live = recordUpdate({ live: undefined, updated: deployment(1), manager: 'creator', apiVersion: 'apps/v1', time: T1, schema: DEPLOYMENT });
      live = apply(live, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { paused: true } }, 'applier', { time: T2 });
      expect(live.metadata?.managedFields?.map((m) => `${m.operation}:${m.manager}`)).to.deep.equal(['Apply:applier', 'Update:creator']);
    });

    it('should never own apiVersion, kind, name or namespace', () => {
      const result = apply(undefined, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'ns' } }, 'm');
      expect(result.metadata?.managedFields ?? []).to.deep.equal([]);
      expect(result.metadata).to.not.have.property('managedFields');
    });

    it('should not modify its inputs', () => {
      const live = apply(undefined, deployment(3), 'alice');
      const snapshot = structuredClone(live);
      const applied = deployment(4);
      apply(live, applied, 'alice', { time: T2 });
      expect(live).to.deep.equal(snapshot);
      expect(applied).to.deep.equal(deployment(4));
    });
  });
});
