// The 403 of a denied request, worded as kube-apiserver's responsewriters.Forbidden words it.
import type { ApiError } from '../../core/index.js';
import { forbidden, statusError } from '../errors/status-errors.js';
import { failureStatus } from '../../core/index.js';
import type { AuthorizationAttributes } from './authorization-attributes.js';

/** kube-apiserver escapes `&`, `<` and `>` in the message (its `sanitizer`). */
function sanitize(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `User "bob" cannot list resource "pods" in API group "" in the namespace "default"`,
 * `... at the cluster scope`, `... resource "pods/log" ...`, or for other paths
 * `User "bob" cannot get path "/foo"`.
 */
export function forbiddenMessage(attributes: AuthorizationAttributes): string {
  const user = JSON.stringify(attributes.user.username);
  if (attributes.type === 'nonresource') return `User ${user} cannot ${attributes.verb} path ${JSON.stringify(attributes.path)}`;
  const resource = attributes.subresource === '' ? attributes.resource : `${attributes.resource}/${attributes.subresource}`;
  const scope = attributes.namespace === '' ? 'at the cluster scope' : `in the namespace ${JSON.stringify(attributes.namespace)}`;
  return `User ${user} cannot ${attributes.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attributes.apiGroup)} ${scope}`;
}

/**
 * The 403 Forbidden Status of a denied request, exactly as kube-apiserver sends it:
 * `pods "web" is forbidden: User "bob" cannot get resource "pods" in API group "" in the
 * namespace "default"` (with `: <reason>` when the authorizer gave one), details naming the
 * resource (`kind` is the resource, as real) and name; `forbidden: User ... cannot get path
 * "/foo"` with empty details for non-resource requests.
 */
export function forbiddenError(attributes: AuthorizationAttributes, reason: string): ApiError {
  const message = sanitize(forbiddenMessage(attributes));
  const detail = reason === '' ? message : `${message}: ${reason}`;
  if (attributes.type === 'nonresource' || (attributes.resource === '' && attributes.apiGroup === '')) {
    return statusError(failureStatus(403, 'Forbidden', `forbidden: ${detail}`, {}));
  }
  return forbidden({ group: attributes.apiGroup, resource: attributes.resource }, attributes.name, detail);
}
