// Storage keys of objects: `namespace/name`, with an empty namespace for cluster-scoped objects.
import { badRequest } from '../errors/status-errors.js';
import { goQuote } from '../input/go-text.js';

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

/**
 * kube-apiserver's `IsValidPathSegmentName`: why a name cannot be a path segment (`.` and
 * `..` never can; nothing may contain `/` or `%`), or an empty list.
 */
export function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/**
 * The storage key of the object a request names, checked as kube-apiserver's registry key
 * functions check it before any storage access (`NamespaceKeyFunc`/`NoNamespaceKeyFunc`):
 * so `configmaps/..` (or `%2e%2e`) is refused and never reaches the namespace, and a name
 * from the URL can never address another object.
 *
 * @throws {ApiError} 400 `Namespace parameter required.`, `Name parameter required.`, or
 *   `Name parameter invalid: ".." : may not be '..'`.
 */
export function requestKey(kind: { readonly namespaced: boolean }, namespace: string | undefined, name: string): string {
  if (kind.namespaced && (namespace === undefined || namespace === '')) throw badRequest('Namespace parameter required.');
  if (name === '') throw badRequest('Name parameter required.');
  const errors = pathSegmentNameErrors(name);
  if (errors.length > 0) throw badRequest(`Name parameter invalid: ${goQuote(name)}: ${errors.join(';')}`);
  return objectKey(kind.namespaced ? namespace : undefined, name);
}
