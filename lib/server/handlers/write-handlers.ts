// POST, PUT, DELETE and DELETE-collection of resources.
import { contentTypeOf, decodeBody, readBody } from '../http/read-body.js';
import { writeObject } from '../http/respond.js';
import { parseListOptions } from '../http/list-options.js';
import { createObject } from '../objects/create-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { deleteObject } from '../objects/delete-object.js';
import { listObjects } from '../objects/list-objects.js';
import { updateObject } from '../objects/update-object.js';
import { isApiError, type Status } from '../../core/index.js';
import type { StoredObject } from '../store/store-event.js';
import type { TypeMeta } from '../protobuf/protobuf-object.js';
import { parseDeleteOptions, type DeleteOptions } from './delete-options.js';
import type { ResourceCall } from './resource-call.js';
import { parseWriteOptions } from './write-options.js';

type Json = Record<string, unknown>;

/**
 * Reads and decodes the JSON, YAML or protobuf body of a call: an object of the endpoint's kind,
 * or of `expected` (e.g. autoscaling/v1 Scale); `null` for a `null` body. Custom resources take
 * JSON and YAML only, and must name their kind.
 *
 * @throws {ApiError} 400, 413 or 415.
 */
export async function readObjectBody(call: ResourceCall, expected?: TypeMeta): Promise<Record<string, unknown> | null> {
  const body = await readBody(call.req, call.settings.maxBodyBytes);
  return decodeBody(body, contentTypeOf(call.req), expected ?? (call.kind.custom === undefined ? call.kind : undefined), call.kind.kind);
}

/** POST: creates an object in the collection; 201 with the stored object. */
export async function handleCreate(call: ResourceCall): Promise<void> {
  const body = await readObjectBody(call);
  const options = parseWriteOptions(call, 'CreateOptions');
  const input = decodeObject(call.kind, body);
  const result = createObject(call.ctx, call.kind, call.namespace, input, options);
  writeObject(call.res, result.code, result.object, call.encoding, { warnings: [...call.warnings, ...options.warnings] });
}

/** PUT: replaces an object (or its status); 200, or 201 when create-on-update created it. */
export async function handleUpdate(call: ResourceCall, name: string, subresource: 'status' | undefined): Promise<void> {
  const body = await readObjectBody(call);
  const options = parseWriteOptions(call, 'UpdateOptions');
  const input = decodeObject(call.kind, body);
  const result = updateObject(call.ctx, { kind: call.kind, namespace: call.namespace, name, subresource }, input, options);
  writeObject(call.res, result.code, result.object, call.encoding, { warnings: [...call.warnings, ...options.warnings] });
}

/** The Success Status of a delete that removed an object (for kinds that do not return it). */
export function deletedStatus(call: ResourceCall, object: Json): Status {
  const meta = (object['metadata'] ?? {}) as Json;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: {
      name: String(meta['name'] ?? ''),
      ...(call.kind.group === '' ? {} : { group: call.kind.group }),
      kind: call.kind.plural,
      uid: String(meta['uid'] ?? ''),
    },
  };
}

function deleteOne(call: ResourceCall, name: string, options: DeleteOptions): { object: Json; removed: boolean } {
  return deleteObject(call.ctx, {
    kind: call.kind,
    namespace: call.namespace,
    name,
    dryRun: options.dryRun,
    gracePeriodSeconds: options.gracePeriodSeconds,
    propagationPolicy: options.propagationPolicy,
    orphanDependents: options.orphanDependents,
    preconditions: options.preconditions,
  });
}

/**
 * DELETE of one object: removed now (Success Status, or the object for kinds that return
 * it), or left terminating with finalizers or a grace period (200 with the object).
 */
export async function handleDelete(call: ResourceCall, name: string): Promise<void> {
  const body = await readBody(call.req, call.settings.maxBodyBytes);
  const options = parseDeleteOptions(body, call.query, contentTypeOf(call.req));
  warnOfOrphanedPods(call, options);
  const result = deleteOne(call, name, options);
  const answer = result.removed && !call.kind.rules.returnDeletedObject ? deletedStatus(call, result.object) : result.object;
  writeObject(call.res, 200, answer, call.encoding, { warnings: call.warnings });
}

/** The job storage's warning for a delete that orphans the pods without saying so (also when it then fails). */
function warnOfOrphanedPods(call: ResourceCall, options: { readonly propagationPolicy?: string | undefined; readonly orphanDependents?: boolean | undefined }): void {
  if (call.kind.group !== 'batch' || call.kind.kind !== 'Job' || !call.kind.rules.orphanByDefault) return;
  if (options.propagationPolicy !== undefined || options.orphanDependents !== undefined) return;
  call.warnings.push('child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning');
}

/**
 * DELETE of a collection: deletes every object the label/field selectors match (with the
 * same DeleteOptions) and answers the list of what was deleted.
 */
export async function handleDeleteCollection(call: ResourceCall): Promise<void> {
  const body = await readBody(call.req, call.settings.maxBodyBytes);
  const options = parseDeleteOptions(body, call.query, contentTypeOf(call.req));
  warnOfOrphanedPods(call, options);
  const listOptions = parseListOptions(call.query, call.kind);
  const page = await listObjects(call.ctx, call.kind, call.namespace, { ...listOptions, limit: undefined, continueToken: undefined }, call.settings.resourceVersionBlockMs);
  const items: Json[] = [];
  for (const item of page.items as StoredObject[]) {
    try {
      const namespace = item.metadata.namespace;
      const result = deleteObject(call.ctx, {
        kind: call.kind,
        namespace: namespace === undefined || namespace === '' ? call.namespace : namespace,
        name: item.metadata.name ?? '',
        dryRun: options.dryRun,
        gracePeriodSeconds: options.gracePeriodSeconds,
        propagationPolicy: options.propagationPolicy,
        orphanDependents: options.orphanDependents,
        preconditions: options.preconditions,
      });
      items.push(result.object);
    } catch (error) {
      if (!(isApiError(error) && error.isNotFound())) throw error;
    }
  }
  const list = { kind: call.kind.listKind, apiVersion: call.kind.apiVersion, metadata: { resourceVersion: String(call.ctx.store.resourceVersion) }, items };
  writeObject(call.res, 200, list, call.encoding, { warnings: call.warnings });
}
