import { expect } from 'chai';
import { bootstrapPolicy } from '../../../lib/server/authorization/bootstrap-policy.js';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';
import { RBAC_API } from '../../helpers/rbac.js';

type Json = Record<string, any>;

describe('bootstrap policy', () => {
  const env = useApiServer({ users: [{ name: 'bob', token: 'bob-token' }] });

  describe('anonymous requests (kube-apiserver 1.32 with --anonymous-auth and RBAC, as recorded)', () => {
    for (const path of ['/healthz', '/livez', '/readyz']) {
      it(`should answer GET ${path} with ok`, async () => {
        const res = await rawRequest(env.server, path, { auth: 'none' });
        expect([res.status, res.text]).to.deep.equal([200, 'ok']);
      });
    }

    it('should answer GET /version and /version/', async () => {
      for (const path of ['/version', '/version/']) {
        const res = await rawRequest(env.server, path, { auth: 'none' });
        expect(res.status).to.equal(200);
        expect(res.json<Json>()['major']).to.equal('1');
      }
    });

    it('should forbid discovery, OpenAPI and everything else to system:anonymous with 403 (system:discovery binds only system:authenticated)', async () => {
      for (const path of ['/api', '/apis', '/api/v1', '/apis/apps/v1', '/openapi/v3', '/openapi/v2', '/healthz/etcd', '/livez/ping', '/metrics', '/foo']) {
        const res = await rawRequest(env.server, path, { auth: 'none' });
        expect(res.status, path).to.equal(403);
        expect(res.json<Json>(), path).to.deep.include({ reason: 'Forbidden', message: `forbidden: User "system:anonymous" cannot get path "${path}"`, details: {} });
      }
    });

    it('should forbid HEAD and other methods even on the health paths (the verb is the method)', async () => {
      expect((await rawRequest(env.server, '/healthz', { auth: 'none', method: 'HEAD' })).status).to.equal(403);
      const post = await rawRequest(env.server, '/version', { auth: 'none', method: 'POST' });
      expect(post.json<Json>()['message']).to.equal('forbidden: User "system:anonymous" cannot post path "/version"');
    });

    it('should forbid resources with the exact messages of the real server', async () => {
      const cases: [string, string, string, Json][] = [
        ['GET', '/api/v1/namespaces', 'namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope', { kind: 'namespaces' }],
        ['GET', '/api/v1/namespaces/default/pods/x', 'pods "x" is forbidden: User "system:anonymous" cannot get resource "pods" in API group "" in the namespace "default"', { name: 'x', kind: 'pods' }],
        ['GET', '/api/v1/namespaces/default/pods?watch=true', 'pods is forbidden: User "system:anonymous" cannot watch resource "pods" in API group "" in the namespace "default"', { kind: 'pods' }],
        ['GET', '/api/v1/watch/namespaces/default/pods/x', 'pods "x" is forbidden: User "system:anonymous" cannot watch resource "pods" in API group "" in the namespace "default"', { name: 'x', kind: 'pods' }],
        ['GET', '/api/v1/namespaces/default/pods/x/log', 'pods "x" is forbidden: User "system:anonymous" cannot get resource "pods/log" in API group "" in the namespace "default"', { name: 'x', kind: 'pods' }],
        ['POST', '/api/v1/namespaces/default/pods/x/exec', 'pods "x" is forbidden: User "system:anonymous" cannot create resource "pods/exec" in API group "" in the namespace "default"', { name: 'x', kind: 'pods' }],
        ['DELETE', '/api/v1/namespaces/default/configmaps', 'configmaps is forbidden: User "system:anonymous" cannot deletecollection resource "configmaps" in API group "" in the namespace "default"', { kind: 'configmaps' }],
        ['GET', '/apis/apps/v1/deployments', 'deployments.apps is forbidden: User "system:anonymous" cannot list resource "deployments" in API group "apps" at the cluster scope', { group: 'apps', kind: 'deployments' }],
        ['GET', '/apis/foo.example/v1/widgets', 'widgets.foo.example is forbidden: User "system:anonymous" cannot list resource "widgets" in API group "foo.example" at the cluster scope', { group: 'foo.example', kind: 'widgets' }],
        ['GET', '/api/v1/nodes/n1/proxy/x', 'nodes "n1" is forbidden: User "system:anonymous" cannot get resource "nodes/proxy" in API group "" at the cluster scope', { name: 'n1', kind: 'nodes' }],
      ];
      for (const [method, path, message, details] of cases) {
        const res = await rawRequest(env.server, path, { auth: 'none', method });
        expect(res.json<Json>(), `${method} ${path}`).to.deep.equal({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403 });
      }
    });

    it('should answer a bad credential 401, never anonymous', async () => {
      expect((await rawRequest(env.server, '/healthz', { auth: { token: 'wrong' } })).status).to.equal(401);
    });
  });

  describe('authenticated users without bindings', () => {
    it('should get discovery and OpenAPI (system:discovery) and the self reviews (system:basic-user), nothing else', async () => {
      for (const path of ['/api', '/apis', '/api/v1', '/apis/apps/v1', '/openapi/v3']) {
        expect((await rawRequest(env.server, path, { auth: { token: 'bob-token' } })).status, path).to.equal(200);
      }
      const review = await rawRequest(env.server, '/apis/authentication.k8s.io/v1/selfsubjectreviews', { method: 'POST', body: {}, auth: { token: 'bob-token' } });
      expect(review.status).to.equal(201);
      expect((await rawRequest(env.server, '/api/v1/namespaces/default/configmaps', { auth: { token: 'bob-token' } })).status).to.equal(403);
    });
  });

  describe('the default roles', () => {
    it('should create every ClusterRole, ClusterRoleBinding, Role and RoleBinding of Kubernetes 1.32', async () => {
      const policy = bootstrapPolicy();
      const names = async (path: string): Promise<string[]> =>
        (await rawRequest(env.server, path)).json<{ items: Json[] }>().items.map((o) => `${o['metadata'].namespace ?? ''}/${o['metadata'].name}`).sort();
      const expected = (objects: readonly Json[]): string[] => objects.map((o) => `${o['metadata'].namespace ?? ''}/${o['metadata'].name}`).sort();
      expect(await names(`${RBAC_API}/clusterroles`)).to.deep.equal(expected(policy.clusterRoles));
      expect(await names(`${RBAC_API}/clusterrolebindings`)).to.deep.equal(expected(policy.clusterRoleBindings));
      expect(await names(`${RBAC_API}/roles`)).to.deep.equal(expected(policy.roles));
      expect(await names(`${RBAC_API}/rolebindings`)).to.deep.equal(expected(policy.roleBindings));
      expect(policy.clusterRoles).to.have.length(64);
      expect(policy.clusterRoleBindings).to.have.length(45);
    });

    it('should bind cluster-admin to system:masters and system:public-info-viewer to everyone', async () => {
      const admin = (await rawRequest(env.server, `${RBAC_API}/clusterrolebindings/cluster-admin`)).json<Json>();
      expect(admin['subjects']).to.deep.equal([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]);
      const info = (await rawRequest(env.server, `${RBAC_API}/clusterroles/system:public-info-viewer`)).json<Json>();
      expect(info['rules']).to.deep.equal([{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }]);
      expect(info['metadata'].labels).to.deep.equal({ 'kubernetes.io/bootstrapping': 'rbac-defaults' });
      expect(info['metadata'].annotations).to.deep.equal({ 'rbac.authorization.kubernetes.io/autoupdate': 'true' });
    });

    it('should have admin, edit and view filled by aggregation, as kube-controller-manager leaves them', async () => {
      const rules = async (name: string): Promise<Json[]> => (await rawRequest(env.server, `${RBAC_API}/clusterroles/${name}`)).json<Json>()['rules'];
      const view = await rules('view');
      const edit = await rules('edit');
      const admin = await rules('admin');
      // Recorded from a 1.32.13 control plane: 10, 23 and 25 rules; each includes the one below it.
      expect([view.length, edit.length, admin.length]).to.deep.equal([10, 23, 25]);
      expect(edit.slice(-view.length)).to.deep.equal(view);
      expect(admin.slice(0, edit.length)).to.deep.equal(edit);
      expect(view[0]).to.deep.equal({
        apiGroups: [''],
        resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'],
        verbs: ['get', 'list', 'watch'],
      });
      expect(admin.at(-1)).to.deep.equal({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] });
      const managed = (await rawRequest(env.server, `${RBAC_API}/clusterroles/view`)).json<Json>()['metadata'].managedFields as Json[];
      expect(managed.map((m) => [m['manager'], m['operation'], Object.keys(m['fieldsV1'])])).to.deep.equal([
        ['clusterrole-aggregation-controller', 'Apply', ['f:rules']],
        ['kube-apiserver', 'Update', ['f:aggregationRule', 'f:metadata']],
      ]);
    });
  });
});
