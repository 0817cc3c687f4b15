import { expect } from 'chai';
import { rawRequest, useApiServer, type RawResponse } from '../../helpers/api-server.js';
import { binding, createAll, role } from '../../helpers/rbac.js';

type Json = Record<string, any>;

const AUTHZ = '/apis/authorization.k8s.io/v1';

describe('access review handlers', () => {
  const START = Date.parse('2030-01-01T00:00:00Z');
  const env = useApiServer({ users: [{ name: 'alice', groups: ['devs'], token: 'alice-token' }], now: () => new Date(START) });

  function review(path: string, body: unknown, token?: string): Promise<RawResponse> {
    return rawRequest(env.server, `${AUTHZ}/${path}`, { method: 'POST', body, headers: { 'user-agent': 'curl/8.0' }, ...(token === undefined ? {} : { auth: { token } }) });
  }

  before(async () => {
    await createAll(env.server, [
      role('pod-reader', 'default', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
      binding('alice-pods', 'default', 'Role:pod-reader', ['User:alice']),
    ]);
  });

  describe('SelfSubjectAccessReview', () => {
    it('should answer for the requester, echoing the spec with the managedFields of the request', async () => {
      const res = await review('selfsubjectaccessreviews', { spec: { resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } } }, 'alice-token');
      expect(res.status).to.equal(201);
      const body = res.json<Json>();
      const [entry] = body['metadata'].managedFields as Json[];
      expect(entry).to.deep.include({ manager: 'curl', operation: 'Update', apiVersion: 'authorization.k8s.io/v1', time: '2030-01-01T00:00:00Z', fieldsType: 'FieldsV1' });
      // kube-apiserver writes no '.' for the spec struct itself (see recordUpdate's caveat); the attributes are the same.
      expect(entry?.['fieldsV1']['f:spec']['f:resourceAttributes']).to.deep.equal({ '.': {}, 'f:namespace': {}, 'f:resource': {}, 'f:verb': {} });
      expect({ ...body, metadata: { ...body['metadata'], managedFields: '…' } }).to.deep.equal({
        kind: 'SelfSubjectAccessReview',
        apiVersion: 'authorization.k8s.io/v1',
        metadata: { creationTimestamp: null, managedFields: '…' },
        spec: { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } },
        status: { allowed: true, reason: 'RBAC: allowed by RoleBinding "alice-pods/default" of Role "pod-reader" to User "alice"' },
      });
    });

    it('should deny without a reason, and allow system:masters without one', async () => {
      const denied = await review('selfsubjectaccessreviews', { spec: { resourceAttributes: { verb: 'list', resource: 'pods', namespace: 'default' } } }, 'alice-token');
      expect(denied.json<Json>()['status']).to.deep.equal({ allowed: false });
      const admin = await review('selfsubjectaccessreviews', { spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } });
      expect(admin.json<Json>()['status']).to.deep.equal({ allowed: true });
    });

    it('should review non-resource URLs', async () => {
      const res = await review('selfsubjectaccessreviews', { spec: { nonResourceAttributes: { verb: 'get', path: '/api' } } }, 'alice-token');
      expect(res.json<Json>()['status']).to.deep.equal({
        allowed: true,
        reason: 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
      });
    });

    it('should refuse malformed reviews with 422 as kube-apiserver words them', async () => {
      const none = await review('selfsubjectaccessreviews', { spec: {} });
      expect(none.json<Json>()).to.deep.equal({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: '.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
        reason: 'Invalid',
        details: {
          group: 'authorization.k8s.io',
          causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified', field: 'spec.resourceAttributes' }],
        },
        code: 422,
      });
      const both = await review('selfsubjectaccessreviews', { spec: { resourceAttributes: { verb: 'get' }, nonResourceAttributes: { verb: 'get', path: '/x' } } });
      expect(both.json<Json>()['message']).to.equal(
        '.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: cannot be specified in combination with resourceAttributes',
      );
      const named = await review('selfsubjectaccessreviews', { metadata: { name: 'x' }, spec: { resourceAttributes: { verb: 'get' } } });
      expect(named.json<Json>()['message']).to.match(/^\.authorization\.k8s\.io "" is invalid: metadata: Invalid value: v1\.ObjectMeta\{Name:"x", GenerateName:"", .*ManagedFields:\[\]v1\.ManagedFieldsEntry\{v1\.ManagedFieldsEntry\{Manager:"curl", .*\}\}\}: must be empty$/);
      const selector = await review('selfsubjectaccessreviews', { spec: { resourceAttributes: { verb: 'get', resource: 'pods', fieldSelector: {} } } });
      expect(selector.json<Json>()['message']).to.equal(
        '.authorization.k8s.io "" is invalid: spec.resourceAttributes.fieldSelector.requirements: Required value: when spec.resourceAttributes.fieldSelector is specified, requirements or rawSelector is required',
      );
    });

    it('should report a selector that does not parse in evaluationError, and still decide', async () => {
      const res = await review('selfsubjectaccessreviews', { spec: { resourceAttributes: { verb: 'get', resource: 'pods', labelSelector: { rawSelector: 'a in (b' } } } });
      expect(res.json<Json>()['status']).to.deep.equal({ allowed: true, evaluationError: 'spec.resourceAttributes.labelSelector ignored due to parse error' });
      expect(res.json<Json>()['spec'].resourceAttributes.labelSelector).to.deep.equal({ rawSelector: 'a in (b' });
    });
  });

  describe('SubjectAccessReview', () => {
    it("should answer for the user, groups and extra of the spec", async () => {
      const alice = await review('subjectaccessreviews', { spec: { user: 'alice', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } } });
      expect(alice.json<Json>()['status']).to.deep.include({ allowed: true });
      const bob = await review('subjectaccessreviews', { spec: { user: 'bob', groups: ['system:masters'], resourceAttributes: { verb: 'delete', resource: 'nodes' } } });
      expect(bob.json<Json>()['status']).to.deep.equal({ allowed: true });
      expect(bob.json<Json>()['spec']).to.deep.equal({ resourceAttributes: { verb: 'delete', resource: 'nodes' }, user: 'bob', groups: ['system:masters'] });
    });

    it('should require a user or a group', async () => {
      const res = await review('subjectaccessreviews', { spec: {} });
      expect(res.json<Json>()['message']).to.equal(
        '.authorization.k8s.io "" is invalid: [spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: "": at least one of user or group must be specified]',
      );
    });

    it('should be forbidden to users without create on subjectaccessreviews', async () => {
      const res = await review('subjectaccessreviews', { spec: { user: 'alice', resourceAttributes: { verb: 'get', resource: 'pods' } } }, 'alice-token');
      expect(res.json<Json>()['message']).to.equal(
        'subjectaccessreviews.authorization.k8s.io is forbidden: User "alice" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope',
      );
    });
  });

  describe('LocalSubjectAccessReview', () => {
    const local = `namespaces/default/localsubjectaccessreviews`;

    it('should confine the review to its namespace', async () => {
      const res = await review(local, { spec: { user: 'alice', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } } });
      expect(res.status).to.equal(201);
      expect(res.json<Json>()['metadata']).to.include({ namespace: 'default' });
      expect(res.json<Json>()['status']).to.deep.include({ allowed: true });
      const elsewhere = await review(local, { spec: { user: 'alice', resourceAttributes: { verb: 'get', resource: 'pods' } } });
      expect(elsewhere.json<Json>()['message']).to.equal('.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "": must match metadata.namespace');
      const other = await review(local, { metadata: { namespace: 'other' }, spec: { user: 'alice', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'other' } } });
      expect(other.json<Json>()).to.deep.include({ code: 400, message: 'the namespace of the provided object does not match the namespace sent on the request' });
      const url = await review(local, { spec: { user: 'alice', nonResourceAttributes: { verb: 'get', path: '/x' } } });
      expect(url.json<Json>()['message']).to.equal(
        '.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: disallowed on this kind of request',
      );
    });
  });

  describe('SelfSubjectRulesReview', () => {
    it('should list the rules of the requester in a namespace, resource and URL rules apart', async () => {
      const res = await review('selfsubjectrulesreviews', { spec: { namespace: 'default' } }, 'alice-token');
      expect(res.status).to.equal(201);
      const body = res.json<Json>();
      expect(body['metadata']).to.deep.equal({ creationTimestamp: null });
      expect(body['spec']).to.deep.equal({});
      const sorted = (rules: Json[]): string[] => rules.map((r) => JSON.stringify(r)).sort();
      // As recorded from kube-apiserver 1.32.13 for a user whose only binding is this Role.
      expect(sorted(body['status'].resourceRules)).to.deep.equal(
        sorted([
          { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
          { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
          { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
        ]),
      );
      expect(sorted(body['status'].nonResourceRules)).to.deep.equal(
        sorted([
          { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
          { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
        ]),
      );
      expect(body['status'].incomplete).to.equal(false);
    });

    it('should require a namespace', async () => {
      const res = await review('selfsubjectrulesreviews', { spec: {} }, 'alice-token');
      expect(res.json<Json>()).to.deep.include({ code: 400, reason: 'BadRequest', message: 'no namespace on request' });
    });
  });

  describe('routes', () => {
    it('should answer other methods 405 and names 404, as the route table does', async () => {
      const get = await rawRequest(env.server, `${AUTHZ}/selfsubjectaccessreviews`);
      expect(get.json<Json>()).to.deep.equal({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'the server does not allow this method on the requested resource',
        reason: 'MethodNotAllowed',
        details: {},
        code: 405,
      });
      const named = await rawRequest(env.server, `${AUTHZ}/selfsubjectaccessreviews/x`);
      expect(named.json<Json>()).to.deep.include({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} });
    });

    it('should list the reviews in discovery with the create verb only', async () => {
      const list = (await rawRequest(env.server, AUTHZ)).json<{ resources: Json[] }>();
      expect(list.resources.map((r) => [r['name'], r['namespaced'], r['verbs']])).to.deep.equal([
        ['localsubjectaccessreviews', true, ['create']],
        ['selfsubjectaccessreviews', false, ['create']],
        ['selfsubjectrulesreviews', false, ['create']],
        ['subjectaccessreviews', false, ['create']],
      ]);
    });
  });
});
