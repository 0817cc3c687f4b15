// GET of one object and of collections: full objects, metadata only, YAML.
import { badRequest, notFound } from '../errors/status-errors.js';
import { parseListOptions } from '../http/list-options.js';
import { writeObject } from '../http/respond.js';
import { fromStorage } from '../objects/convert-object.js';
import { awaitResourceVersion, listObjects } from '../objects/list-objects.js';
import { requestKey } from '../objects/object-key.js';
import { parseResourceVersion } from '../store/resource-version.js';
import type { StoredObject } from '../store/store-event.js';
import { formatFieldError } from '../errors/field-error.js';
import type { ResourceCall } from './resource-call.js';
import { tableOf } from './table-options.js';

type Json = Record<string, unknown>;

/** The stored object a call names, in its served version. @throws {ApiError} 404. */
export function readObject(call: Pick<ResourceCall, 'ctx' | 'kind' | 'namespace'>, name: string): StoredObject {
  const { kind, ctx } = call;
  const stored = ctx.store.get(kind.bucket, requestKey(kind, call.namespace, name));
  if (stored === undefined) throw notFound({ group: kind.group, resource: kind.plural }, name);
  return fromStorage(kind, stored);
}

/** `PartialObjectMetadata` of an object. */
export function partialMetadata(object: StoredObject): Json {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

/** An item of a list as kube-apiserver encodes typed lists: built-in items carry no apiVersion/kind. */
function listItem(call: ResourceCall, object: StoredObject): Json {
  if (call.kind.custom !== undefined) return object;
  const { apiVersion: _apiVersion, kind: _kind, ...rest } = object;
  return rest;
}

/**
 * GET of one object (also of its `status` subresource): `resourceVersion` other than
 * `""`/`"0"` waits until the store has reached it; `Accept` may ask for metadata only.
 *
 * @throws {ApiError} 400, 404, 406 or 504.
 */
export async function handleGet(call: ResourceCall, name: string): Promise<void> {
  const { output } = call;
  const rv = parseResourceVersion(call.query.get('resourceVersion'));
  // kube-apiserver answers a malformed resourceVersion with a 500 carrying this message; it is the request's fault.
  if (!rv.ok) throw badRequest(formatFieldError(rv.error));
  if (rv.value !== undefined && rv.value > 0) await awaitResourceVersion(call.ctx, rv.value, call.settings.resourceVersionBlockMs);
  const object = readObject(call, name);
  const body = output.as === 'metadata' ? partialMetadata(object) : output.as === 'table' ? tableOf(call, [object]) : object;
  writeObject(call.res, 200, body, call.encoding, { warnings: call.warnings });
}

/**
 * GET of a collection: selectors, resourceVersion semantics and pages (see
 * `listObjects`); a `PartialObjectMetadataList` when asked for metadata only.
 *
 * @throws {ApiError} 400, 406, 410, 422 or 504.
 */
export async function handleList(call: ResourceCall): Promise<void> {
  const { output } = call;
  const options = parseListOptions(call.query, call.kind);
  const page = await listObjects(call.ctx, call.kind, call.namespace, options, call.settings.resourceVersionBlockMs);
  const metadata: Json = { resourceVersion: page.resourceVersion };
  if (page.continueToken !== undefined) metadata['continue'] = page.continueToken;
  if (page.remainingItemCount !== undefined) metadata['remainingItemCount'] = page.remainingItemCount;
  let body: unknown;
  switch (output.as) {
    case 'metadata':
      // Go encodes the converted list's nil slice as null when nothing matched, as kube-apiserver answers.
      body = { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: page.items.length === 0 ? null : page.items.map(partialMetadata) };
      break;
    case 'table':
      body = tableOf(call, page.items, { listMeta: metadata });
      break;
    case 'object':
      body = { kind: call.kind.listKind, apiVersion: call.kind.apiVersion, metadata, items: page.items.map((item) => listItem(call, item)) };
      break;
  }
  writeObject(call.res, 200, body, call.encoding, { warnings: call.warnings });
}
