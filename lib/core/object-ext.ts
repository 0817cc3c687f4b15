// ResourceExt-style accessors over any Kubernetes object; absent maps and lists read as empty.
import type { KubeObject, OwnerReference } from './object.js';
import type { ResourceType } from './resource-type.js';

/** `metadata.name`, else `metadata.generateName`, else `''` (kube-rs `name_any`). */
export function nameAny(object: KubeObject): string {
  return object.metadata?.name ?? object.metadata?.generateName ?? '';
}

/** `metadata.namespace`, or `undefined` for cluster-scoped objects. */
export function namespace(object: KubeObject): string | undefined {
  const ns = object.metadata?.namespace;
  return ns === '' ? undefined : ns;
}

/** `metadata.resourceVersion`. */
export function resourceVersion(object: KubeObject): string | undefined {
  return object.metadata?.resourceVersion;
}

/** `metadata.uid`. */
export function uid(object: KubeObject): string | undefined {
  return object.metadata?.uid;
}

/** `metadata.labels`, or `{}`. */
export function labels(object: KubeObject): Readonly<Record<string, string>> {
  return object.metadata?.labels ?? {};
}

/** `metadata.annotations`, or `{}`. */
export function annotations(object: KubeObject): Readonly<Record<string, string>> {
  return object.metadata?.annotations ?? {};
}

/** `metadata.finalizers`, or `[]`. */
export function finalizers(object: KubeObject): readonly string[] {
  return object.metadata?.finalizers ?? [];
}

/** `metadata.ownerReferences`, or `[]`. */
export function ownerReferences(object: KubeObject): readonly OwnerReference[] {
  return object.metadata?.ownerReferences ?? [];
}

/** `metadata.managedFields`, or `[]`. */
export function managedFields(object: KubeObject): NonNullable<NonNullable<KubeObject['metadata']>['managedFields']> {
  return object.metadata?.managedFields ?? [];
}

/** True once deletion has started (`metadata.deletionTimestamp` is set). */
export function isDeleting(object: KubeObject): boolean {
  return object.metadata?.deletionTimestamp != null;
}

/**
 * An `OwnerReference` pointing at `object`, for use in a child's `metadata.ownerReferences`
 * (kube-rs `owner_ref`). `apiVersion`/`kind` come from the object, else from `resource`
 * (list items often lack them). `undefined` when the object has no name or uid yet.
 */
export function ownerRef(object: KubeObject, resource?: ResourceType): OwnerReference | undefined {
  const name = object.metadata?.name;
  const id = object.metadata?.uid;
  const apiVersion = object.apiVersion ?? resource?.apiVersion;
  const kind = object.kind ?? resource?.kind;
  if (name === undefined || id === undefined || apiVersion === undefined || kind === undefined) return undefined;
  return { apiVersion, kind, name, uid: id };
}

/**
 * Like {@link ownerRef}, marked `controller: true` and `blockOwnerDeletion: true`: the
 * reference a controller puts on the objects it manages, so that garbage collection deletes
 * them with the owner and `Controller.owns` maps their changes back to it.
 */
export function controllerOwnerRef(object: KubeObject, resource?: ResourceType): OwnerReference | undefined {
  const ref = ownerRef(object, resource);
  return ref === undefined ? undefined : { ...ref, controller: true, blockOwnerDeletion: true };
}

/** The owner reference marked `controller: true`, if any. */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return ownerReferences(object).find((ref) => ref.controller === true);
}
