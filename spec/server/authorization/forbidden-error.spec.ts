import { expect } from 'chai';
import type { AuthorizationAttributes } from '../../../lib/server/authorization/authorization-attributes.js';
import { forbiddenError } from '../../../lib/server/authorization/forbidden-error.js';
import { wireStatusOf } from '../../../lib/server/errors/status-errors.js';

const BOB = { username: 'bob', groups: ['system:authenticated'] };

function status(attributes: AuthorizationAttributes, reason = ''): Record<string, unknown> {
  return wireStatusOf(forbiddenError(attributes, reason)) as unknown as Record<string, unknown>;
}

function resource(parts: Partial<Extract<AuthorizationAttributes, { type: 'resource' }>>): AuthorizationAttributes {
  return { type: 'resource', user: BOB, verb: 'get', namespace: '', apiGroup: '', apiVersion: 'v1', resource: 'pods', subresource: '', name: '', ...parts };
}

describe('forbiddenError', () => {
  it('should word a namespaced request as kube-apiserver, with the resource as details.kind', () => {
    expect(status(resource({ verb: 'list', namespace: 'default' }))).to.deep.equal({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"',
      reason: 'Forbidden',
      details: { kind: 'pods' },
      code: 403,
    });
  });

  it('should name the object, the subresource and the group', () => {
    expect(status(resource({ namespace: 'default', name: 'web', subresource: 'log' }))).to.deep.include({
      message: 'pods "web" is forbidden: User "bob" cannot get resource "pods/log" in API group "" in the namespace "default"',
      details: { name: 'web', kind: 'pods' },
    });
    expect(status(resource({ verb: 'list', apiGroup: 'apps', resource: 'deployments' }))).to.deep.include({
      message: 'deployments.apps is forbidden: User "bob" cannot list resource "deployments" in API group "apps" at the cluster scope',
      details: { group: 'apps', kind: 'deployments' },
    });
  });

  it('should word non-resource requests with their path and empty details', () => {
    expect(status({ type: 'nonresource', user: { username: 'system:anonymous', groups: [] }, verb: 'get', path: '/api' })).to.deep.include({
      message: 'forbidden: User "system:anonymous" cannot get path "/api"',
      details: {},
    });
  });

  it("should append the authorizer's reason, and escape &, < and >", () => {
    expect(status(resource({ verb: 'list', namespace: 'default' }), 'RBAC: role.rbac.authorization.k8s.io "ghost" not found')['message']).to.equal(
      'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "ghost" not found',
    );
    expect(status({ type: 'nonresource', user: { username: '<b>&', groups: [] }, verb: 'get', path: '/x' })['message']).to.equal(
      'forbidden: User "&lt;b&gt;&amp;" cannot get path "/x"',
    );
  });
});
