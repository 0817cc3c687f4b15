import { expect } from 'chai';
import { rawRequest, useApiServer, type RawResponse } from '../../helpers/api-server.js';

type Json = Record<string, any>;

const AUTHN = '/apis/authentication.k8s.io/v1';
const START = Date.parse('2030-01-01T00:00:00Z');

describe('authentication review handlers', () => {
  const env = useApiServer({ users: [{ name: 'alice', groups: ['devs'], uid: 'alice-uid', token: 'alice-token' }], now: () => new Date(START) });

  function whoami(options: { token?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
    return rawRequest(env.server, `${AUTHN}/selfsubjectreviews`, {
      method: 'POST',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      ...(options.token === undefined ? {} : { auth: { token: options.token } }),
      ...(options.headers === undefined ? {} : { headers: options.headers }),
    });
  }

  describe('SelfSubjectReview', () => {
    it('should answer who the requester is, as kubectl auth whoami prints it', async () => {
      const res = await whoami({ token: 'alice-token' });
      expect(res.status).to.equal(201);
      expect(res.json<Json>()).to.deep.equal({
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: '2030-01-01T00:00:00Z' },
        status: { userInfo: { username: 'alice', uid: 'alice-uid', groups: ['devs', 'system:authenticated'] } },
      });
    });

    it('should show a ServiceAccount token as the ServiceAccount, with its uid and credential id', async () => {
      await rawRequest(env.server, '/api/v1/namespaces/default/serviceaccounts', { method: 'POST', body: { metadata: { name: 'robot' } } });
      const sa = (await rawRequest(env.server, '/api/v1/namespaces/default/serviceaccounts/robot')).json<Json>();
      const token = (await rawRequest(env.server, '/api/v1/namespaces/default/serviceaccounts/robot/token', { method: 'POST', body: {} })).json<Json>()['status'].token as string;
      const user = (await whoami({ token })).json<Json>()['status'].userInfo;
      expect(user).to.deep.include({ username: 'system:serviceaccount:default:robot', uid: sa['metadata'].uid, groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] });
      expect(Object.keys(user['extra'])).to.deep.equal(['authentication.kubernetes.io/credential-id']);
    });

    it('should show the impersonated user (with uid and extra) and the admin certificate user', async () => {
      const res = await whoami({ headers: { 'impersonate-user': 'jane', 'impersonate-extra-foo%2Fbar': 'v', 'impersonate-uid': 'u1' } });
      expect(res.json<Json>()['status'].userInfo).to.deep.equal({ username: 'jane', uid: 'u1', groups: ['system:authenticated'], extra: { 'foo/bar': ['v'] } });
      const cert = await rawRequest(env.server, `${AUTHN}/selfsubjectreviews`, { method: 'POST', body: {}, auth: 'certificate' });
      expect(cert.json<Json>()['status'].userInfo).to.deep.include({ username: 'admin', groups: ['system:masters', 'system:authenticated'] });
      expect(cert.json<Json>()['status'].userInfo.extra['authentication.kubernetes.io/credential-id'][0]).to.match(/^X509SHA256=[0-9a-f]{64}$/);
    });

    it('should be forbidden to anonymous', async () => {
      const res = await rawRequest(env.server, `${AUTHN}/selfsubjectreviews`, { method: 'POST', body: {}, auth: 'none' });
      expect(res.json<Json>()['message']).to.equal(
        'selfsubjectreviews.authentication.k8s.io is forbidden: User "system:anonymous" cannot create resource "selfsubjectreviews" in API group "authentication.k8s.io" at the cluster scope',
      );
    });
  });

  describe('TokenReview', () => {
    function review(spec: Json): Promise<RawResponse> {
      return rawRequest(env.server, `${AUTHN}/tokenreviews`, { method: 'POST', body: { spec } });
    }

    it('should authenticate a static token for the API server audience', async () => {
      const res = await review({ token: 'alice-token' });
      expect(res.status).to.equal(201);
      expect(res.json<Json>()['status']).to.deep.equal({
        authenticated: true,
        user: { username: 'alice', uid: 'alice-uid', groups: ['devs', 'system:authenticated'] },
        audiences: ['https://kubernetes.default.svc.cluster.local'],
      });
      expect(res.json<Json>()['spec']).to.deep.equal({ token: 'alice-token' });
    });

    it('should report failures as kube-apiserver words them', async () => {
      expect((await review({ token: 'nope' })).json<Json>()['status']).to.deep.equal({ user: {}, error: 'invalid bearer token' });
      expect((await review({ token: 'alice-token', audiences: ['vault'] })).json<Json>()['status']).to.deep.equal({ user: {}, error: 'invalid bearer token' });
      expect((await review({})).json<Json>()).to.deep.include({ code: 400, message: 'token is required for TokenReview in authentication' });
    });

    it('should authenticate a ServiceAccount token for its own audience, and explain a deleted ServiceAccount', async () => {
      await rawRequest(env.server, '/api/v1/namespaces/default/serviceaccounts', { method: 'POST', body: { metadata: { name: 'vaulted' } } });
      const minted = await rawRequest(env.server, '/api/v1/namespaces/default/serviceaccounts/vaulted/token', { method: 'POST', body: { spec: { audiences: ['vault'] } } });
      const token = minted.json<Json>()['status'].token as string;
      expect((await review({ token, audiences: ['vault'] })).json<Json>()['status']).to.deep.include({ authenticated: true, audiences: ['vault'] });
      expect((await review({ token })).json<Json>()['status']).to.deep.equal({
        user: {},
        error: '[invalid bearer token, token audiences ["vault"] is invalid for the target audiences ["https://kubernetes.default.svc.cluster.local"]]',
      });
      await rawRequest(env.server, '/api/v1/namespaces/default/serviceaccounts/vaulted', { method: 'DELETE' });
      expect((await review({ token, audiences: ['vault'] })).json<Json>()['status']).to.deep.equal({ user: {}, error: '[invalid bearer token, serviceaccounts "vaulted" not found]' });
    });
  });
});
