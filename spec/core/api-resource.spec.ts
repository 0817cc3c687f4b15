// Checks run-time descriptors: derived names, validation, and agreement with the built-in table.
import { expect } from 'chai';
import { apiResource, apiResourceFromGvk } from '../../lib/core/api-resource.js';
import { requestBuildError as buildError } from '../helpers/errors.js';
import { parseGroupVersionKind } from '../../lib/core/gvk.js';
import { BUILTIN_RESOURCES } from '../../lib/core/resources/builtin-table.js';

describe('apiResource', () => {
  it('should derive group, version, plural and singular from apiVersion and kind', () => {
    expect(apiResource({ apiVersion: 'example.com/v1', kind: 'Widget', namespaced: true })).to.deep.equal({
      group: 'example.com',
      version: 'v1',
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      plural: 'widgets',
      singular: 'widget',
      namespaced: true,
      shortNames: [],
      categories: [],
      subresources: [],
    });
  });

  it('should read a bare version as the core group', () => {
    const pods = apiResource({ apiVersion: 'v1', kind: 'Pod', namespaced: true });
    expect([pods.group, pods.version, pods.apiVersion, pods.plural]).to.deep.equal(['', 'v1', 'v1', 'pods']);
  });

  it('should accept group and version separately', () => {
    const nodes = apiResource({ group: '', version: 'v1', kind: 'Node', namespaced: false });
    const deployments = apiResource({ group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true });
    expect([nodes.apiVersion, nodes.namespaced]).to.deep.equal(['v1', false]);
    expect([deployments.apiVersion, deployments.plural]).to.deep.equal(['apps/v1', 'deployments']);
  });

  it('should keep an explicit plural, singular, names and subresources', () => {
    const r = apiResource({
      apiVersion: 'example.com/v1',
      kind: 'Person',
      namespaced: false,
      plural: 'persons',
      singular: 'human',
      shortNames: ['ps'],
      categories: ['all'],
      subresources: ['status', 'scale'],
    });
    expect([r.plural, r.singular, r.shortNames, r.categories, r.subresources]).to.deep.equal(['persons', 'human', ['ps'], ['all'], ['status', 'scale']]);
  });

  it('should use the irregular plurals', () => {
    expect(apiResource({ apiVersion: 'v1', kind: 'Endpoints', namespaced: true }).plural).to.equal('endpoints');
    expect(apiResource({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', namespaced: true }).plural).to.equal('networkpolicies');
    expect(apiResource({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespaced: true }).plural).to.equal('ingresses');
  });

  it('should agree with every row of the built-in table', () => {
    for (const row of BUILTIN_RESOURCES) {
      const r = apiResource({ group: row.group, version: row.version, kind: row.kind, namespaced: row.namespaced });
      expect([r.plural, r.namespaced], row.kind).to.deep.equal([row.plural, row.namespaced]);
    }
  });

  it('should return a frozen descriptor', () => {
    expect(Object.isFrozen(apiResource({ apiVersion: 'v1', kind: 'Pod', namespaced: true }))).to.equal(true);
  });

  it('should refuse a malformed apiVersion', () => {
    const error = buildError(() => apiResource({ apiVersion: 'a/b/c', kind: 'Widget', namespaced: true }));
    expect([error.reason, error.field]).to.deep.equal(['InvalidResource', 'apiVersion']);
  });

  it('should refuse a missing version', () => {
    expect(buildError(() => apiResource({ group: 'example.com', kind: 'Widget', namespaced: true })).field).to.equal('apiVersion');
  });

  it('should refuse a kind that is not a kind name', () => {
    for (const kind of ['', 'widget-x', '9Lives', 'Wid get']) {
      const error = buildError(() => apiResource({ apiVersion: 'v1', kind, namespaced: true }));
      expect([error.reason, error.field], kind).to.deep.equal(['InvalidResource', 'kind']);
    }
  });

  it('should refuse a plural that is not a URL segment', () => {
    for (const plural of ['Widgets', 'wid/gets', '', 'a b']) {
      const error = buildError(() => apiResource({ apiVersion: 'v1', kind: 'Widget', plural, namespaced: true }));
      expect([error.reason, error.field], plural).to.deep.equal(['InvalidResource', 'plural']);
    }
  });
});

describe('apiResourceFromGvk', () => {
  it('should build a descriptor from a parsed GroupVersionKind', () => {
    const r = apiResourceFromGvk(parseGroupVersionKind('policy/v1', 'PodDisruptionBudget'), { namespaced: true });
    expect([r.apiVersion, r.kind, r.plural, r.namespaced]).to.deep.equal(['policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true]);
  });

  it('should keep an explicit plural', () => {
    expect(apiResourceFromGvk({ group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics' }, { namespaced: false, plural: 'nodes' }).plural).to.equal('nodes');
  });
});
