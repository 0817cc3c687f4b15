// Parses an API path into group, version, namespace, resource, name and subresource (apiserver's RequestInfo).
import { splitPath } from './request-target.js';

/** A request for an API resource. */
export interface ResourceRequestInfo {
  readonly type: 'resource';
  /** `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`. */
  readonly verb: string;
  readonly group: string;
  readonly version: string;
  /** The namespace in the path, if any. */
  readonly namespace: string | undefined;
  readonly resource: string;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
  /** The path had more segments than resource/name/subresource. */
  readonly extra: boolean;
}

/** Any other path: discovery, version, OpenAPI, health. */
export interface NonResourceRequestInfo {
  readonly type: 'nonresource';
  readonly path: string;
}

/** What a request path addresses. */
export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

const SPECIAL_VERBS = new Set(['watch', 'proxy']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * Parses `/api/v1/namespaces/ns/pods/name/status` and friends like kube-apiserver's
 * `RequestInfoFactory`: a leading `watch/` or `proxy/` segment is a verb, `namespaces/{ns}`
 * is consumed as the namespace unless followed by `status`/`finalize` (then it is the
 * Namespace itself), and the HTTP method plus the presence of a name picks the verb.
 */
export function parseRequestInfo(method: string, pathname: string, isWatch: boolean): RequestInfo {
  const segments = splitPath(pathname);
  const nonResource = { type: 'nonresource', path: pathname } as const;
  let parts: string[];
  let group: string;
  let version: string;
  if (segments[0] === 'api') {
    if (segments.length < 3) return nonResource;
    group = '';
    version = segments[1] as string;
    parts = segments.slice(2);
  } else if (segments[0] === 'apis') {
    if (segments.length < 4) return nonResource;
    group = segments[1] as string;
    version = segments[2] as string;
    parts = segments.slice(3);
  } else {
    return nonResource;
  }
  let verbPrefix: string | undefined;
  if (SPECIAL_VERBS.has(parts[0] as string)) {
    verbPrefix = parts[0];
    parts = parts.slice(1);
    if (parts.length === 0) return nonResource;
  }
  let namespace: string | undefined;
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      namespace = parts[1];
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] as string)) parts = parts.slice(2);
    }
  }
  const [resource = '', name, subresource] = parts;
  let verb: string;
  switch (method) {
    case 'POST':
      verb = 'create';
      break;
    case 'GET':
    case 'HEAD':
      verb = name === undefined ? (isWatch || verbPrefix === 'watch' ? 'watch' : 'list') : verbPrefix === 'watch' ? 'watch' : 'get';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name === undefined ? 'deletecollection' : 'delete';
      break;
    default:
      verb = method.toLowerCase();
  }
  if (verbPrefix === 'proxy') verb = 'proxy';
  // A watch of one named object (legacy /watch/.../name) becomes a filtered watch.
  return { type: 'resource', verb, group, version, namespace, resource, name, subresource, extra: parts.length > 3 };
}
