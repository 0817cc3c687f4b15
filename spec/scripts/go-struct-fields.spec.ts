// Reads Go struct tags from the Kubernetes modules in the Go module cache.
import { expect } from 'chai';
import { goStructFields, hasMarshalJSON, resolveNamedType } from '../../scripts/go-struct-fields.js';

describe('goStructFields', function () {
  this.timeout(60_000);

  it('should read json names, omitempty and Go types', () => {
    const status = goStructFields('k8s.io/api/apps/v1', 'ReplicaSetStatus');
    expect(status?.get('replicas')).to.include({ goType: 'int32', omitempty: false });
    expect(status?.get('readyReplicas')).to.include({ goType: 'int32', omitempty: true });
    expect(status?.get('conditions')).to.include({ goType: '[]ReplicaSetCondition', omitempty: true });
  });

  it('should expand inline embeddings, across packages too', () => {
    const volume = goStructFields('k8s.io/api/core/v1', 'Volume');
    expect(volume?.get('emptyDir')).to.include({ goType: '*EmptyDirVolumeSource', omitempty: true });
    const deployment = goStructFields('k8s.io/api/apps/v1', 'Deployment');
    expect(deployment?.get('apiVersion')).to.include({ goType: 'string', omitempty: true, importPath: 'k8s.io/apimachinery/pkg/apis/meta/v1' });
    expect(deployment?.get('metadata')).to.include({ goType: 'metav1.ObjectMeta' });
  });

  it('should expand inlined struct members, inlines of inlines too', () => {
    const rule = goStructFields('k8s.io/api/admissionregistration/v1', 'RuleWithOperations');
    expect([...(rule?.keys() ?? [])].sort()).to.deep.equal(['apiGroups', 'apiVersions', 'operations', 'resources', 'scope']);
    const named = goStructFields('k8s.io/api/admissionregistration/v1', 'NamedRuleWithOperations');
    expect([...(named?.keys() ?? [])].sort()).to.deep.equal(['apiGroups', 'apiVersions', 'operations', 'resourceNames', 'resources', 'scope']);
  });

  it('should skip block comments and read empty structs', () => {
    expect(goStructFields('k8s.io/api/core/v1', 'DaemonEndpoint')?.get('Port')).to.include({ goType: 'int32', omitempty: false });
    expect(goStructFields('k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1', 'CustomResourceSubresourceStatus')?.size).to.equal(0);
    expect(goStructFields('k8s.io/api/core/v1', 'NoSuchType')).to.equal(undefined);
  });

  it('should resolve import aliases and find MarshalJSON methods', () => {
    expect(resolveNamedType('k8s.io/api/apps/v1', '*metav1.LabelSelector')).to.deep.equal({ importPath: 'k8s.io/apimachinery/pkg/apis/meta/v1', name: 'LabelSelector' });
    expect(hasMarshalJSON('k8s.io/apimachinery/pkg/apis/meta/v1', 'Time')).to.equal(true);
    expect(hasMarshalJSON('k8s.io/apimachinery/pkg/apis/meta/v1', 'ObjectMeta')).to.equal(false);
  });
});
