// Describes one kind of resource: where it lives on the API server and how it is scoped.
import type { KubeObject } from './object.js';

/** A resource that lives in a namespace (Pod, ConfigMap, ...). */
export type NamespaceScope = 'Namespaced';
/** A resource that lives at the cluster level (Node, Namespace, ClusterRole, ...). */
export type ClusterScope = 'Cluster';
/**
 * The scope of a resource known only at run time (an {@link ApiResource}): it may be
 * used with any `Api` constructor, and is checked when the request is built.
 */
export type DynamicScope = 'Dynamic';
/** The scope parameter of a {@link ResourceType}. */
export type Scope = NamespaceScope | ClusterScope | DynamicScope;

/** The subresources kube-rx knows how to address. */
export type SubresourceName =
  | 'status'
  | 'scale'
  | 'log'
  | 'exec'
  | 'attach'
  | 'portforward'
  | 'eviction'
  | 'binding'
  | 'ephemeralcontainers'
  | 'resize'
  | 'proxy'
  | 'finalize'
  | 'token'
  | 'approval';

/**
 * Everything needed to address one kind of resource, with the object type `K` and the
 * scope `S` carried as type parameters (kube-rs's `Resource` + `Scope`).
 *
 * Descriptors for the built-in kinds are in `core/resources` (`Pod`, `Deployment`, ...);
 * custom resources get one from `defineCustomResource`; kinds known only at run time get
 * one from {@link apiResource}.
 *
 * `S` is what makes `Api.namespaced(client, Node, 'x')` a compile error: a
 * `ResourceType<Node, 'Cluster'>` is not a `ResourceType<K, 'Namespaced'>`.
 */
export interface ResourceType<K extends KubeObject = KubeObject, S extends Scope = Scope> {
  /** API group, `''` for the core group. */
  readonly group: string;
  /** API version within the group, e.g. `v1`. */
  readonly version: string;
  /** `group/version`, or just `version` for the core group. */
  readonly apiVersion: string;
  /** `Pod`, `Deployment`, ... */
  readonly kind: string;
  /** The URL segment, e.g. `pods`. */
  readonly plural: string;
  /** Lowercase singular name, e.g. `pod`. */
  readonly singular: string;
  /** Whether objects live in a namespace; for `DynamicScope` it is the run-time truth. */
  readonly namespaced: boolean;
  /** Short names kubectl accepts (`po`, `deploy`, ...). */
  readonly shortNames: readonly string[];
  /** Categories such as `all`. */
  readonly categories: readonly string[];
  /** Subresources served for this kind. */
  readonly subresources: readonly SubresourceName[];
  /** Compile-time only: the scope. */
  readonly scope?: S;
  /** Compile-time only: the object type. Never set at run time. */
  readonly object?: K;
}

/** A {@link ResourceType} of a namespaced kind. */
export type NamespacedResource<K extends KubeObject = KubeObject> = ResourceType<K, NamespaceScope>;
/** A {@link ResourceType} of a cluster-scoped kind. */
export type ClusterResource<K extends KubeObject = KubeObject> = ResourceType<K, ClusterScope>;
/** The object type `K` of a {@link ResourceType}. */
export type ObjectOf<R> = R extends ResourceType<infer K, Scope> ? K : never;

/** `group/version`, or `version` alone for the core group. */
export function formatApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}
