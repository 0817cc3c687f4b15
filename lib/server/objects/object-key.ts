// Storage keys of objects: `namespace/name`, with an empty namespace for cluster-scoped objects.

/** The storage key of an object. */
export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** The key prefix of a list: every object in `namespace`, or every object at all. */
export function listPrefix(namespace: string | undefined): string {
  return namespace === undefined || namespace === '' ? '' : `${namespace}/`;
}
