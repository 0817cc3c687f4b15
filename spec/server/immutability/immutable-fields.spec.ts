// Updates that change what may not change answer 422 with kube-apiserver 1.32's messages (checked against the real server).
import { expect } from 'chai';
import { goLabelSelector } from '../../../lib/server/immutability/immutable-fields.js';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const MERGE = { 'content-type': 'application/merge-patch+json' };
const STRATEGIC = { 'content-type': 'application/strategic-merge-patch+json' };

describe('immutable fields', () => {
  const env = useApiServer();
  const post = async (path: string, body: Json): Promise<void> => {
    const res = await rawRequest(env.server, path, { method: 'POST', body });
    expect(res.status, res.text).to.equal(201);
  };
  const patch = (path: string, body: Json, headers: Record<string, string> = STRATEGIC) => rawRequest(env.server, path, { method: 'PATCH', body, headers });
  const template = (app: string, image = 'nginx') => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image }] } });

  it('should print a selector as Go does', () => {
    expect(goLabelSelector({ matchLabels: { b: '2', a: '1' } })).to.equal('v1.LabelSelector{MatchLabels:map[string]string{"a":"1", "b":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}');
    expect(goLabelSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: ['x'] }] })).to.equal(
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"k", Operator:"In", Values:[]string{"x"}}}}',
    );
  });

  it('should refuse a new Deployment selector', async () => {
    await post('/apis/apps/v1/namespaces/default/deployments', { metadata: { name: 'sel' }, spec: { selector: { matchLabels: { app: 'sel' } }, template: template('sel') } });
    const res = await patch('/apis/apps/v1/namespaces/default/deployments/sel', { spec: { selector: { matchLabels: { app: 'other' } }, template: { metadata: { labels: { app: 'other' } } } } });
    expect(res.status).to.equal(422);
    expect(res.json<Json>()['message']).to.equal(
      'Deployment.apps "sel" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it('should refuse a new Job template, but not a new parallelism', async () => {
    await post('/apis/batch/v1/namespaces/default/jobs', { metadata: { name: 'j' }, spec: { template: { spec: { containers: [{ name: 'j', image: 'busybox' }], restartPolicy: 'Never' } } } });
    const res = await patch('/apis/batch/v1/namespaces/default/jobs/j', { spec: { template: { spec: { containers: [{ name: 'j', image: 'busybox:2' }] } } } });
    expect(res.status).to.equal(422);
    expect(res.json<Json>()['message']).to.match(/^Job\.batch "j" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec.*: field is immutable$/s);
    expect((await patch('/apis/batch/v1/namespaces/default/jobs/j', { spec: { parallelism: 3 } })).status).to.equal(200);
  });

  it('should refuse StatefulSet spec changes beyond the updatable fields', async () => {
    await post('/apis/apps/v1/namespaces/default/statefulsets', { metadata: { name: 'db' }, spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template('db') } });
    const res = await patch('/apis/apps/v1/namespaces/default/statefulsets/db', { spec: { serviceName: 'other' } });
    expect(res.json<Json>()['message']).to.equal(
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
    expect((await patch('/apis/apps/v1/namespaces/default/statefulsets/db', { spec: { replicas: 2 } })).status).to.equal(200);
  });

  it('should refuse changes to an immutable Secret and ConfigMap', async () => {
    await post('/api/v1/namespaces/default/secrets', { metadata: { name: 'imm' }, data: { a: 'Yg==' }, immutable: true });
    const data = await patch('/api/v1/namespaces/default/secrets/imm', { data: { a: 'Yw==' } });
    expect(data.json<Json>()['message']).to.equal('Secret "imm" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    const mark = await patch('/api/v1/namespaces/default/secrets/imm', { immutable: false });
    expect(mark.json<Json>()['message']).to.equal('Secret "imm" is invalid: immutable: Forbidden: field is immutable when `immutable` is set');
    await post('/api/v1/namespaces/default/configmaps', { metadata: { name: 'imm' }, data: { a: 'b' }, immutable: true });
    expect((await patch('/api/v1/namespaces/default/configmaps/imm', { data: { a: 'c' } }, MERGE)).status).to.equal(422);
    expect((await patch('/api/v1/namespaces/default/configmaps/imm', { metadata: { labels: { ok: 'yes' } } }, MERGE)).status).to.equal(200);
  });

  it('should refuse pod spec changes other than images', async () => {
    await post('/api/v1/namespaces/default/pods', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    expect((await patch('/api/v1/namespaces/default/pods/p', { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } })).status).to.equal(200);
    const res = await patch('/api/v1/namespaces/default/pods/p', { spec: { containers: [{ name: 'c', command: ['sh'] }] } });
    expect(res.status).to.equal(422);
    expect(res.json<Json>()['message']).to.match(/^Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,/);
  });

  it('should refuse a PersistentVolumeClaim spec change', async () => {
    await post('/api/v1/namespaces/default/persistentvolumeclaims', { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    const res = await patch('/api/v1/namespaces/default/persistentvolumeclaims/data', { spec: { accessModes: ['ReadWriteMany'] } }, MERGE);
    expect(res.json<Json>()['message']).to.match(/^PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/);
  });

  it('should refuse a new roleRef of a RoleBinding with the internal RoleRef printed as Go does', async () => {
    await post('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', { metadata: { name: 'rb' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', name: 'jane' }] });
    const res = await patch('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/rb', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'writer' } }, MERGE);
    expect(res.status).to.equal(422);
    expect(res.json<Json>()['message']).to.equal(
      'RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef',
    );
  });
});

