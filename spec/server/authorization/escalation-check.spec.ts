import { expect } from 'chai';
import { breakdownRule, compactRules, compactString, covers } from '../../../lib/server/authorization/escalation-check.js';
import type { PolicyRule } from '../../../lib/server/authorization/policy-rule.js';

function rule(parts: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...parts };
}

describe('escalation check', () => {
  describe('covers', () => {
    it('should cover what the owner holds, verb by verb and resource by resource', () => {
      const owner = [rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] })];
      expect(covers(owner, [rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'] })]).covered).to.equal(true);
      const { covered, missing } = covers(owner, [rule({ verbs: ['get', 'delete'], apiGroups: ['', 'apps'], resources: ['pods'] })]);
      expect(covered).to.equal(false);
      expect(missing.map(compactString)).to.deep.equal([
        '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}',
        '{APIGroups:["apps"], Resources:["pods"], Verbs:["get"]}',
        '{APIGroups:["apps"], Resources:["pods"], Verbs:["delete"]}',
      ]);
    });

    it('should let * and */sub cover, but not a resource its subresource', () => {
      expect(covers([rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })], [rule({ verbs: ['escalate'], apiGroups: ['x'], resources: ['y/z'] })]).covered).to.equal(true);
      expect(covers([rule({ verbs: ['get'], apiGroups: [''], resources: ['*/log'] })], [rule({ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] })]).covered).to.equal(true);
      expect(covers([rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'] })], [rule({ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] })]).covered).to.equal(false);
    });

    it('should let unrestricted rules cover named ones, and not the other way round', () => {
      const all = [rule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'] })];
      const named = [rule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] })];
      expect(covers(all, named).covered).to.equal(true);
      expect(covers(named, all).covered).to.equal(false);
    });

    it('should cover URLs exactly or by a * prefix', () => {
      const owner = [rule({ verbs: ['get'], nonResourceURLs: ['/healthz/*'] })];
      expect(covers(owner, [rule({ verbs: ['get'], nonResourceURLs: ['/healthz/etcd'] })]).covered).to.equal(true);
      expect(covers(owner, [rule({ verbs: ['get'], nonResourceURLs: ['/metrics'] })]).covered).to.equal(false);
    });
  });

  it('should break a rule down to one group, resource, verb and name each', () => {
    expect(breakdownRule(rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['a'], resourceNames: ['x', 'y'] }))).to.have.length(4);
    expect(breakdownRule(rule({ verbs: ['get'], nonResourceURLs: ['/a', '/b'] }))).to.have.length(2);
  });

  it("should compact missing rules the way kube-apiserver prints them, with Go's %q lists", () => {
    const missing = covers([], [
      rule({ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods', 'pods/log'] }),
      rule({ verbs: ['create'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['a', 'b'] }),
      rule({ verbs: ['get'], nonResourceURLs: ['/metrics'] }),
    ]).missing;
    expect(compactRules(missing).map(compactString).sort()).to.deep.equal([
      '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}',
      '{APIGroups:[""], Resources:["pods/log"], Verbs:["get" "list"]}',
      '{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["a"], Verbs:["create"]}',
      '{APIGroups:["apps"], Resources:["deployments"], ResourceNames:["b"], Verbs:["create"]}',
      '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
    ]);
  });
});
