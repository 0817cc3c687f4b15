// Dispatches a resource request to its handler by verb and subresource, after scope checks.
import { badRequest, methodNotAllowed, methodNotRouted, routeNotFound } from '../errors/status-errors.js';
import { negotiateOutput, type OutputFormat } from '../http/negotiate.js';
import { writeNotFoundPage } from '../http/respond.js';
import { handlePatch } from './patch-handler.js';
import { handleGet, handleList } from './read-handlers.js';
import type { ResourceCall } from './resource-call.js';
import { handleGetScale, handleUpdateScale } from './scale-handlers.js';
import { handleWatch } from './watch-handler.js';
import { handleCreate, handleDelete, handleDeleteCollection, handleUpdate } from './write-handlers.js';

/** What a request brings to the router: a {@link ResourceCall} before its kind and namespace are resolved. */
export interface RouteInput extends Omit<ResourceCall, 'kind' | 'namespace' | 'encoding' | 'output'> {
  readonly pretty: boolean;
}

/** Subresources that answer streams, upgrades or proxied bytes rather than objects: no content negotiation. */
const UNNEGOTIATED: ReadonlySet<string> = new Set(['log', 'exec', 'attach', 'portforward', 'proxy']);

const PLAIN_JSON: OutputFormat = { media: 'json', as: 'object', pretty: false };

/**
 * Extra handlers, keyed by `subresource:verb` (pods/log, ...) or, for resources that are not
 * stored objects (`bindings`, `componentstatuses`, the reviews), `group/plural:verb`.
 */
export type SubresourceHandler = (call: ResourceCall, name: string | undefined) => Promise<void> | void;

/**
 * Routes one resource request. Unknown group/version/resource, a namespace on a
 * cluster-scoped resource (or none on a named namespaced one) and unknown subresources
 * answer 404 as kube-apiserver does: a JSON Status (`the server could not find the requested
 * resource`) under built-in groups, whose routes are go-restful's, and the mux's plain-text
 * `404 page not found` elsewhere (unknown groups, custom resources).
 *
 * Names are taken from the raw path segments: `..`, `.` and names with `%` never address
 * anything but are refused when the object is looked up (see `requestKey`).
 *
 * The Accept header is negotiated here, once (kube-apiserver does it before reading a body):
 * JSON, YAML or protobuf (built-in kinds only; a watch not YAML), objects, metadata or Tables.
 *
 * @throws {ApiError} 405 MethodNotAllowed for a verb the resource or subresource does not
 * serve; 406 NotAcceptable for an Accept header nothing matches; whatever the handler throws.
 */
export async function routeResource(input: RouteInput, extra: ReadonlyMap<string, SubresourceHandler>): Promise<void> {
  const { pretty, ...request } = input;
  const { info, ctx } = request;
  const kind = ctx.registry.find(info.group, info.version, info.resource);
  // Built-in groups are go-restful route tables, which answer a path they lack with a JSON
  // 404; other paths (unknown groups, custom resources) fall through to the mux's text page.
  const notFound = (): void => {
    const builtinGroup = info.group === '' || ctx.registry.all().some((k) => k.custom === undefined && k.group === info.group);
    if (builtinGroup && kind?.custom === undefined) throw routeNotFound();
    writeNotFoundPage(input.res);
  };
  if (kind === undefined || info.extra) return notFound();
  // The routes of resources that are not stored objects live in their group version's route
  // table, which answers a path it lacks with a JSON 404 (the mux's text page is for the rest).
  if (!kind.stored && kind.namespaced !== (info.namespace !== undefined)) throw routeNotFound();
  const isNamespaceObject = kind.group === '' && kind.plural === 'namespaces';
  let namespace = info.namespace;
  if (isNamespaceObject) namespace = undefined;
  if (!kind.namespaced && namespace !== undefined) return notFound();
  const collectionVerb = info.verb === 'list' || info.verb === 'watch';
  if (kind.namespaced && namespace === undefined && !(collectionVerb && info.name === undefined)) return notFound();
  // An empty namespace segment (`/namespaces//configmaps`) lists across namespaces, as the
  // real route does; everything else needs a namespace (the registry's key function says so).
  if (namespace === '' && collectionVerb && info.name === undefined) namespace = undefined;
  if (namespace === '' && info.verb === 'deletecollection') throw badRequest('Namespace parameter required.');
  const sub = info.subresource;
  if (sub !== undefined && !kind.subresources.includes(sub as never)) return notFound();
  const output = UNNEGOTIATED.has(sub ?? '')
    ? PLAIN_JSON
    : negotiateOutput(request.req.headers.accept, { protobuf: kind.custom === undefined, stream: info.verb === 'watch' });
  const call: ResourceCall = { ...request, kind, namespace, output, encoding: { pretty: pretty || output.pretty, media: output.media } };
  const name = info.name;
  const gr = { group: kind.group, resource: sub === undefined ? kind.plural : `${kind.plural}/${sub}` };
  // A method a built-in path does not serve is go-restful's 405; custom resources name the verb.
  const notAllowed = (): Error => (kind.custom === undefined ? methodNotRouted() : methodNotAllowed(gr, info.verb));
  if (!kind.stored && sub === undefined) {
    // Only the verbs the resource's REST storage implements are routed, as kube-apiserver's
    // installer registers them: other methods on a registered path are 405, other paths 404.
    const verb = info.verb === 'list' && name !== undefined ? 'get' : info.verb;
    const handler = extra.get(`${kind.group}/${kind.plural}:${verb}`);
    const itemPath = name !== undefined;
    const registered = kind.verbs.includes('get') ? true : !itemPath;
    if (!registered) throw routeNotFound();
    if (handler === undefined || !kind.verbs.includes(verb)) throw methodNotRouted();
    await handler(call, name);
    return;
  }
  const custom = extra.get(sub === undefined ? info.verb : `${sub}:${info.verb}`);
  if (custom !== undefined) {
    await custom(call, name);
    return;
  }
  if (sub === undefined) {
    if (name === undefined && (info.verb === 'update' || info.verb === 'patch')) {
      // The custom resource handler looks for a name; go-restful has no such route.
      throw kind.custom === undefined ? methodNotRouted() : badRequest('name must be provided');
    }
    switch (info.verb) {
      case 'get':
        return handleGet(call, name as string);
      case 'list':
        return handleList(call);
      case 'watch':
        return handleWatch(call, name);
      case 'create':
        if (name !== undefined) throw notAllowed();
        return handleCreate(call);
      case 'update':
        return handleUpdate(call, name as string, undefined);
      case 'patch':
        return handlePatch(call, name as string, undefined);
      case 'delete':
        return handleDelete(call, name as string);
      case 'deletecollection':
        if (!kind.verbs.includes('deletecollection')) throw notAllowed();
        return handleDeleteCollection(call);
      default:
        throw notAllowed();
    }
  }
  if (name === undefined) return notFound();
  switch (`${sub}:${info.verb}`) {
    case 'status:get':
      return handleGet(call, name);
    case 'status:update':
      return handleUpdate(call, name, 'status');
    case 'status:patch':
      return handlePatch(call, name, 'status');
    case 'scale:patch':
      return handlePatch(call, name, 'scale');
    case 'scale:get':
      return handleGetScale(call, name);
    case 'scale:update':
      return handleUpdateScale(call, name);
    default:
      throw notAllowed();
  }
}
