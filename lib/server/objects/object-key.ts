// Storage keys of objects: `namespace/name`, with an empty namespace for cluster-scoped objects.

/** The storage key of an object. */
export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/**
 * The key prefix of a list: every object in `namespace`, every object of a namespaced kind
 * (`''`), or every object of a cluster-scoped kind (`'/'`, as their keys are `/name`).
 * Continue tokens carry keys relative to this prefix, as kube-apiserver's carry keys
 * relative to `/registry/<resource>/`.
 */
export function listPrefix(namespaced: boolean, namespace: string | undefined): string {
  if (!namespaced) return '/';
  return namespace === undefined || namespace === '' ? '' : `${namespace}/`;
}
