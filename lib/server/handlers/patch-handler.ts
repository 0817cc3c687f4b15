// PATCH: JSON patch, merge patch, strategic merge patch (built-ins) and server-side apply.
import { failureStatus, isApiError } from '../../core/index.js';
import { isApplyConflictError } from '../apply/apply-conflict-error.js';
import { serverSideApply } from '../apply/server-side-apply.js';
import { badRequest, conflict, entityTooLarge, statusError, unsupportedMediaType } from '../errors/status-errors.js';
import { readBody } from '../http/read-body.js';
import { decodeApplyBody } from '../input/decode-apply-body.js';
import { decodePatchBody } from '../input/decode-patch-body.js';
import { writeObject } from '../http/respond.js';
import { createObject } from '../objects/create-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { mergeSchemaOf } from '../objects/merge-schema-of.js';
import { hasStatusSubresource } from '../objects/prepare-object.js';
import { updateObject } from '../objects/update-object.js';
import { isPatchError } from '../patch/patch-error.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/merge-patch.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js';
import { goFormat, unstructuredConversionError } from '../patch/unstructured-conversion.js';
import { fieldInvalid } from '../errors/field-error.js';
import { invalid } from '../errors/status-errors.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import { formatTime } from '../server-context.js';
import { readObject } from './read-handlers.js';
import type { ResourceCall } from './resource-call.js';
import { applyScale, scaleOf } from './scale-handlers.js';
import { parseWriteOptions, type ParsedWriteOptions } from './write-options.js';

type Json = Record<string, unknown>;

/** The patch media types kube-apiserver accepts. */
export type PatchMediaType =
  | 'application/json-patch+json'
  | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json'
  | 'application/apply-patch+yaml';

/** The patch media types a kind accepts, in kube-apiserver's order (strategic merge patch for built-ins only). */
export function patchMediaTypes(kind: ResourceKind): PatchMediaType[] {
  const types: PatchMediaType[] = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
  if (kind.custom === undefined) types.push('application/strategic-merge-patch+json');
  return types;
}

/** Turns a patch algorithm's failure into kube-apiserver's answer (400, 422 generic, 413). */
function patchFailure(error: unknown): unknown {
  if (!isPatchError(error)) return error;
  switch (error.reason) {
    case 'MalformedPatch':
      return badRequest(error.message);
    case 'PatchFailed':
      return statusError(failureStatus(422, 'Invalid', 'the server rejected our request due to an error in our request', {}));
    case 'TooManyOperations':
      return entityTooLarge(error.message.replace(/^Request entity too large: /, ''));
  }
}

function applyPatch(type: PatchMediaType, target: Json, body: Buffer, kind: { group: string; version: string; kind: string }): Json {
  try {
    let result: unknown;
    switch (type) {
      case 'application/json-patch+json':
        result = applyJsonPatch(target, decodePatchBody(body, 'json'));
        break;
      case 'application/merge-patch+json':
        result = applyMergePatch(target, decodePatchBody(body, 'merge'));
        break;
      case 'application/strategic-merge-patch+json': {
        const patch = decodePatchBody(body, 'strategic');
        result = applyStrategicMergePatch(target, patch, kind);
        // kube-apiserver converts the merged map to the typed object (FromUnstructured), and answers
        // its error against the patch: ` "" is invalid: patch: Invalid value: "map[data:x]": cannot restore map from string`.
        const problem = typeof result === 'object' && result !== null && !Array.isArray(result) ? unstructuredConversionError(kind, result as Json) : undefined;
        if (problem !== undefined) throw invalid({ group: '', kind: '' }, '', [fieldInvalid('patch', goFormat(patch), problem)]);
        break;
      }
      case 'application/apply-patch+yaml':
        throw new Error('apply patches are not applied here');
    }
    if (typeof result !== 'object' || result === null || Array.isArray(result)) throw badRequest('the patched object is not a JSON object');
    return result as Json;
  } catch (error) {
    throw patchFailure(error);
  }
}

/** apimachinery's `GroupVersionKind.String()` of an apiVersion and kind: `apps/v1, Kind=Deployment`, `/v1, Kind=`. */
function gvkString(apiVersion: unknown, kind: unknown): string {
  const version = typeof apiVersion === 'string' ? apiVersion : '';
  const parts = version.split('/');
  const [group, ver] = parts.length === 1 ? ['', parts[0] ?? ''] : parts.length === 2 ? parts : ['', ''];
  return `${group ?? ''}/${ver ?? ''}, Kind=${typeof kind === 'string' ? kind : ''}`;
}

/** The applied configuration of a body, checked to be of the endpoint's kind (as the field manager checks it). */
function appliedObject(body: Buffer, kind: { readonly apiVersion: string; readonly kind: string }): Json {
  const applied = decodeApplyBody(body);
  if (applied['apiVersion'] !== kind.apiVersion || applied['kind'] !== kind.kind) {
    throw badRequest(`invalid object type: ${gvkString(applied['apiVersion'], applied['kind'])}`);
  }
  const meta = (applied['metadata'] ?? {}) as Json;
  if (meta['managedFields'] !== undefined && meta['managedFields'] !== null) throw badRequest('metadata.managedFields must be nil');
  return applied;
}

/** What the applier may touch: the main resource never takes `status` when a status subresource exists; `/status` only takes it. */
function scopeApplied(kind: ResourceKind, applied: Json, subresource: 'status' | undefined): Json {
  if (subresource === 'status') {
    const { apiVersion, kind: k, metadata, status } = applied;
    return { apiVersion, kind: k, metadata, ...(status === undefined ? {} : { status }) };
  }
  if (!hasStatusSubresource(kind)) return applied;
  const { status: _status, ...rest } = applied;
  return rest;
}

function serverApply(call: ResourceCall, name: string, body: Buffer, options: ParsedWriteOptions, subresource: 'status' | undefined): { object: Json; code: 200 | 201 } {
  const { kind, ctx } = call;
  const applied = scopeApplied(kind, appliedObject(body, kind), subresource);
  const appliedMeta = (applied['metadata'] ?? {}) as Json;
  if (appliedMeta['name'] !== undefined && appliedMeta['name'] !== name) {
    throw badRequest(`the name of the object (${String(appliedMeta['name'])}) does not match the name on the URL (${name})`);
  }
  let live: Json | undefined;
  try {
    live = readObject(call, name) as Json;
  } catch (error) {
    // Only a missing object is created by apply; a refused name stays refused.
    if (subresource !== undefined || !(isApiError(error) && error.isNotFound())) throw error;
    live = undefined;
  }
  const time = formatTime(ctx.now());
  let merged: Json;
  try {
    merged = serverSideApply({
      live,
      applied: { ...applied, metadata: { ...appliedMeta, name } },
      manager: options.fieldManager,
      force: options.force,
      apiVersion: kind.apiVersion,
      time,
      schema: mergeSchemaOf(kind),
    }) as Json;
  } catch (error) {
    if (isApplyConflictError(error)) {
      throw statusError(failureStatus(409, 'Conflict', error.message, { causes: error.causes }));
    }
    throw error;
  }
  const writeOptions = { ...options, managedFieldsSet: true };
  if (live === undefined) {
    const uid = appliedMeta['uid'];
    if (typeof uid === 'string' && uid !== '') {
      throw conflict({ group: kind.group, resource: kind.plural }, name, `uid mismatch: the provided object specified uid ${uid}, and no existing object was found`);
    }
    return createObject(ctx, kind, call.namespace, decodeObject(kind, merged), writeOptions);
  }
  return updateObject(ctx, { kind, namespace: call.namespace, name, subresource, fromPatch: true }, decodeObject(kind, merged), writeOptions);
}

/**
 * PATCH of an object, its `status` or its `scale` (apiserver-semantics §9): the media type
 * picks the patch kind (`; charset=` ignored; strategic merge patch only for built-ins, else
 * 415); the patch applies to the latest object and the result goes through the update
 * pipeline (a `metadata.resourceVersion` in the result is a precondition); server-side apply
 * creates missing objects (201) and answers conflicts with 409 and one cause per field.
 *
 * @throws {ApiError} 400 for malformed patches, 404, 409, 413, 415, 422.
 */
export async function handlePatch(call: ResourceCall, name: string, subresource: 'status' | 'scale' | undefined): Promise<void> {
  const { kind, ctx } = call;
  const header = call.req.headers['content-type'] ?? '';
  const mediaType = (header.split(';')[0] ?? '').trim().toLowerCase() as PatchMediaType;
  const accepted = patchMediaTypes(kind);
  if (!accepted.includes(mediaType)) {
    call.req.resume();
    throw unsupportedMediaType(accepted);
  }
  const isApply = mediaType === 'application/apply-patch+yaml';
  const body = await readBody(call.req, call.settings.maxBodyBytes);
  const options = parseWriteOptions(call, 'PatchOptions', isApply);
  let result: { object: Json; code: 200 | 201 };
  if (subresource === 'scale') {
    const current = readObject(call, name) as Json;
    const scale = scaleOf(kind, current);
    const patched = isApply ? applyScaleConfiguration(scale, body) : applyPatch(mediaType, scale, body, SCALE_GVK);
    result = { object: applyScale(ctx, call, name, patched, options), code: 200 };
  } else if (isApply) {
    result = serverApply(call, name, body, options, subresource);
  } else {
    const current = readObject(call, name) as Json;
    const patched = applyPatch(mediaType, current, body, kind);
    result = updateObject(ctx, { kind, namespace: call.namespace, name, subresource, fromPatch: true }, decodeObject(kind, patched), options);
  }
  writeObject(call.res, result.code, result.object, call.encoding, { warnings: [...call.warnings, ...options.warnings] });
}

const SCALE_GVK = { group: 'autoscaling', version: 'v1', kind: 'Scale', apiVersion: 'autoscaling/v1' };

/** An applied Scale configuration: its `spec.replicas` replaces the current one. */
function applyScaleConfiguration(scale: Json, body: Buffer): Json {
  const applied = appliedObject(body, SCALE_GVK);
  const replicas = ((applied['spec'] ?? {}) as Json)['replicas'];
  return replicas === undefined ? scale : { ...scale, spec: { replicas } };
}
