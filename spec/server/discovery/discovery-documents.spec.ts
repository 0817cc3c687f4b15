import { expect } from 'chai';
import { aggregatedDiscovery, apiGroupList, apiResourceList, storageVersionHash } from '../../../lib/server/discovery/discovery-documents.js';
import { ResourceRegistry } from '../../../lib/server/registry/resource-registry.js';

type Json = Record<string, unknown>;
const registry = new ResourceRegistry();

describe('storageVersionHash', () => {
  it('should match the hashes kube-apiserver publishes', () => {
    expect(storageVersionHash(registry.find('', 'v1', 'pods')!)).to.equal('xPOwRZ+Yhw8=');
    expect(storageVersionHash(registry.find('', 'v1', 'configmaps')!)).to.equal('qFsyl6wFWjQ=');
    expect(storageVersionHash(registry.find('apps', 'v1', 'deployments')!)).to.equal('8aSe+NMegvE=');
  });

  it('should hash events.k8s.io events by their core storage version', () => {
    expect(storageVersionHash(registry.find('events.k8s.io', 'v1', 'events')!)).to.equal('r2yiGXH7wu8=');
  });
});

describe('apiResourceList', () => {
  it('should list resources and subresources sorted, with sorted verbs', () => {
    const doc = apiResourceList(registry, 'apps', 'v1') as Json & { resources: Json[] };
    expect(doc).to.include({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1' });
    const names = doc.resources.map((r) => r['name']);
    expect(names).to.deep.equal([...names].sort());
    const deployments = doc.resources.find((r) => r['name'] === 'deployments');
    expect(deployments).to.deep.include({
      singularName: 'deployment', namespaced: true, kind: 'Deployment', shortNames: ['deploy'], categories: ['all'],
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    });
    expect(doc.resources.find((r) => r['name'] === 'deployments/scale')).to.deep.include({
      singularName: '', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'],
    });
  });

  it('should omit apiVersion on the core group and be undefined for unknown versions', () => {
    expect(apiResourceList(registry, '', 'v1')).to.not.have.property('apiVersion');
    expect(apiResourceList(registry, 'apps', 'v9')).to.equal(undefined);
  });
});

describe('apiGroupList', () => {
  it('should list named groups in priority order, core excluded', () => {
    const groups = (apiGroupList(registry) as { groups: Json[] }).groups.map((g) => g['name']);
    expect(groups.slice(0, 3)).to.deep.equal(['apiregistration.k8s.io', 'apps', 'events.k8s.io']);
    expect(groups).to.include.members(['events.k8s.io', 'coordination.k8s.io', 'apiextensions.k8s.io']);
    expect(groups).to.not.include('');
  });
});

describe('aggregatedDiscovery', () => {
  it('should describe the core group for /api in apidiscovery.k8s.io/v2', () => {
    const doc = aggregatedDiscovery(registry, 'api', 'v2') as { apiVersion: string; items: Json[] };
    expect(doc.apiVersion).to.equal('apidiscovery.k8s.io/v2');
    expect(doc.items).to.have.length(1);
    const versions = doc.items[0]?.['versions'] as { version: string; resources: Json[]; freshness: string }[];
    expect(versions[0]).to.include({ version: 'v1', freshness: 'Current' });
    const pods = versions[0]?.resources.find((r) => r['resource'] === 'pods');
    expect(pods).to.deep.include({ scope: 'Namespaced', singularResource: 'pod', responseKind: { group: '', version: '', kind: 'Pod' } });
    expect((pods?.['subresources'] as Json[]).map((s) => s['subresource'])).to.include.members(['status', 'log', 'eviction']);
  });
});
