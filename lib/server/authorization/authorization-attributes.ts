// What an authorizer decides on: who asks to do which verb to what (kube-apiserver's authorizer.Attributes).
import { splitPath } from '../http/request-target.js';
import type { UserInfo } from '../server-context.js';

/** A request for an API resource: `get pods/log "web" in namespace "default"`. */
export interface ResourceAttributes {
  readonly type: 'resource';
  readonly user: UserInfo;
  readonly verb: string;
  /** `''` for cluster scope (and for requests across all namespaces). */
  readonly namespace: string;
  readonly apiGroup: string;
  /** `*` when a review leaves it out. */
  readonly apiVersion: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
}

/** A request for any other path: `get /healthz`. */
export interface NonResourceAttributes {
  readonly type: 'nonresource';
  readonly user: UserInfo;
  /** The lower-cased HTTP method (`get`, `post`, `head`, ...). */
  readonly verb: string;
  readonly path: string;
}

/** The attributes of one authorization decision. */
export type AuthorizationAttributes = ResourceAttributes | NonResourceAttributes;

const API_PREFIXES = new Set(['api', 'apis']);
const SPECIAL_VERBS = new Set(['proxy', 'watch']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function methodVerb(method: string): string {
  switch (method) {
    case 'POST':
      return 'create';
    case 'GET':
    case 'HEAD':
      return 'get';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return '';
  }
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * Whether a list's `watch` parameter asks for a watch: Go's `ParseBool`, and for a value it
 * cannot parse, anything but `false`/`0` (kube-apiserver's fallback).
 */
function wantsWatch(query: URLSearchParams): boolean {
  const value = query.get('watch');
  if (value === null) return false;
  if (GO_TRUE.has(value)) return true;
  if (GO_FALSE.has(value)) return false;
  return !['false', '0'].includes(value.toLowerCase());
}

/** `metadata.name=x` or `metadata.name==x` as the only requirement on that field, when the selector requires one exact name. */
function exactName(fieldSelector: string | null): string | undefined {
  if (fieldSelector === null) return undefined;
  let name: string | undefined;
  for (const term of fieldSelector.split(',')) {
    const match = /^\s*metadata\.name\s*(==|=)(.*)$/.exec(term);
    if (match !== null) name = (match[2] ?? '').trim();
  }
  return name;
}

/** `path.IsValidPathSegmentName`: not `.` or `..`, no `/` or `%`. */
function validSegment(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%');
}

/**
 * The authorization attributes of an HTTP request, parsed exactly as kube-apiserver's
 * `RequestInfoFactory` parses them (they differ from routing in places):
 *
 * - `/api/{v}/...` and `/apis/{g}/{v}/...` are resource requests; everything else (and
 *   shorter paths) is a non-resource request whose verb is the lower-cased method;
 * - a leading `watch/` or `proxy/` segment is the verb; otherwise the method picks
 *   `create`/`get`/`update`/`patch`/`delete` (`''` for other methods);
 * - `namespaces/{ns}/...` sets the namespace — also for the Namespace itself
 *   (`/api/v1/namespaces/foo` is `get namespaces "foo"` in the namespace `foo`);
 * - `get` without a name is `list` or `watch` (`watch=` anything but false/0), and a
 *   `fieldSelector` requiring one `metadata.name` names the object; `delete` without a
 *   name is `deletecollection`.
 *
 * `path` is the decoded URL path, split as the router splits it (`splitPath`).
 */
export function requestAttributes(user: UserInfo, method: string, path: string, query: URLSearchParams): AuthorizationAttributes {
  const upper = method.toUpperCase();
  const nonResource: NonResourceAttributes = { type: 'nonresource', user, verb: upper.toLowerCase(), path };
  let parts = splitPath(path);
  if (parts.length < 3 || !API_PREFIXES.has(parts[0] as string)) return nonResource;
  const prefix = parts[0] as string;
  parts = parts.slice(1);
  let apiGroup = '';
  if (prefix === 'apis') {
    if (parts.length < 3) return nonResource;
    apiGroup = parts[0] as string;
    parts = parts.slice(1);
  }
  const apiVersion = parts[0] as string;
  parts = parts.slice(1);
  let verb: string;
  if (SPECIAL_VERBS.has(parts[0] as string)) {
    verb = parts[0] as string;
    parts = parts.slice(1);
  } else {
    verb = methodVerb(upper);
  }
  let namespace = '';
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      namespace = parts[1] as string;
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] as string)) parts = parts.slice(2);
    }
  }
  const resource = parts[0] ?? '';
  let name = parts[1] ?? '';
  const subresource = parts.length >= 3 && verb !== 'proxy' ? (parts[2] as string) : '';
  if (name === '' && verb === 'get') {
    verb = wantsWatch(query) ? 'watch' : 'list';
    const selected = exactName(query.get('fieldSelector'));
    if (selected !== undefined && validSegment(selected)) name = selected;
  }
  if (name === '' && verb === 'delete') verb = 'deletecollection';
  return { type: 'resource', user, verb, namespace, apiGroup, apiVersion, resource, subresource, name };
}
