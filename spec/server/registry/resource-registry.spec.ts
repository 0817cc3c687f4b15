import { expect } from 'chai';
import { compareVersions, ResourceRegistry } from '../../../lib/server/registry/resource-registry.js';

describe('ResourceRegistry', () => {
  it('should serve every row of core\'s table with its scope and names', () => {
    const registry = new ResourceRegistry();
    expect(registry.find('apps', 'v1', 'deployments')).to.deep.include({ kind: 'Deployment', namespaced: true, shortNames: ['deploy'], bucket: 'apps/deployments' });
    expect(registry.find('', 'v1', 'namespaces')?.verbs).to.not.include('deletecollection');
    expect(registry.find('', 'v1', 'nodes')?.namespaced).to.equal(false);
  });

  it('should store events.k8s.io events in the core events bucket', () => {
    const registry = new ResourceRegistry();
    expect(registry.find('events.k8s.io', 'v1', 'events')).to.deep.include({ bucket: '/events', storageApiVersion: 'v1', storageKind: 'Event' });
    expect(registry.byBucket('/events')?.group).to.equal('');
  });

  it('should change its revision when custom kinds come and go, and list their groups last', () => {
    const registry = new ResourceRegistry();
    const base = registry.find('', 'v1', 'configmaps')!;
    const before = registry.revision;
    const custom = { ...base, group: 'a.example.com', apiVersion: 'a.example.com/v1', custom: { crdName: 'x.a.example.com', crdUid: '1', schema: undefined, compiled: undefined, printerColumns: [], scale: undefined, terminating: false, serving: true, established: true } };
    registry.setCustom('x.a.example.com', [custom]);
    expect(registry.revision).to.be.greaterThan(before);
    expect(registry.find('a.example.com', 'v1', 'configmaps')).to.equal(custom);
    expect(registry.groups().at(-1)?.name).to.equal('a.example.com');
    registry.removeCustom('x.a.example.com');
    expect(registry.find('a.example.com', 'v1', 'configmaps')).to.equal(undefined);
  });
});

describe('compareVersions', () => {
  it('should order versions as Kubernetes does: GA, then beta, then alpha, higher first', () => {
    expect(['v1alpha1', 'v1', 'v2beta1', 'v1beta2', 'foo', 'v2', 'v11alpha2'].sort(compareVersions)).to.deep.equal(['v2', 'v1', 'v2beta1', 'v1beta2', 'v11alpha2', 'v1alpha1', 'foo']);
  });
});
