// Specs for the table of built-in patch strategies and list types.
import { expect } from 'chai';
import { builtinDefinition } from '../../../lib/server/openapi/builtin-definitions.js';
import { ATOMIC_STRUCTS, builtinFieldMetadata, builtinFieldMetadataEntries } from '../../../lib/server/openapi/builtin-field-metadata.js';

describe('builtinFieldMetadata', () => {
  it('should give Kubernetes\' struct tags for the common lists', () => {
    expect(builtinFieldMetadata('io.k8s.api.core.v1.PodSpec', 'containers')).to.deep.equal({
      patchStrategy: 'merge',
      patchMergeKey: 'name',
      listType: 'map',
      listMapKeys: ['name'],
    });
    expect(builtinFieldMetadata('io.k8s.api.core.v1.Container', 'ports')).to.deep.include({ patchMergeKey: 'containerPort', listMapKeys: ['containerPort', 'protocol'] });
    expect(builtinFieldMetadata('io.k8s.api.core.v1.ServiceSpec', 'ports')).to.deep.include({ patchMergeKey: 'port' });
    expect(builtinFieldMetadata('io.k8s.api.core.v1.Container', 'volumeMounts')).to.deep.include({ patchMergeKey: 'mountPath' });
    expect(builtinFieldMetadata('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers')).to.deep.equal({ patchStrategy: 'merge', listType: 'set' });
    expect(builtinFieldMetadata('io.k8s.api.core.v1.PodSpec', 'volumes')?.patchStrategy).to.equal('merge,retainKeys');
    expect(builtinFieldMetadata('io.k8s.api.core.v1.PodSpec', 'tolerations')).to.equal(undefined);
  });

  it('should only name fields and types that exist in the definitions', () => {
    for (const name of ATOMIC_STRUCTS) expect(builtinDefinition(name)?.fields, name).to.not.equal(undefined);
    for (const key of builtinFieldMetadataEntries().keys()) {
      const dot = key.lastIndexOf('.');
      expect(builtinDefinition(key.slice(0, dot))?.fields?.has(key.slice(dot + 1)), key).to.equal(true);
    }
  });
});
