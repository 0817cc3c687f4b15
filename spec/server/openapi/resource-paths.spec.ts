// Specs for the OpenAPI path items of one resource.
import { expect } from 'chai';
import { resourcePaths } from '../../../lib/server/openapi/resource-paths.js';

describe('resourcePaths', () => {
  const input = {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRole',
    plural: 'clusterroles',
    namespaced: false,
    subresources: [],
    schemaName: 'io.k8s.api.rbac.v1.ClusterRole',
    listSchemaName: 'io.k8s.api.rbac.v1.ClusterRoleList',
    strategicMergePatch: true,
  };

  it('should publish cluster-scoped paths without a namespace parameter', () => {
    const paths = resourcePaths(input);
    expect(Object.keys(paths)).to.deep.equal(['/apis/rbac.authorization.k8s.io/v1/clusterroles', '/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}']);
    const item = paths['/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}'] as { parameters: { name: string }[]; patch: { operationId: string } };
    expect(item.parameters.map((p) => p.name)).to.deep.equal(['name', 'pretty']);
    expect(item.patch.operationId).to.equal('patchRbacAuthorizationV1ClusterRole');
  });

  it('should name core operations Core and add the all-namespaces list for namespaced kinds', () => {
    const paths = resourcePaths({ ...input, group: '', kind: 'Pod', plural: 'pods', namespaced: true, schemaName: 'io.k8s.api.core.v1.Pod', listSchemaName: 'io.k8s.api.core.v1.PodList' });
    expect((paths['/api/v1/pods'] as { get: { operationId: string } }).get.operationId).to.equal('listCoreV1PodForAllNamespaces');
    expect((paths['/api/v1/namespaces/{namespace}/pods/{name}'] as { get: { operationId: string } }).get.operationId).to.equal('readCoreV1NamespacedPod');
  });
});
