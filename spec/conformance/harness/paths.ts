// Resource paths, as kube-apiserver serves them.

/** A resource's group-version and plural. */
export interface ResourceRef {
  /** `v1`, `apps/v1`, `example.com/v1`. */
  readonly apiVersion: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

/** `/api/v1` or `/apis/{group}/{version}`. */
export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/** The collection path (in `namespace` for namespaced resources; across namespaces without one). */
export function collectionPath(ref: ResourceRef, namespace?: string): string {
  const base = groupVersionPath(ref.apiVersion);
  return ref.namespaced && namespace !== undefined ? `${base}/namespaces/${namespace}/${ref.plural}` : `${base}/${ref.plural}`;
}

/** An object's path, or its subresource's. */
export function objectPath(ref: ResourceRef, namespace: string | undefined, name: string, subresource?: string): string {
  return `${collectionPath(ref, namespace)}/${name}${subresource === undefined ? '' : `/${subresource}`}`;
}
