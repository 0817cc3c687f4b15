import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';
import { binding, createAll, role } from '../../helpers/rbac.js';

type Json = Record<string, any>;

describe('impersonation', () => {
  const env = useApiServer({ users: [{ name: 'alice', groups: ['devs'], token: 'alice-token' }] });

  async function whoami(headers: Record<string, string>, token?: string): Promise<Json> {
    const res = await rawRequest(env.server, '/apis/authentication.k8s.io/v1/selfsubjectreviews', { method: 'POST', body: {}, headers, ...(token === undefined ? {} : { auth: { token } }) });
    return res.status === 201 ? res.json<Json>()['status'].userInfo : { status: res.status, message: res.json<Json>()['message'] };
  }

  it('should act as the impersonated user, who then gets only what RBAC grants them', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces', { headers: { 'impersonate-user': 'jane', 'impersonate-group': 'devs' } });
    expect(res.status).to.equal(403);
    expect(res.json<Json>()['message']).to.equal('namespaces is forbidden: User "jane" cannot list resource "namespaces" in API group "" at the cluster scope');
    expect(env.server.hooks.requests().at(-1)?.user).to.equal('jane');
  });

  it('should build the groups as kube-apiserver does', async () => {
    expect(await whoami({ 'impersonate-user': 'jane', 'impersonate-group': 'devs' })).to.deep.equal({ username: 'jane', groups: ['devs', 'system:authenticated'] });
    expect(await whoami({ 'impersonate-user': 'system:serviceaccount:default:robot' })).to.deep.equal({
      username: 'system:serviceaccount:default:robot',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    });
    expect(await whoami({ 'impersonate-user': 'system:serviceaccount:default:robot', 'impersonate-group': 'g1' })).to.deep.equal({
      username: 'system:serviceaccount:default:robot',
      groups: ['g1', 'system:authenticated'],
    });
    expect(await whoami({ 'impersonate-user': 'system:serviceaccount:Bad_NS:robot' }), 'not a valid namespace: a plain user').to.deep.equal({
      username: 'system:serviceaccount:Bad_NS:robot',
      groups: ['system:authenticated'],
    });
    const unauthenticated = await rawRequest(env.server, '/api', { headers: { 'impersonate-user': 'bob', 'impersonate-group': 'system:unauthenticated' } });
    expect(unauthenticated.json<Json>()['message'], 'no system:authenticated added').to.equal('forbidden: User "bob" cannot get path "/api"');
  });

  it('should forbid users without the impersonate verb, naming what they tried', async () => {
    expect(await whoami({ 'impersonate-user': 'jane' }, 'alice-token')).to.deep.equal({
      status: 403,
      message: 'users "jane" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope',
    });
    expect(await whoami({ 'impersonate-user': 'system:serviceaccount:default:robot' }, 'alice-token')).to.deep.equal({
      status: 403,
      message: 'serviceaccounts "robot" is forbidden: User "alice" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "default"',
    });
  });

  it('should check each part against RBAC: users, groups, uids and userextras/<key>', async () => {
    await createAll(env.server, [
      role('impersonator', undefined, [
        { apiGroups: [''], resources: ['users'], verbs: ['impersonate'], resourceNames: ['jane'] },
        { apiGroups: [''], resources: ['groups'], verbs: ['impersonate'], resourceNames: ['devs'] },
        { apiGroups: ['authentication.k8s.io'], resources: ['userextras/scopes'], verbs: ['impersonate'] },
      ]),
      binding('alice-impersonates', undefined, 'ClusterRole:impersonator', ['User:alice']),
    ]);
    expect(await whoami({ 'impersonate-user': 'jane', 'impersonate-group': 'devs', 'impersonate-extra-scopes': 'view' }, 'alice-token')).to.deep.equal({
      username: 'jane',
      groups: ['devs', 'system:authenticated'],
      extra: { scopes: ['view'] },
    });
    expect(await whoami({ 'impersonate-user': 'jane', 'impersonate-group': 'system:masters' }, 'alice-token')).to.deep.equal({
      status: 403,
      message: 'groups "system:masters" is forbidden: User "alice" cannot impersonate resource "groups" in API group "" at the cluster scope',
    });
    expect(await whoami({ 'impersonate-user': 'jane', 'impersonate-uid': 'u1' }, 'alice-token')).to.deep.equal({
      status: 403,
      message: 'uids.authentication.k8s.io "u1" is forbidden: User "alice" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope',
    });
    expect(await whoami({ 'impersonate-user': 'jane', 'impersonate-extra-other': 'x' }, 'alice-token')).to.deep.equal({
      status: 403,
      message: 'userextras.authentication.k8s.io "x" is forbidden: User "alice" cannot impersonate resource "userextras/other" in API group "authentication.k8s.io" at the cluster scope',
    });
  });

  it('should answer 500 in plain text for groups, extras or a uid without a user, as real', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces?x=1', { headers: { 'impersonate-group': 'devs', 'impersonate-uid': 'u1' } });
    expect(res.status).to.equal(500);
    expect(res.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(res.text).to.equal('Internal Server Error: "/api/v1/namespaces?x=1": requested [{Group  devs    } {UID  u1  authentication.k8s.io/v1  }] without impersonating a user\n');
  });

  it('should let anonymous requests impersonate nobody', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces', { auth: 'none', headers: { 'impersonate-user': 'jane' } });
    expect(res.status).to.equal(403);
    expect(res.json<Json>()['message']).to.equal('users "jane" is forbidden: User "system:anonymous" cannot impersonate resource "users" in API group "" at the cluster scope');
  });
});
