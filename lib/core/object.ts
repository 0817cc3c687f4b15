// The shapes every Kubernetes object and list share.
import type { ListMeta, ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';

export type { ListMeta, ObjectMeta, OwnerReference };

/**
 * Anything the API server stores: `apiVersion`, `kind` and `metadata`. Every
 * `kubernetes-types` object satisfies it, as do custom resources.
 *
 * `apiVersion` and `kind` are optional because list items from the server often omit them.
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** A list answer: `metadata.resourceVersion` is the list's snapshot, `continue` the next page. */
export interface ObjectList<K> {
  apiVersion?: string;
  kind?: string;
  metadata: ListMeta;
  items: K[];
}

/**
 * An object whose type is known only at run time (kube-rs `DynamicObject`): the typed
 * envelope plus every other top-level field (`spec`, `status`, `data`, ...) as `unknown`.
 */
export interface DynamicObject extends KubeObject {
  [field: string]: unknown;
}

/** `meta.k8s.io/v1 PartialObjectMetadata`: an object reduced to its type and metadata. */
export interface PartialObjectMetadata extends KubeObject {
  metadata: ObjectMeta;
}
