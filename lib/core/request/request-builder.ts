// Builds every API request for one resource collection as plain data (kube-core's Request).
import { RequestBuildError } from '../errors/request-build-error.js';
import type { KubeObject } from '../object.js';
import { resolveAttachParams, validateAttachParams, validatePorts, type AttachParams } from '../params/attach-params.js';
import { deleteOptionsBody, validateDeleteParams, type DeleteParams } from '../params/delete-params.js';
import type { EvictParams } from '../params/evict-params.js';
import type { GetParams } from '../params/get-params.js';
import { validateListParams, type ListParams } from '../params/list-params.js';
import { formatSinceTime, validateLogParams, type LogParams } from '../params/log-params.js';
import { validatePatchParams, type PatchParams } from '../params/patch-params.js';
import { validatePostParams, type PostParams } from '../params/post-params.js';
import { DEFAULT_WATCH_TIMEOUT_SECONDS, validateWatchParams, type WatchParams } from '../params/watch-params.js';
import { patchContentType, serializePatch, type Patch } from '../patch.js';
import type { ResourceType, SubresourceName } from '../resource-type.js';
import { formatFieldSelector } from '../selectors/field-selector.js';
import { formatLabelSelector } from '../selectors/label-selector.js';
import type { HttpMethod, HttpRequest } from './http-request.js';

const JSON_TYPE = 'application/json';
/** `Accept` for one object reduced to its metadata. */
export const METADATA_ACCEPT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';
/** `Accept` for a list reduced to metadata. */
export const METADATA_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

type Query = [string, string][];

/**
 * Builds the HTTP requests for one resource in one namespace (or across all of them), with
 * no I/O: every method returns an {@link HttpRequest} or throws a {@link RequestBuildError}
 * that names the bad input, so a request that the server would refuse is never sent.
 *
 * URLs are canonical (see `requestUrl`): names are percent-encoded in the path, and
 * parameters that mean "unset" on the server (`''` resourceVersion, continue token, field
 * manager or selector; `limit: 0`) are left out of the query. Content types are exact per
 * patch kind, and `DeleteOptions` travel in the body.
 *
 * ## Example
 * ```ts
 * const requests = new RequestBuilder(Deployment, 'default');
 * requests.patch('web', Patch.apply(obj), { fieldManager: 'me' });
 * // { method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web',
 * //   query: [['fieldManager', 'me']], headers: { accept: 'application/json',
 * //   'content-type': 'application/apply-patch+yaml' }, body: '{...}' }
 * ```
 */
export class RequestBuilder {
  readonly resource: ResourceType;
  /** The namespace of every request, or `undefined` for cluster scope / all namespaces. */
  readonly namespace: string | undefined;

  /**
   * @throws {RequestBuildError} `InvalidNamespace` when a namespace is given for a
   *   cluster-scoped resource, or is not a DNS label.
   */
  constructor(resource: ResourceType, namespace?: string) {
    if (namespace !== undefined) {
      if (!resource.namespaced) {
        throw new RequestBuildError('InvalidNamespace', 'namespace', `${resource.plural} are cluster-scoped and cannot be addressed in namespace ${JSON.stringify(namespace)}`);
      }
      checkNamespace(namespace);
    }
    this.resource = resource;
    this.namespace = namespace;
  }

  /** `/api/v1/namespaces/{ns}/pods`, `/apis/apps/v1/deployments`, ... */
  collectionPath(namespace = this.namespace): string {
    const { group, version, plural } = this.resource;
    const root = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
    return namespace === undefined ? `${root}/${plural}` : `${root}/namespaces/${namespace}/${plural}`;
  }

  /** `GET {collection}/{name}`. */
  get(name: string, params: GetParams = {}): HttpRequest {
    return this.#request('GET', this.#itemPath(name, 'get'), getQuery(params), { accept: JSON_TYPE });
  }

  /** Like {@link get}, asking for `PartialObjectMetadata`. */
  getMetadata(name: string, params: GetParams = {}): HttpRequest {
    return this.#request('GET', this.#itemPath(name, 'get'), getQuery(params), { accept: METADATA_ACCEPT });
  }

  /** `GET {collection}` with selectors, paging and resourceVersion semantics. */
  list(params: ListParams = {}): HttpRequest {
    return this.#request('GET', this.collectionPath(), listQuery(params), { accept: JSON_TYPE });
  }

  /** Like {@link list}, asking for `PartialObjectMetadataList`. */
  listMetadata(params: ListParams = {}): HttpRequest {
    return this.#request('GET', this.collectionPath(), listQuery(params), { accept: METADATA_LIST_ACCEPT });
  }

  /**
   * `GET {collection}?watch=true&...&resourceVersion={rv}`: bookmarks on and
   * `timeoutSeconds=290` unless the params say otherwise.
   */
  watch(params: WatchParams = {}, resourceVersion?: string): HttpRequest {
    return this.#request('GET', this.collectionPath(), watchQuery(params, resourceVersion), { accept: JSON_TYPE });
  }

  /** Like {@link watch}, with objects reduced to `PartialObjectMetadata`. */
  watchMetadata(params: WatchParams = {}, resourceVersion?: string): HttpRequest {
    return this.#request('GET', this.collectionPath(), watchQuery(params, resourceVersion), { accept: METADATA_ACCEPT });
  }

  /**
   * `POST {collection}`. With no namespace on a namespaced resource, the object's own
   * `metadata.namespace` chooses the collection.
   *
   * @throws {RequestBuildError} `InvalidBody` when the object's namespace contradicts the
   *   builder's, or none is known; `InvalidParams` for bad post params.
   */
  create(object: KubeObject, params: PostParams = {}): HttpRequest {
    validatePostParams(params);
    const bodyNamespace = checkBody(object).metadata?.namespace;
    let namespace = this.namespace;
    if (this.resource.namespaced) {
      if (namespace === undefined) {
        if (bodyNamespace === undefined || bodyNamespace === '') {
          throw new RequestBuildError('InvalidNamespace', 'metadata.namespace', `${this.resource.plural} are namespaced: give the object a namespace or use a namespaced Api`);
        }
        checkNamespace(bodyNamespace);
        namespace = bodyNamespace;
      } else if (bodyNamespace !== undefined && bodyNamespace !== '' && bodyNamespace !== namespace) {
        throw new RequestBuildError('InvalidBody', 'metadata.namespace', `${JSON.stringify(bodyNamespace)} does not match the request namespace ${JSON.stringify(namespace)}`);
      }
    }
    return this.#request('POST', this.collectionPath(namespace), postQuery(params), jsonBodyHeaders(), JSON.stringify(object));
  }

  /**
   * `PUT {collection}/{name}`: replaces the whole object; `metadata.resourceVersion` in the
   * body makes it conditional (409 Conflict if stale).
   *
   * @throws {RequestBuildError} `InvalidBody` when `metadata.name` is missing or is not `name`,
   *   or `metadata.namespace` contradicts the builder's (the server answers 400 to both).
   */
  replace(name: string, object: KubeObject, params: PostParams = {}): HttpRequest {
    validatePostParams(params);
    this.#checkBodyIdentity(name, object);
    return this.#request('PUT', this.#itemPath(name, 'replace'), postQuery(params), jsonBodyHeaders(), JSON.stringify(object));
  }

  /** `PATCH {collection}/{name}` with the content type of the patch kind. */
  patch(name: string, patch: Patch, params: PatchParams = {}): HttpRequest {
    return this.#patch(this.#itemPath(name, 'patch'), patch, params, JSON_TYPE);
  }

  /** Like {@link patch}, answered with `PartialObjectMetadata`. */
  patchMetadata(name: string, patch: Patch, params: PatchParams = {}): HttpRequest {
    return this.#patch(this.#itemPath(name, 'patch'), patch, params, METADATA_ACCEPT);
  }

  /** `DELETE {collection}/{name}` with a `DeleteOptions` body. */
  delete(name: string, params: DeleteParams = {}): HttpRequest {
    validateDeleteParams(params);
    return this.#request('DELETE', this.#itemPath(name, 'delete'), [], jsonBodyHeaders(), JSON.stringify(deleteOptionsBody(params)));
  }

  /**
   * `DELETE {collection}` selecting with the list params' selectors (and their other list
   * options), with a `DeleteOptions` body when any delete param is set.
   */
  deleteCollection(params: DeleteParams = {}, listParams: ListParams = {}): HttpRequest {
    validateDeleteParams(params);
    const body = deleteOptionsBody(params);
    const hasBody = Object.keys(body).length > 0;
    return this.#request(
      'DELETE',
      this.collectionPath(),
      listQuery(listParams),
      hasBody ? jsonBodyHeaders() : { accept: JSON_TYPE },
      hasBody ? JSON.stringify(body) : undefined,
    );
  }

  /** `GET {collection}/{name}/{subresource}` (status, scale, ephemeralcontainers, ...). */
  getSubresource(subresource: SubresourceName, name: string): HttpRequest {
    return this.#request('GET', this.#subresourcePath(name, subresource), [], { accept: JSON_TYPE });
  }

  /** `POST {collection}/{name}/{subresource}` (token, binding, eviction, ...). */
  createSubresource(subresource: SubresourceName, name: string, body: unknown, params: PostParams = {}): HttpRequest {
    validatePostParams(params);
    const path = this.#subresourcePath(name, subresource);
    return this.#request('POST', path, postQuery(params), jsonBodyHeaders(), JSON.stringify(checkBody(body)));
  }

  /** `PUT {collection}/{name}/{subresource}`. */
  replaceSubresource(subresource: SubresourceName, name: string, body: unknown, params: PostParams = {}): HttpRequest {
    validatePostParams(params);
    const path = this.#subresourcePath(name, subresource);
    return this.#request('PUT', path, postQuery(params), jsonBodyHeaders(), JSON.stringify(checkBody(body)));
  }

  /** `PATCH {collection}/{name}/{subresource}`. */
  patchSubresource(subresource: SubresourceName, name: string, patch: Patch, params: PatchParams = {}): HttpRequest {
    return this.#patch(this.#subresourcePath(name, subresource), patch, params, JSON_TYPE);
  }

  /** `GET {pod}/log?...`: the answer is text, streamed with `follow`. */
  logs(name: string, params: LogParams = {}): HttpRequest {
    validateLogParams(params);
    const query: Query = [];
    if (params.container !== undefined) query.push(['container', params.container]);
    if (params.follow === true) query.push(['follow', 'true']);
    if (params.limitBytes !== undefined) query.push(['limitBytes', String(params.limitBytes)]);
    if (params.pretty === true) query.push(['pretty', 'true']);
    if (params.previous === true) query.push(['previous', 'true']);
    if (params.sinceSeconds !== undefined) query.push(['sinceSeconds', String(params.sinceSeconds)]);
    if (params.sinceTime !== undefined) query.push(['sinceTime', formatSinceTime(params.sinceTime)]);
    if (params.tailLines !== undefined) query.push(['tailLines', String(params.tailLines)]);
    if (params.timestamps === true) query.push(['timestamps', 'true']);
    return this.#request('GET', this.#subresourcePath(name, 'log'), query, {});
  }

  /** `POST {pod}/eviction` with a `policy/v1 Eviction` body carrying `deleteOptions`. */
  evict(name: string, params: EvictParams = {}): HttpRequest {
    const post = params.postParams ?? {};
    validatePostParams(post, 'EvictParams.postParams');
    if (params.deleteOptions !== undefined) validateDeleteParams(params.deleteOptions);
    const body = {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name, ...(this.namespace === undefined ? {} : { namespace: this.namespace }) },
      ...(params.deleteOptions === undefined ? {} : { deleteOptions: deleteOptionsBody(params.deleteOptions) }),
    };
    return this.#request('POST', this.#subresourcePath(name, 'eviction'), postQuery(post), jsonBodyHeaders(), JSON.stringify(body));
  }

  /** `POST {pod}/binding`: bind a pod to a node (what a scheduler does). */
  binding(name: string, nodeName: string, params: PostParams = {}): HttpRequest {
    validatePostParams(params);
    const body = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name, ...(this.namespace === undefined ? {} : { namespace: this.namespace }) },
      target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
    };
    return this.#request('POST', this.#subresourcePath(name, 'binding'), postQuery(params), jsonBodyHeaders(), JSON.stringify(body));
  }

  /** `GET {pod}/exec?command=...&stdout=true...`, to be upgraded to a WebSocket. */
  exec(name: string, command: readonly string[], params: AttachParams = {}): HttpRequest {
    if (command.length === 0) throw new RequestBuildError('InvalidParams', 'command', 'must not be empty');
    validateAttachParams(params);
    const query: Query = command.map((part) => ['command', part]);
    return this.#request('GET', this.#subresourcePath(name, 'exec'), [...query, ...attachQuery(params)], {});
  }

  /** `GET {pod}/attach?stdout=true...`, to be upgraded to a WebSocket. */
  attach(name: string, params: AttachParams = {}): HttpRequest {
    validateAttachParams(params);
    return this.#request('GET', this.#subresourcePath(name, 'attach'), attachQuery(params), {});
  }

  /** `GET {pod}/portforward?ports=80,443`, to be upgraded to a WebSocket. */
  portforward(name: string, ports: readonly number[]): HttpRequest {
    validatePorts(ports);
    return this.#request('GET', this.#subresourcePath(name, 'portforward'), [['ports', ports.join(',')]], {});
  }

  #patch(path: string, patch: Patch, params: PatchParams, accept: string): HttpRequest {
    validatePatchParams(params, patch.type);
    const body = serializePatch(patch);
    const query: Query = [];
    if (params.dryRun === true) query.push(['dryRun', 'All']);
    if (params.force === true) query.push(['force', 'true']);
    if (params.fieldManager !== undefined && params.fieldManager !== '') query.push(['fieldManager', params.fieldManager]);
    if (params.fieldValidation !== undefined) query.push(['fieldValidation', params.fieldValidation]);
    return this.#request('PATCH', path, query, { accept, 'content-type': patchContentType(patch) }, body);
  }

  #itemPath(name: string, verb: string): string {
    checkName(name);
    if (this.resource.namespaced && this.namespace === undefined) {
      throw new RequestBuildError('InvalidNamespace', 'namespace', `${this.resource.plural} are namespaced: ${verb} needs a namespace (use a namespaced Api)`);
    }
    return `${this.collectionPath()}/${encodePathSegment(name)}`;
  }

  #subresourcePath(name: string, subresource: SubresourceName): string {
    if (!this.resource.subresources.includes(subresource)) {
      throw new RequestBuildError('UnsupportedSubresource', 'subresource', `${this.resource.plural} have no ${subresource} subresource`);
    }
    return `${this.#itemPath(name, subresource)}/${subresource}`;
  }

  #checkBodyIdentity(name: string, object: KubeObject): void {
    const meta = checkBody(object).metadata;
    if (meta?.name !== name) {
      const given = meta?.name === undefined ? 'is missing' : `${JSON.stringify(meta.name)} does not match`;
      throw new RequestBuildError('InvalidBody', 'metadata.name', `${given}: it must be the name in the request, ${JSON.stringify(name)}`);
    }
    if (meta?.namespace !== undefined && this.namespace !== undefined && meta.namespace !== this.namespace) {
      throw new RequestBuildError('InvalidBody', 'metadata.namespace', `${JSON.stringify(meta.namespace)} does not match the request namespace ${JSON.stringify(this.namespace)}`);
    }
  }

  #request(method: HttpMethod, path: string, query: Query, headers: Record<string, string>, body?: string): HttpRequest {
    return body === undefined ? { method, path, query, headers } : { method, path, query, headers, body };
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || /[/%]/.test(name)) {
    throw new RequestBuildError('InvalidName', 'name', `${JSON.stringify(name)} is not a valid object name: it must be non-empty and contain no "/" or "%"`);
  }
}

/**
 * Percent-encodes an object name for a path segment. Names never hold `/` or `%` (checked
 * before), but some kinds allow spaces, `?` or `#`; `:` and `@` stay as they are, as in
 * client-go's URLs (`clusterroles/system:controller:job-controller`).
 */
function encodePathSegment(name: string): string {
  return encodeURIComponent(name).replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

function checkNamespace(namespace: string): void {
  if (!DNS_LABEL.test(namespace)) {
    throw new RequestBuildError('InvalidNamespace', 'namespace', `${JSON.stringify(namespace)} is not a valid namespace: it must be a lowercase DNS label of at most 63 characters`);
  }
}

function checkBody(body: unknown): KubeObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestBuildError('InvalidBody', 'body', 'must be a JSON object');
  }
  return body as KubeObject;
}

function jsonBodyHeaders(): Record<string, string> {
  return { accept: JSON_TYPE, 'content-type': JSON_TYPE };
}

function getQuery(params: GetParams): Query {
  return params.resourceVersion === undefined || params.resourceVersion === '' ? [] : [['resourceVersion', params.resourceVersion]];
}

function selectorQuery(params: Pick<ListParams, 'labelSelector' | 'fieldSelector'>, query: Query): void {
  if (params.labelSelector !== undefined) {
    const text = formatLabelSelector(params.labelSelector);
    if (text !== '') query.push(['labelSelector', text]);
  }
  if (params.fieldSelector !== undefined) {
    const text = formatFieldSelector(params.fieldSelector);
    if (text !== '') query.push(['fieldSelector', text]);
  }
}

function listQuery(params: ListParams): Query {
  validateListParams(params);
  const query: Query = [];
  selectorQuery(params, query);
  if (params.timeoutSeconds !== undefined) query.push(['timeoutSeconds', String(params.timeoutSeconds)]);
  if (params.limit !== undefined && params.limit !== 0) query.push(['limit', String(params.limit)]);
  if (params.continueToken !== undefined && params.continueToken !== '') query.push(['continue', params.continueToken]);
  if (params.resourceVersion !== undefined && params.resourceVersion !== '') query.push(['resourceVersion', params.resourceVersion]);
  if (params.resourceVersionMatch !== undefined) query.push(['resourceVersionMatch', params.resourceVersionMatch]);
  return query;
}

function watchQuery(params: WatchParams, resourceVersion: string | undefined): Query {
  validateWatchParams(params);
  const query: Query = [['watch', 'true']];
  query.push(['timeoutSeconds', String(params.timeoutSeconds ?? DEFAULT_WATCH_TIMEOUT_SECONDS)]);
  selectorQuery(params, query);
  if (params.allowWatchBookmarks !== false) query.push(['allowWatchBookmarks', 'true']);
  if (params.sendInitialEvents === true) {
    query.push(['sendInitialEvents', 'true'], ['resourceVersionMatch', 'NotOlderThan']);
  }
  if (resourceVersion !== undefined && resourceVersion !== '') query.push(['resourceVersion', resourceVersion]);
  return query;
}

function postQuery(params: PostParams): Query {
  const query: Query = [];
  if (params.dryRun === true) query.push(['dryRun', 'All']);
  if (params.fieldManager !== undefined && params.fieldManager !== '') query.push(['fieldManager', params.fieldManager]);
  if (params.fieldValidation !== undefined) query.push(['fieldValidation', params.fieldValidation]);
  return query;
}

function attachQuery(params: AttachParams): Query {
  const { stdin, stdout, stderr, tty } = resolveAttachParams(params);
  const query: Query = [];
  if (params.container !== undefined) query.push(['container', params.container]);
  if (stdin) query.push(['stdin', 'true']);
  if (stdout) query.push(['stdout', 'true']);
  if (stderr) query.push(['stderr', 'true']);
  if (tty) query.push(['tty', 'true']);
  return query;
}
