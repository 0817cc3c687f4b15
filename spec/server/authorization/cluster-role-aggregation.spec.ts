import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';
import { createAll, RBAC_API, role } from '../../helpers/rbac.js';

type Json = Record<string, any>;

describe('ClusterRoleAggregation', () => {
  const env = useApiServer({ users: [{ name: 'bob', token: 'bob-token' }] });

  async function rulesOf(name: string): Promise<Json[] | undefined> {
    await env.server.hooks.settle();
    return (await rawRequest(env.server, `${RBAC_API}/clusterroles/${name}`)).json<Json>()['rules'];
  }

  it('should fill an aggregated ClusterRole from the labelled ones, by name, each rule once', async () => {
    await createAll(env.server, [
      role('monitoring', undefined, [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/aggregate-to-monitoring': 'true' } }] } }),
      role('b-metrics', undefined, [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }], {
        metadata: { name: 'b-metrics', labels: { 'example.com/aggregate-to-monitoring': 'true' } },
      }),
      role('a-endpoints', undefined, [{ apiGroups: [''], resources: ['endpoints'], verbs: ['list'] }, { apiGroups: [''], resources: ['pods'], verbs: ['get'] }], {
        metadata: { name: 'a-endpoints', labels: { 'example.com/aggregate-to-monitoring': 'true' } },
      }),
    ]);
    expect(await rulesOf('monitoring')).to.deep.equal([
      { apiGroups: [''], resources: ['endpoints'], verbs: ['list'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { nonResourceURLs: ['/metrics'], verbs: ['get'] },
    ]);
  });

  it('should follow label changes, rule changes and deletions', async () => {
    await rawRequest(env.server, `${RBAC_API}/clusterroles/a-endpoints`, { method: 'DELETE' });
    expect(await rulesOf('monitoring')).to.deep.equal([
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { nonResourceURLs: ['/metrics'], verbs: ['get'] },
    ]);
    await rawRequest(env.server, `${RBAC_API}/clusterroles/b-metrics`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { labels: { 'example.com/aggregate-to-monitoring': null } } },
    });
    expect(await rulesOf('monitoring')).to.equal(undefined);
  });

  it('should aggregate into the default roles: a CRD\'s view role reaches view, edit and admin, and grants through them', async () => {
    await createAll(env.server, [
      role('widgets-view', undefined, [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] }], {
        metadata: { name: 'widgets-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
      }),
    ]);
    const widgets = { apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] };
    for (const name of ['view', 'edit', 'admin']) expect(await rulesOf(name), name).to.deep.include(widgets);
    await createAll(env.server, [
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'bob-view', namespace: 'default' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' }],
      },
    ]);
    const review = await rawRequest(env.server, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      method: 'POST',
      auth: { token: 'bob-token' },
      body: { spec: { resourceAttributes: { namespace: 'default', verb: 'list', group: 'example.com', resource: 'widgets' } } },
    });
    expect(review.json<Json>()['status']).to.deep.equal({ allowed: true, reason: 'RBAC: allowed by RoleBinding "bob-view/default" of ClusterRole "view" to User "bob"' });
  });

  it('should take rules back by server-side apply when someone edits an aggregated role', async () => {
    await rawRequest(env.server, `${RBAC_API}/clusterroles/view`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: { rules: [] } });
    const rules = await rulesOf('view');
    expect(rules).to.have.length(11);
  });
});
