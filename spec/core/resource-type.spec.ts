// Type-level spec: scope is part of a descriptor's type. `tsc` (npm test) fails on an unused @ts-expect-error.
import { expect } from 'chai';
import { apiResource } from '../../lib/core/api-resource.js';
import type { DynamicObject, KubeObject } from '../../lib/core/object.js';
import {
  formatApiVersion,
  type ClusterResource,
  type DynamicScope,
  type NamespaceScope,
  type NamespacedResource,
  type ObjectOf,
  type ResourceType,
  type Scope,
} from '../../lib/core/resource-type.js';
import {
  ClusterRole,
  ClusterRoleBinding,
  ConfigMap,
  CustomResourceDefinition,
  Deployment,
  Namespace,
  Node,
  PersistentVolume,
  Pod,
  StorageClass,
} from '../../lib/core/resources/index.js';

/** The `Api.namespaced` signature from the client contract. */
function namespaced<K extends KubeObject>(resource: ResourceType<K, NamespaceScope | DynamicScope>, namespace: string): [ResourceType<K>, string] {
  return [resource, namespace];
}

/** A constructor that takes only statically namespaced kinds. */
function strictlyNamespaced<K extends KubeObject>(resource: ResourceType<K, NamespaceScope>): ResourceType<K> {
  return resource;
}

/** The `Api.all` / `Api.cluster` signature: any scope. */
function all<K extends KubeObject>(resource: ResourceType<K, Scope>): ResourceType<K> {
  return resource;
}

/** Compile-time equality of two types. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(value: T): T => value;

describe('ResourceType', () => {
  describe('scope', () => {
    it('should reject cluster-scoped descriptors where a namespaced one is required', () => {
      // @ts-expect-error Node is cluster-scoped
      namespaced(Node, 'default');
      // @ts-expect-error Namespace is cluster-scoped
      namespaced(Namespace, 'default');
      // @ts-expect-error ClusterRole is cluster-scoped
      namespaced(ClusterRole, 'default');
      // @ts-expect-error ClusterRoleBinding is cluster-scoped
      namespaced(ClusterRoleBinding, 'default');
      // @ts-expect-error PersistentVolume is cluster-scoped
      namespaced(PersistentVolume, 'default');
      // @ts-expect-error StorageClass is cluster-scoped
      namespaced(StorageClass, 'default');
      // @ts-expect-error CustomResourceDefinition is cluster-scoped
      namespaced(CustomResourceDefinition, 'default');
      // @ts-expect-error Node is cluster-scoped
      strictlyNamespaced(Node);
      // @ts-expect-error an apiResource() result is only known at run time
      strictlyNamespaced(apiResource({ apiVersion: 'example.com/v1', kind: 'Widget', namespaced: true }));
    });

    it('should accept namespaced descriptors and apiResource() results', () => {
      const [pods] = namespaced(Pod, 'default');
      const [deployments] = namespaced(Deployment, 'default');
      const [widgets] = namespaced(apiResource({ apiVersion: 'example.com/v1', kind: 'Widget', namespaced: true }), 'default');
      strictlyNamespaced(ConfigMap);
      assertType<Equal<typeof pods, ResourceType<Pod>>>(true);
      assertType<Equal<typeof deployments, ResourceType<Deployment>>>(true);
      assertType<Equal<typeof widgets, ResourceType<DynamicObject>>>(true);
      expect(pods.plural).to.equal('pods');
      expect(widgets.plural).to.equal('widgets');
    });

    it('should accept every scope where any scope is allowed', () => {
      expect([all(Node), all(Pod), all(ClusterRole), all(apiResource({ apiVersion: 'v1', kind: 'Pod', namespaced: true }))].map((r) => r.plural)).to.deep.equal([
        'nodes',
        'pods',
        'clusterroles',
        'pods',
      ]);
    });

    it('should carry the scope in the descriptor type', () => {
      assertType<Equal<typeof Pod, ResourceType<Pod, NamespaceScope>>>(true);
      assertType<Equal<typeof Node, ResourceType<Node, 'Cluster'>>>(true);
      const cluster: ClusterResource<Node> = Node;
      const ns: NamespacedResource<Pod> = Pod;
      // @ts-expect-error a namespaced descriptor is not a cluster one
      const wrong: ClusterResource<Pod> = Pod;
      expect([cluster.namespaced, ns.namespaced, wrong.namespaced]).to.deep.equal([false, true, true]);
    });

    it('should carry the object type in the descriptor type', () => {
      assertType<Equal<ObjectOf<typeof Deployment>, Deployment>>(true);
      assertType<Equal<ObjectOf<typeof Node>, Node>>(true);
      // @ts-expect-error a Pod is not a Node
      assertType<Equal<ObjectOf<typeof Pod>, Node>>(true);
      expect(Pod.object).to.equal(undefined);
      expect(Pod.scope).to.equal(undefined);
    });
  });
});

describe('formatApiVersion', () => {
  it('should omit the empty core group', () => {
    expect(formatApiVersion('', 'v1')).to.equal('v1');
  });

  it('should join a named group and version with a slash', () => {
    expect(formatApiVersion('apps', 'v1')).to.equal('apps/v1');
    expect(formatApiVersion('rbac.authorization.k8s.io', 'v1')).to.equal('rbac.authorization.k8s.io/v1');
  });
});
