// Specs for recordUpdate: ownership of ordinary writes.
import { expect } from 'chai';
import type { KubeObject } from '../../../lib/core/index.js';
import { builtinMergeSchema } from '../../../lib/server/apply/merge-schema.js';
import { recordUpdate } from '../../../lib/server/apply/record-update.js';
import { serverSideApply } from '../../../lib/server/apply/server-side-apply.js';

const schema = builtinMergeSchema({ group: '', version: 'v1', kind: 'ConfigMap' });
const T1 = '2024-05-01T10:00:00Z';
const T2 = '2024-05-01T10:05:00Z';
const cm = (data: Record<string, string>, labels?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', ...(labels === undefined ? {} : { labels }) }, data }) as KubeObject;
const update = (live: KubeObject | undefined, updated: KubeObject, manager: string, time = T1, subresource?: string) =>
  recordUpdate({ live, updated, manager, apiVersion: 'v1', time, schema, ...(subresource === undefined ? {} : { subresource }) });
const entries = (object: KubeObject) => object.metadata?.managedFields?.map((m) => ({ manager: m.manager, fields: m.fieldsV1, time: m.time }));

describe('recordUpdate', () => {
  it('should give the creator the fields it set, with "." on the maps it created', () => {
    const created = update(undefined, cm({ a: '1' }, { app: 'web' }), 'kubectl-create');
    expect(created.metadata?.managedFields).to.deep.equal([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:a': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
      },
    ]);
  });

  it('should compare a create of a built-in kind with the Go zero value: no "." on value structs or nil lists, "." on maps and list items', () => {
    const statefulSet = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's', namespace: 'default' },
      spec: { selector: { matchLabels: { run: 's' } }, updateStrategy: { type: 'RollingUpdate' }, template: { metadata: { labels: { run: 's' } }, spec: { containers: [{ name: 'main', image: 'pause' }] } } },
    } as KubeObject;
    const created = recordUpdate({ live: undefined, updated: statefulSet, manager: 'm', apiVersion: 'apps/v1', time: T1, schema: builtinMergeSchema({ group: 'apps', version: 'v1', kind: 'StatefulSet' }) });
    expect(created.metadata?.managedFields?.[0]?.fieldsV1).to.deep.equal({
      'f:spec': {
        'f:selector': {},
        'f:updateStrategy': { 'f:type': {} },
        'f:template': { 'f:metadata': { 'f:labels': { '.': {}, 'f:run': {} } }, 'f:spec': { 'f:containers': { 'k:{"name":"main"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:resources': {} } } } },
      },
    });
  });

  it('should own atomic structs, also as list items, as a whole (RoleRef, Subject: +structType=atomic)', () => {
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'default' }],
    } as KubeObject;
    const created = recordUpdate({ live: undefined, updated: binding, manager: 'm', apiVersion: 'rbac.authorization.k8s.io/v1', time: T1, schema: builtinMergeSchema({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding' }) });
    expect(created.metadata?.managedFields?.[0]?.fieldsV1).to.deep.equal({ 'f:roleRef': {}, 'f:subjects': {} });
    const account = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'default' }, secrets: [{ name: 'extra' }] } as KubeObject;
    const withSecrets = recordUpdate({ live: undefined, updated: account, manager: 'm', apiVersion: 'v1', time: T1, schema: builtinMergeSchema({ group: '', version: 'v1', kind: 'ServiceAccount' }) });
    expect(withSecrets.metadata?.managedFields?.[0]?.fieldsV1).to.deep.equal({ 'f:secrets': { '.': {}, 'k:{"name":"extra"}': {} } });
  });

  it('should move changed fields from their owner to the writer, without conflict', () => {
    const created = update(undefined, cm({ a: '1', b: '1' }), 'creator');
    const edited = update(created, cm({ a: '2', b: '1' }), 'kubectl-edit', T2);
    expect(entries(edited)).to.deep.equal([
      { manager: 'creator', fields: { 'f:data': { '.': {}, 'f:b': {} } }, time: T1 },
      { manager: 'kubectl-edit', fields: { 'f:data': { 'f:a': {} } }, time: T2 },
    ]);
  });

  it('should take fields from an applier too', () => {
    const applied = serverSideApply({ live: undefined, applied: cm({ a: '1' }), manager: 'applier', force: false, apiVersion: 'v1', time: T1, schema });
    const patched = update(applied, cm({ a: '2' }), 'kubectl-patch', T2);
    expect(entries(patched)?.map((e) => e.manager)).to.deep.equal(['kubectl-patch']);
  });

  it('should remove deleted fields from every manager and drop empty managers', () => {
    const created = update(undefined, cm({ a: '1' }), 'creator');
    const emptied = update(created, cm({}), 'cleaner', T2);
    expect(entries(emptied)).to.deep.equal([{ manager: 'creator', fields: { 'f:data': {} }, time: T1 }]);
    const { data: _, ...withoutData } = cm({}) as KubeObject & { data?: unknown };
    const gone = update(emptied, withoutData, 'cleaner', T2);
    expect(gone.metadata?.managedFields).to.equal(undefined);
  });

  it('should leave ownership and time alone for a write that changes nothing', () => {
    const created = update(undefined, cm({ a: '1' }), 'creator');
    const same = update(created, cm({ a: '1' }), 'creator', T2);
    expect(same.metadata?.managedFields).to.deep.equal(created.metadata?.managedFields);
  });

  it('should record subresource writes as their own entry', () => {
    const created = update(undefined, cm({ a: '1' }), 'creator');
    const status = update(created, { ...cm({ a: '1' }), status: { ok: true } } as KubeObject, 'controller', T2, 'status');
    expect(status.metadata?.managedFields?.find((m) => m.manager === 'controller')).to.deep.include({ subresource: 'status', fieldsV1: { 'f:status': { '.': {}, 'f:ok': {} } } });
  });

  it('should reset ownership for managedFields: [{}] and keep it for []', () => {
    const created = update(undefined, cm({ a: '1' }), 'creator');
    const reset = update(created, { ...cm({ a: '1' }), metadata: { name: 'c', managedFields: [{}] } } as KubeObject, 'resetter', T2);
    expect(reset.metadata?.managedFields).to.equal(undefined);
    const kept = update(created, { ...cm({ a: '1' }), metadata: { name: 'c', namespace: 'default', managedFields: [] } } as KubeObject, 'other', T2);
    expect(kept.metadata?.managedFields).to.deep.equal(created.metadata?.managedFields);
  });

  it('should merge the oldest Update managers into ancient-changes beyond 10', () => {
    let object = update(undefined, cm({ k0: '0' }), 'm0', '2024-05-01T10:00:00Z');
    for (let i = 1; i <= 11; i++) {
      const data = Object.fromEntries(Array.from({ length: i + 1 }, (_, j) => [`k${j}`, String(j)]));
      object = update(object, cm(data), `m${i}`, `2024-05-01T10:${String(i).padStart(2, '0')}:00Z`);
    }
    const managers = object.metadata?.managedFields?.map((m) => m.manager) ?? [];
    expect(managers).to.have.length(10);
    expect(managers[0]).to.equal('ancient-changes');
    expect(managers).to.not.include('m0');
    expect(managers).to.include('m11');
  });

  it('should start no tracking when an update meets an object nobody manages, as skipNonAppliedManager', () => {
    const nameOnly = (labels?: Record<string, string>): KubeObject =>
      ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', ...(labels === undefined ? {} : { labels }) } }) as KubeObject;
    const unmanaged = update(undefined, nameOnly(), 'kubectl-create');
    expect(unmanaged.metadata?.managedFields, 'a name-only object has no field to own').to.equal(undefined);
    const labelled = update(unmanaged, nameOnly({ tier: 'db' }), 'kubectl-label', T2);
    expect(labelled.metadata?.managedFields).to.equal(undefined);
    expect(labelled.metadata?.labels).to.deep.equal({ tier: 'db' });
    const reset = update(update(undefined, cm({ a: '1' }), 'creator'), { ...cm({ a: '2' }), metadata: { name: 'c', namespace: 'default', managedFields: [{}] } } as KubeObject, 'resetter', T2);
    expect(reset.metadata?.managedFields, 'a reset stops tracking too').to.equal(undefined);
  });

  it('should not modify its inputs', () => {
    const created = update(undefined, cm({ a: '1' }), 'creator');
    const snapshot = structuredClone(created);
    const next = cm({ a: '2' });
    update(created, next, 'editor', T2);
    expect(created).to.deep.equal(snapshot);
    expect(next).to.deep.equal(cm({ a: '2' }));
  });
});
