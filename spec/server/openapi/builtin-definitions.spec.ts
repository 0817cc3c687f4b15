// Specs for the decoded built-in type definitions.
import { expect } from 'chai';
import { BUILTIN_RESOURCES } from '../../../lib/core/index.js';
import { builtinDefinition, builtinDefinitions, builtinKindDefinitionName } from '../../../lib/server/openapi/builtin-definitions.js';

describe('builtinKindDefinitionName', () => {
  it('should name the root type of every kind in core\'s table', () => {
    for (const row of BUILTIN_RESOURCES) {
      const name = builtinKindDefinitionName(row);
      expect(name, `${row.group}/${row.version}/${row.kind}`).to.be.a('string');
      expect(builtinDefinition(name ?? '')?.fields?.has('metadata'), name).to.equal(true);
    }
  });

  it('should use Kubernetes OpenAPI names', () => {
    expect(builtinKindDefinitionName({ group: 'apps', version: 'v1', kind: 'Deployment' })).to.equal('io.k8s.api.apps.v1.Deployment');
    expect(builtinKindDefinitionName({ group: '', version: 'v1', kind: 'Pod' })).to.equal('io.k8s.api.core.v1.Pod');
    expect(builtinKindDefinitionName({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' })).to.equal(
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
    );
    expect(builtinKindDefinitionName({ group: 'example.com', version: 'v1', kind: 'Widget' })).to.equal(undefined);
  });
});

describe('builtinDefinition', () => {
  it('should carry field types, required flags and documentation', () => {
    const container = builtinDefinition('io.k8s.api.core.v1.Container');
    expect(container?.fields?.get('name')).to.deep.include({ type: { kind: 'string' }, required: true });
    expect(container?.fields?.get('image')?.required).to.equal(false);
    expect(container?.fields?.get('image')?.description).to.match(/Container image name/);
    expect(container?.fields?.get('env')?.type).to.deep.equal({ kind: 'array', items: { kind: 'ref', name: 'io.k8s.api.core.v1.EnvVar' } });
    expect(container?.fields?.get('resources')?.type).to.deep.equal({ kind: 'ref', name: 'io.k8s.api.core.v1.ResourceRequirements' });
  });

  it('should decode maps, int-or-string, quantities and times', () => {
    expect(builtinDefinition('io.k8s.api.core.v1.ConfigMap')?.fields?.get('data')?.type).to.deep.equal({ kind: 'map', values: { kind: 'string' } });
    expect(builtinDefinition('io.k8s.api.core.v1.ServicePort')?.fields?.get('targetPort')?.type).to.deep.equal({ kind: 'int-or-string' });
    expect(builtinDefinition('io.k8s.apimachinery.pkg.api.resource.Quantity')?.scalar).to.deep.equal({ kind: 'quantity' });
    expect(builtinDefinition('io.k8s.apimachinery.pkg.apis.meta.v1.Time')?.scalar).to.deep.equal({ kind: 'date-time' });
    expect(builtinDefinition('io.k8s.apps.v1.Nope')).to.equal(undefined);
  });

  it('should resolve every reference to a known definition', () => {
    const visit = (type: { kind: string; name?: string; items?: unknown; values?: unknown }, where: string): void => {
      if (type.kind === 'ref') expect(builtinDefinitions().has(type.name ?? ''), where).to.equal(true);
      if (type.kind === 'array') visit(type.items as typeof type, where);
      if (type.kind === 'map') visit(type.values as typeof type, where);
    };
    for (const definition of builtinDefinitions().values()) {
      for (const [field, { type }] of definition.fields ?? []) visit(type, `${definition.name}.${field}`);
    }
  });
});
