import { expect } from 'chai';
import { openStream, rawRequest, useApiServer, type RawResponse } from '../../helpers/api-server.js';
import { binding, createAll, role } from '../../helpers/rbac.js';

type Json = Record<string, any>;

const USERS = [
  { name: 'alice', groups: ['devs'], token: 'alice-token' },
  { name: 'bob', token: 'bob-token' },
  { name: 'carol', groups: ['system:masters'], token: 'carol-token' },
];

describe('RbacAuthorizer (through the server)', () => {
  const env = useApiServer({ users: USERS });

  function as(user: string, path: string, options: { method?: string; body?: unknown } = {}): Promise<RawResponse> {
    return rawRequest(env.server, path, { ...options, auth: { token: `${user}-token` } });
  }

  async function status(user: string, path: string, method = 'GET', body?: unknown): Promise<number> {
    return (await as(user, path, { method, ...(body === undefined ? {} : { body }) })).status;
  }

  before(async () => {
    await createAll(env.server, [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'team' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'team' } },
    ]);
  });

  it('should deny by default, with the exact 403', async () => {
    const res = await as('bob', '/api/v1/namespaces/team/configmaps');
    expect(res.status).to.equal(403);
    expect(res.json<Json>()['message']).to.equal('configmaps is forbidden: User "bob" cannot list resource "configmaps" in API group "" in the namespace "team"');
  });

  it('should let system:masters do anything', async () => {
    expect(await status('carol', '/api/v1/namespaces/team/configmaps')).to.equal(200);
    expect(await status('carol', '/api/v1/nodes')).to.equal(200);
  });

  it('should grant a Role in its namespace only, through a RoleBinding to a user', async () => {
    await createAll(env.server, [
      role('cm-reader', 'team', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }]),
      binding('bob-cm', 'team', 'Role:cm-reader', ['User:bob']),
    ]);
    expect(await status('bob', '/api/v1/namespaces/team/configmaps')).to.equal(200);
    expect(await status('bob', '/api/v1/namespaces/team/configmaps/settings')).to.equal(200);
    expect(await status('bob', '/api/v1/namespaces/default/configmaps'), 'another namespace').to.equal(403);
    expect(await status('bob', '/api/v1/configmaps'), 'all namespaces').to.equal(403);
    expect(await status('bob', '/api/v1/namespaces/team/configmaps?watch=true'), 'watch is another verb').to.equal(403);
    expect(await status('bob', '/api/v1/namespaces/team/configmaps/settings', 'DELETE')).to.equal(403);
  });

  it('should confine a ClusterRole bound by a RoleBinding to that namespace, and grant it everywhere through a ClusterRoleBinding', async () => {
    await createAll(env.server, [
      role('secret-reader', undefined, [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }]),
      binding('devs-secrets', 'team', 'ClusterRole:secret-reader', ['Group:devs']),
    ]);
    expect(await status('alice', '/api/v1/namespaces/team/secrets')).to.equal(200);
    expect(await status('alice', '/api/v1/namespaces/default/secrets')).to.equal(403);
    expect(await status('alice', '/api/v1/secrets')).to.equal(403);
    await createAll(env.server, [binding('devs-secrets-everywhere', undefined, 'ClusterRole:secret-reader', ['Group:devs'])]);
    expect(await status('alice', '/api/v1/namespaces/default/secrets')).to.equal(200);
    expect(await status('alice', '/api/v1/secrets')).to.equal(200);
  });

  it('should restrict to resourceNames (a list only when narrowed to the name by fieldSelector)', async () => {
    await createAll(env.server, [
      role('settings-only', 'team', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'update'], resourceNames: ['settings'] }]),
      binding('alice-settings', 'team', 'Role:settings-only', ['User:alice']),
    ]);
    expect(await status('alice', '/api/v1/namespaces/team/configmaps/settings')).to.equal(200);
    expect(await status('alice', '/api/v1/namespaces/team/configmaps/other')).to.equal(403);
    expect(await status('alice', '/api/v1/namespaces/team/configmaps')).to.equal(403);
    expect(await status('alice', '/api/v1/namespaces/team/configmaps?fieldSelector=metadata.name%3Dsettings')).to.equal(200);
    const watch = await openStream(env.server, '/api/v1/namespaces/team/configmaps?watch=true&fieldSelector=metadata.name%3Dsettings', { auth: { token: 'alice-token' } });
    expect(watch.status).to.equal(200);
    watch.close();
  });

  it('should grant subresources only by name (pods/log, */status), never through the resource', async () => {
    await createAll(env.server, [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'team' }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      role('pod-reader', 'team', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      binding('bob-pods', 'team', 'Role:pod-reader', ['User:bob']),
    ]);
    const log = await as('bob', '/api/v1/namespaces/team/pods/web/log');
    expect(log.status).to.equal(403);
    expect(log.json<Json>()['message']).to.equal('pods "web" is forbidden: User "bob" cannot get resource "pods/log" in API group "" in the namespace "team"');
    expect(await status('bob', '/api/v1/namespaces/team/pods/web/status')).to.equal(403);
    await createAll(env.server, [
      role('status-reader', 'team', [{ apiGroups: ['*'], resources: ['*/status'], verbs: ['get'] }]),
      binding('bob-status', 'team', 'Role:status-reader', ['User:bob']),
    ]);
    expect(await status('bob', '/api/v1/namespaces/team/pods/web/status')).to.equal(200);
    expect(await status('bob', '/api/v1/namespaces/team/pods/web/log')).to.equal(403);
  });

  it('should grant non-resource URLs exactly or by prefix', async () => {
    expect(await status('bob', '/openapi/v3'), 'discovery is bootstrap policy').to.equal(200);
    const denied = await as('bob', '/metrics');
    expect(denied.json<Json>()).to.deep.include({ code: 403, message: 'forbidden: User "bob" cannot get path "/metrics"', details: {} });
    await createAll(env.server, [role('metrics', undefined, [{ nonResourceURLs: ['/metrics', '/logs/*'], verbs: ['get'] }]), binding('bob-metrics', undefined, 'ClusterRole:metrics', ['User:bob'])]);
    expect(await status('bob', '/metrics'), 'allowed, then not served here').to.equal(404);
    expect(await status('bob', '/logs/kube-apiserver.log')).to.equal(404);
    expect(await status('bob', '/logs')).to.equal(403);
  });

  it('should bind ServiceAccounts by subject namespace, or the binding namespace when left out', async () => {
    const token = (await rawRequest(env.server, '/api/v1/namespaces/team/serviceaccounts/robot/token', { method: 'POST', body: {} })).json<Json>()['status'].token as string;
    const robot = (path: string): Promise<number> => rawRequest(env.server, path, { auth: { token } }).then((r) => r.status);
    expect(await robot('/api/v1/namespaces/team/configmaps')).to.equal(403);
    await createAll(env.server, [binding('robot-cm', 'team', 'Role:cm-reader', ['ServiceAccount:robot'])]);
    expect(await robot('/api/v1/namespaces/team/configmaps')).to.equal(200);
    await createAll(env.server, [binding('robot-secrets', undefined, 'ClusterRole:secret-reader', ['ServiceAccount:team/robot'])]);
    expect(await robot('/api/v1/namespaces/default/secrets')).to.equal(200);
  });

  it('should grant groups of ServiceAccounts: system:serviceaccounts:<ns>', async () => {
    const token = (await rawRequest(env.server, '/api/v1/namespaces/team/serviceaccounts/robot/token', { method: 'POST', body: {} })).json<Json>()['status'].token as string;
    await createAll(env.server, [
      role('lease-reader', undefined, [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['list'] }]),
      binding('team-sa-leases', undefined, 'ClusterRole:lease-reader', ['Group:system:serviceaccounts:team']),
    ]);
    expect((await rawRequest(env.server, '/apis/coordination.k8s.io/v1/leases', { auth: { token } })).status).to.equal(200);
    expect(await status('bob', '/apis/coordination.k8s.io/v1/leases')).to.equal(403);
  });

  it('should report a binding to a missing role in the reason of the 403, and still grant what resolves', async () => {
    await createAll(env.server, [binding('bob-ghost', 'team', 'Role:ghost', ['User:bob'])]);
    const res = await as('bob', '/api/v1/namespaces/team/services');
    expect(res.json<Json>()['message']).to.equal(
      'services is forbidden: User "bob" cannot list resource "services" in API group "" in the namespace "team": RBAC: role.rbac.authorization.k8s.io "ghost" not found',
    );
    expect(await status('bob', '/api/v1/namespaces/team/configmaps')).to.equal(200);
  });

  it('should authorize deletecollection, create and the verbs of custom wildcards', async () => {
    await createAll(env.server, [
      role('cm-admin', 'team', [{ apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }]),
      binding('alice-cm-admin', 'team', 'Role:cm-admin', ['User:alice']),
    ]);
    expect(await status('alice', '/api/v1/namespaces/team/configmaps', 'POST', { metadata: { name: 'made' } })).to.equal(201);
    expect(await status('alice', '/api/v1/namespaces/team/configmaps?labelSelector=x%3Dy', 'DELETE')).to.equal(200);
    expect(await status('bob', '/api/v1/namespaces/team/configmaps', 'DELETE')).to.equal(403);
  });
});
