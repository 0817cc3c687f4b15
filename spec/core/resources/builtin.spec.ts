// Checks that every exported built-in descriptor is exactly its row of the built-in table.
import { expect } from 'chai';
import * as core from '../../../lib/core/index.js';
import { BUILTIN_RESOURCES } from '../../../lib/core/resources/builtin-table.js';
import type { ResourceType } from '../../../lib/core/resource-type.js';

function isDescriptor(value: unknown): value is ResourceType {
  return typeof value === 'object' && value !== null && 'plural' in value && 'namespaced' in value && 'kind' in value;
}

const descriptors: [string, ResourceType][] = Object.entries(core as Record<string, unknown>).flatMap(([name, value]) =>
  isDescriptor(value) ? [[name, value] as [string, ResourceType]] : [],
);

describe('builtin descriptors', () => {
  it('should export one descriptor per row of the table', () => {
    const exported = descriptors.map(([, d]) => `${d.apiVersion} ${d.kind}`).sort();
    const table = BUILTIN_RESOURCES.map((r) => `${r.group === '' ? r.version : `${r.group}/${r.version}`} ${r.kind}`).sort();
    expect(exported).to.deep.equal(table);
  });

  it('should name the two Event kinds apart', () => {
    expect(core.CoreEvent.apiVersion).to.equal('v1');
    expect(core.CoreEvent.kind).to.equal('Event');
    expect(core.EventsV1Event.apiVersion).to.equal('events.k8s.io/v1');
    expect(core.EventsV1Event.kind).to.equal('Event');
  });

  it('should let a client address pods/resize, which 1.32 serves only behind its feature gate', () => {
    expect(core.Pod.subresources).to.include('resize');
  });

  for (const [name, descriptor] of descriptors) {
    it(`should build ${name} from its table row`, () => {
      const row = BUILTIN_RESOURCES.find((r) => r.group === descriptor.group && r.version === descriptor.version && r.kind === descriptor.kind);
      expect(row, name).to.not.equal(undefined);
      expect(descriptor).to.deep.equal({
        group: row?.group,
        version: row?.version,
        apiVersion: row?.group === '' ? row.version : `${row?.group}/${row?.version}`,
        kind: row?.kind,
        plural: row?.plural,
        singular: row?.kind.toLowerCase(),
        namespaced: row?.namespaced,
        shortNames: row?.shortNames,
        categories: row?.categories,
        subresources: row === undefined ? undefined : [...row.subresources, ...('gatedSubresources' in row ? row.gatedSubresources : [])],
      });
    });

    it(`should freeze ${name}`, () => {
      expect(Object.isFrozen(descriptor)).to.equal(true);
    });
  }

  it('should give well-known kinds their well-known paths', () => {
    expect([core.Pod.apiVersion, core.Pod.plural, core.Pod.namespaced]).to.deep.equal(['v1', 'pods', true]);
    expect([core.Deployment.apiVersion, core.Deployment.plural]).to.deep.equal(['apps/v1', 'deployments']);
    expect([core.Node.plural, core.Node.namespaced]).to.deep.equal(['nodes', false]);
    expect([core.Lease.apiVersion, core.Lease.plural]).to.deep.equal(['coordination.k8s.io/v1', 'leases']);
    expect([core.CustomResourceDefinition.namespaced, core.CustomResourceDefinition.shortNames]).to.deep.equal([false, ['crd', 'crds']]);
  });
});
