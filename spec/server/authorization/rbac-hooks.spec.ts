import { expect } from 'chai';
import { rawRequest, useApiServer, type RawResponse } from '../../helpers/api-server.js';
import { binding, createAll, RBAC_API, role } from '../../helpers/rbac.js';

type Json = Record<string, any>;

const ROLES = `${RBAC_API}/namespaces/default/roles`;
const BINDINGS = `${RBAC_API}/namespaces/default/rolebindings`;

describe('RBAC escalation checks (roleHooks, bindingHooks)', () => {
  const env = useApiServer({ users: [{ name: 'alice', groups: ['devs'], token: 'alice-token' }] });

  function asAlice(path: string, method: string, body: unknown): Promise<RawResponse> {
    return rawRequest(env.server, path, { method, body, auth: { token: 'alice-token' } });
  }

  before(async () => {
    // alice may read pods and write Roles/RoleBindings in default; one of her bindings points at a missing Role.
    await createAll(env.server, [
      role('pod-reader', 'default', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      role('rbac-writer', 'default', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['create', 'update', 'patch', 'get'] }]),
      binding('alice-pods', 'default', 'Role:pod-reader', ['User:alice']),
      binding('alice-rbac', 'default', 'Role:rbac-writer', ['User:alice']),
      binding('alice-ghost', 'default', 'Role:ghost-role', ['User:alice']),
    ]);
  });

  it('should let a user write a Role with rules they hold', async () => {
    const res = await asAlice(ROLES, 'POST', role('r1', 'default', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]));
    expect(res.status).to.equal(201);
  });

  it('should refuse rules the user does not hold with kube-apiserver\'s exact message (compacted, sorted, resolution errors)', async () => {
    const res = await asAlice(
      ROLES,
      'POST',
      role('r2', 'default', [
        { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'], resourceNames: ['a', 'b'] },
        { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      ]),
    );
    // Recorded from kube-apiserver 1.32.13 with the same setup.
    expect(res.json<Json>()).to.deep.equal({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'roles.rbac.authorization.k8s.io "r2" is forbidden: user "alice" (groups=["devs" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["pods"], Verbs:["list"]}\n' +
        '{APIGroups:[""], Resources:["pods/log"], Verbs:["get" "list"]}\n' +
        '{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["a"], Verbs:["create"]}\n' +
        '{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["b"], Verbs:["create"]}\n' +
        '{NonResourceURLs:["/metrics"], Verbs:["get"]}; resolution errors: [roles.rbac.authorization.k8s.io "ghost-role" not found]',
      reason: 'Forbidden',
      details: { name: 'r2', group: 'rbac.authorization.k8s.io', kind: 'roles' },
      code: 403,
    });
    expect((await rawRequest(env.server, `${ROLES}/r2`)).status, 'nothing stored').to.equal(404);
  });

  it('should check updates and patches against the result, and let GC-only changes through', async () => {
    const patched = await rawRequest(env.server, `${ROLES}/r1`, {
      method: 'PATCH',
      auth: { token: 'alice-token' },
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'delete'] }] },
    });
    expect(patched.status).to.equal(403);
    expect(patched.json<Json>()['message']).to.contain('{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}');
    const finalizer = await rawRequest(env.server, `${ROLES}/r1`, {
      method: 'PATCH',
      auth: { token: 'alice-token' },
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { finalizers: ['example.com/keep'] } },
    });
    expect(finalizer.status, 'finalizers only').to.equal(200);
  });

  it('should let a user with the escalate verb write any rules', async () => {
    await createAll(env.server, [
      role('escalator', 'default', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'] }]),
      binding('alice-escalate', 'default', 'Role:escalator', ['User:alice']),
    ]);
    const res = await asAlice(ROLES, 'POST', role('big', 'default', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]));
    expect(res.status).to.equal(201);
  });

  it('should refuse a binding to a role whose rules the user does not hold, and 404 a missing role as the registry words it', async () => {
    await createAll(env.server, [role('deployer', 'default', [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['create'] }])]);
    const res = await asAlice(BINDINGS, 'POST', binding('b1', 'default', 'Role:deployer', ['User:bob']));
    expect(res.status).to.equal(403);
    expect(res.json<Json>()['message']).to.equal(
      'rolebindings.rbac.authorization.k8s.io "b1" is forbidden: user "alice" (groups=["devs" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["apps"], Resources:["deployments"], Verbs:["create"]}; resolution errors: [rolebindings.rbac.authorization.k8s.io "ghost-role" not found]',
    );
    const missing = await asAlice(BINDINGS, 'POST', binding('b2', 'default', 'Role:nope', ['User:bob']));
    expect(missing.json<Json>()).to.deep.include({
      code: 404,
      message: 'rolebindings.rbac.authorization.k8s.io "nope" not found',
      details: { name: 'nope', group: 'rbac.authorization.k8s.io', kind: 'rolebindings' },
    });
    expect((await asAlice(BINDINGS, 'POST', binding('b3', 'default', 'Role:pod-reader', ['User:bob']))).status, 'rules she holds').to.equal(201);
  });

  it('should let a user with the bind verb bind a role they do not hold', async () => {
    await createAll(env.server, [
      role('binder', 'default', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['bind'], resourceNames: ['deployer'] }]),
      binding('alice-binder', 'default', 'Role:binder', ['User:alice']),
    ]);
    expect((await asAlice(BINDINGS, 'POST', binding('b4', 'default', 'Role:deployer', ['User:bob']))).status).to.equal(201);
  });

  it('should answer an unknown roleRef kind as kube-apiserver does (500, no reason)', async () => {
    const res = await asAlice(BINDINGS, 'POST', { ...binding('b5', 'default', 'Role:x', ['User:bob']), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Foo', name: 'x' } });
    expect(res.json<Json>()).to.deep.include({ code: 500, message: 'unsupported role reference kind: "Foo"' });
  });

  it('should require holding everything to set an aggregationRule on a ClusterRole', async () => {
    await createAll(env.server, [
      role('cr-writer', undefined, [
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['create'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      ]),
      binding('alice-cr-writer', undefined, 'ClusterRole:cr-writer', ['User:alice']),
    ]);
    const res = await asAlice(`${RBAC_API}/clusterroles`, 'POST', role('agg', undefined, [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] } }));
    expect(res.json<Json>()).to.deep.include({
      code: 403,
      message: 'clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    });
    expect((await asAlice(`${RBAC_API}/clusterroles`, 'POST', role('plain', undefined, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]))).status).to.equal(201);
  });

  it('should answer ClusterRoleBindings to missing roles, and to Roles, as kube-apiserver does', async () => {
    await createAll(env.server, [
      role('crb-writer', undefined, [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'], verbs: ['create'] }]),
      binding('alice-crb-writer', undefined, 'ClusterRole:crb-writer', ['User:alice']),
    ]);
    const missing = await asAlice(`${RBAC_API}/clusterrolebindings`, 'POST', binding('cb1', undefined, 'ClusterRole:nope', ['User:bob']));
    expect(missing.json<Json>()).to.deep.include({ code: 404, message: 'clusterrolebindings.rbac.authorization.k8s.io "nope" not found' });
    const toRole = await asAlice(`${RBAC_API}/clusterrolebindings`, 'POST', binding('cb3', undefined, 'Role:x', ['User:bob']));
    expect(toRole.json<Json>()).to.deep.include({ code: 400, message: 'Namespace parameter required.' });
    const view = await asAlice(`${RBAC_API}/clusterrolebindings`, 'POST', binding('cb2', undefined, 'ClusterRole:view', ['User:bob']));
    expect(view.json<Json>()['message']).to.match(/^clusterrolebindings\.rbac\.authorization\.k8s\.io "cb2" is forbidden: user "alice" \(groups=\["devs" "system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\[""\], Resources:\["bindings"\], Verbs:\["get" "list" "watch"\]\}\n/);
  });
});
