import { expect } from 'chai';
import type { AuthorizationAttributes } from '../../../lib/server/authorization/authorization-attributes.js';
import { policyRuleJson, ruleAllows, rulesOf, toPolicyRule, type PolicyRule } from '../../../lib/server/authorization/policy-rule.js';

const USER = { username: 'u', groups: [] };

function rule(parts: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...parts };
}

function resource(verb: string, group: string, res: string, extra: { subresource?: string; name?: string; namespace?: string } = {}): AuthorizationAttributes {
  return { type: 'resource', user: USER, verb, apiGroup: group, apiVersion: 'v1', resource: res, subresource: extra.subresource ?? '', name: extra.name ?? '', namespace: extra.namespace ?? '' };
}

function path(verb: string, p: string): AuthorizationAttributes {
  return { type: 'nonresource', user: USER, verb, path: p };
}

describe('ruleAllows', () => {
  const pods = rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] });

  it('should match verb, group and resource, each exactly', () => {
    expect(ruleAllows(resource('get', '', 'pods'), pods)).to.equal(true);
    expect(ruleAllows(resource('watch', '', 'pods'), pods), 'verb').to.equal(false);
    expect(ruleAllows(resource('get', 'apps', 'pods'), pods), 'group').to.equal(false);
    expect(ruleAllows(resource('get', '', 'secrets'), pods), 'resource').to.equal(false);
  });

  it('should let * stand for any verb, group or resource', () => {
    expect(ruleAllows(resource('escalate', 'rbac.authorization.k8s.io', 'roles'), rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }))).to.equal(true);
    expect(ruleAllows(resource('delete', 'apps', 'deployments'), rule({ verbs: ['*'], apiGroups: ['apps'], resources: ['deployments'] }))).to.equal(true);
    expect(ruleAllows(resource('get', 'x.io', 'widgets'), rule({ verbs: ['get'], apiGroups: ['*'], resources: ['widgets'] }))).to.equal(true);
  });

  it('should not let a resource grant its subresources, but resource/sub, * and */sub do', () => {
    const log = resource('get', '', 'pods', { subresource: 'log', name: 'web' });
    expect(ruleAllows(log, pods)).to.equal(false);
    expect(ruleAllows(log, rule({ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }))).to.equal(true);
    expect(ruleAllows(log, rule({ verbs: ['get'], apiGroups: [''], resources: ['*/log'] }))).to.equal(true);
    expect(ruleAllows(log, rule({ verbs: ['get'], apiGroups: [''], resources: ['*/status'] }))).to.equal(false);
    expect(ruleAllows(log, rule({ verbs: ['get'], apiGroups: [''], resources: ['*'] }))).to.equal(true);
    expect(ruleAllows(resource('get', '', 'pods'), rule({ verbs: ['get'], apiGroups: [''], resources: ['*/log'] })), '*/log is not pods').to.equal(false);
  });

  it('should restrict to resourceNames when given, so unnamed requests (list, create) never match', () => {
    const named = rule({ verbs: ['get', 'list', 'update'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] });
    expect(ruleAllows(resource('get', '', 'configmaps', { name: 'settings' }), named)).to.equal(true);
    expect(ruleAllows(resource('get', '', 'configmaps', { name: 'other' }), named)).to.equal(false);
    expect(ruleAllows(resource('list', '', 'configmaps'), named)).to.equal(false);
    expect(ruleAllows(resource('list', '', 'configmaps', { name: 'settings' }), named), 'a list narrowed to the name by fieldSelector').to.equal(true);
  });

  it('should match non-resource URLs exactly, by a trailing * prefix, or by *', () => {
    const healthz = rule({ verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*'] });
    expect(ruleAllows(path('get', '/healthz'), healthz)).to.equal(true);
    expect(ruleAllows(path('get', '/healthz/etcd'), healthz)).to.equal(false);
    expect(ruleAllows(path('get', '/apis/apps/v1'), healthz)).to.equal(true);
    expect(ruleAllows(path('get', '/apis'), healthz), '/apis/* needs the slash').to.equal(false);
    expect(ruleAllows(path('post', '/healthz'), healthz), 'verb').to.equal(false);
    expect(ruleAllows(path('get', '/anything'), rule({ verbs: ['get'], nonResourceURLs: ['*'] }))).to.equal(true);
  });

  it('should keep resource rules and URL rules apart', () => {
    expect(ruleAllows(path('get', '/api'), pods)).to.equal(false);
    expect(ruleAllows(resource('get', '', 'pods'), rule({ verbs: ['get'], nonResourceURLs: ['*'] }))).to.equal(false);
  });
});

describe('toPolicyRule', () => {
  it('should read stored rules defensively (missing and malformed lists are empty)', () => {
    expect(toPolicyRule({ verbs: ['get', 3], resources: 'pods' })).to.deep.equal(rule({ verbs: ['get'] }));
    expect(toPolicyRule(null)).to.deep.equal(rule({}));
    expect(rulesOf({ rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] })).to.have.length(1);
    expect(rulesOf({})).to.deep.equal([]);
  });

  it('should write a rule without its empty lists', () => {
    expect(policyRuleJson(rule({ verbs: ['get'], nonResourceURLs: ['/x'] }))).to.deep.equal({ verbs: ['get'], nonResourceURLs: ['/x'] });
  });
});
