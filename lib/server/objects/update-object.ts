// The update verb: PUT of a whole object (also the last step of every patch), with status subresource rules.
import { badRequest, conflict, invalid, notFound } from '../errors/status-errors.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import { formatTime, type ServerContext, type WriteOptions } from '../server-context.js';
import { recordUpdate } from '../apply/record-update.js';
import { mergeSchemaOf } from './merge-schema-of.js';
import type { StoredObject } from '../store/store-event.js';
import { canonicalObject } from './canonical-object.js';
import { fromStorage, toStorage } from './convert-object.js';
import { createObject, settleNamespace, type WriteResult } from './create-object.js';
import { requestKey } from './object-key.js';
import { fitStorage } from './storage-size.js';
import { decodeBuiltin, defaultAndValidate, generationChanged, hasStatusSubresource, metaOf } from './prepare-object.js';

type Json = Record<string, unknown>;

/** Built-in kinds whose status strategy resets all metadata to the stored one (`ResetObjectMetaForStatus`, or the whole ObjectMeta). */
const STATUS_RESETS_METADATA = new Set([
  'storage.k8s.io/VolumeAttachment',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'apiextensions.k8s.io/CustomResourceDefinition',
]);

/**
 * The metadata a status write keeps: kube-apiserver's status strategies reset only the spec for
 * most built-in kinds, so labels, annotations and finalizers sent with the status are kept (the
 * deployment controller records a Deployment's revision annotation that way, without bumping
 * its generation); Deployments keep their stored labels, Pods their owner references, and the
 * kinds above (and custom resources) all of their stored metadata.
 */
function statusMetadata(kind: ResourceKind, meta: Json, oldMeta: Json): Json {
  if (kind.custom !== undefined || STATUS_RESETS_METADATA.has(`${kind.group}/${kind.kind}`)) return { ...oldMeta };
  const next: Json = { ...meta };
  if (kind.group === 'apps' && kind.kind === 'Deployment') {
    if (oldMeta['labels'] === undefined) delete next['labels'];
    else next['labels'] = oldMeta['labels'];
  }
  if (kind.group === '' && kind.kind === 'Pod') {
    if (oldMeta['ownerReferences'] === undefined) delete next['ownerReferences'];
    else next['ownerReferences'] = oldMeta['ownerReferences'];
  }
  return next;
}

/** How an update was asked for. */
export interface UpdateRequest {
  readonly kind: ResourceKind;
  readonly namespace: string | undefined;
  readonly name: string;
  /** `status` for PUT/PATCH on `/status`, `finalize` for a Namespace's `/finalize`; the main resource otherwise. */
  readonly subresource?: 'status' | 'finalize' | undefined;
  /** A patch result: an absent resourceVersion is filled in even for kinds that require one. */
  readonly fromPatch?: boolean;
  /** The subresource the managedFields entry names (`scale` writes the main object). */
  readonly fieldsSubresource?: string;
}

/**
 * Replaces an object with a decoded body in its served version:
 *
 * - the name (and namespace) must match the URL; a missing object is created only for
 *   kinds that allow create-on-update (Leases, Endpoints, RBAC, ...);
 * - `metadata.resourceVersion` is the optimistic-lock precondition (409 on a stale one);
 *   without it (or with `"0"`), the update is unconditional for kinds whose strategy allows
 *   it, and kinds that forbid unconditional updates (custom resources, CRDs, Leases, PDBs,
 *   webhook configurations, ...) answer 422;
 * - the main resource cannot change `status` when a status subresource exists, and the
 *   status subresource changes only `status`;
 * - uid, creationTimestamp, deletion fields and generation are the server's; generation
 *   moves on spec changes;
 * - removing the last finalizer of an object being deleted deletes it (only a DELETED
 *   event, carrying the pre-update state);
 * - a write that changes nothing keeps the resourceVersion and emits no event.
 *
 * @throws {ApiError} 400, 404, 409 or 422 as kube-apiserver answers.
 */
export function updateObject(ctx: ServerContext, request: UpdateRequest, input: Json, options: WriteOptions): WriteResult {
  const { kind, namespace, name, subresource } = request;
  const gr = { group: kind.group, resource: kind.plural };
  decodeBuiltin(kind, input, options, request.fromPatch === true && request.fieldsSubresource === undefined);
  if (input['metadata'] === undefined) input['metadata'] = {};
  const meta = metaOf(input);
  if (meta.name === undefined || meta.name === '') throw badRequest(`the name of the object (${name} based on URL) was undeterminable: name must be provided`);
  if (meta.name !== name) throw badRequest(`the name of the object (${meta.name ?? ''}) does not match the name on the URL (${name})`);
  settleNamespace(kind, input, namespace);
  const key = requestKey(kind, namespace, name);
  const stored = ctx.store.get(kind.bucket, key);
  if (stored === undefined) {
    if (subresource !== undefined || !kind.rules.allowCreateOnUpdate) throw notFound(gr, name);
    // kube-apiserver creates whatever resourceVersion the body names: there is nothing to compare it with.
    delete meta.resourceVersion;
    return createObject(ctx, kind, namespace, input, options);
  }
  const old = fromStorage(kind, stored) as Json;
  const oldMeta = metaOf(old);
  const rv = meta.resourceVersion ?? '';
  // "0" parses to resourceVersion 0, which kube-apiserver treats as "none given".
  if (rv === '' || rv === '0') {
    if (!kind.rules.allowUnconditionalUpdate && request.fromPatch !== true) {
      throw invalid({ group: kind.group, kind: kind.plural }, name, [
        { type: 'FieldValueInvalid', field: 'metadata.resourceVersion', value: '0x0', detail: 'must be specified for an update' },
      ]);
    }
  } else if (rv !== oldMeta.resourceVersion) {
    throw conflict(gr, name);
  }

  let next: Json;
  if (subresource === 'finalize') {
    const finalizers = ((input['spec'] ?? {}) as Json)['finalizers'];
    const spec = { ...((old['spec'] ?? {}) as Json) };
    if (finalizers === undefined) delete spec['finalizers'];
    else spec['finalizers'] = finalizers;
    next = { ...old, metadata: { ...oldMeta }, spec };
  } else if (subresource === 'status') {
    next = { ...old, metadata: statusMetadata(kind, meta, oldMeta) };
    if (input['status'] === undefined) delete next['status'];
    else next['status'] = input['status'];
  } else {
    next = input;
    if (hasStatusSubresource(kind)) {
      if (old['status'] === undefined) delete next['status'];
      else next['status'] = old['status'];
    }
  }
  let nextMeta = metaOf(next);
  nextMeta.resourceVersion = oldMeta.resourceVersion as string;
  nextMeta.creationTimestamp = oldMeta.creationTimestamp as string;
  if (nextMeta.uid === undefined || nextMeta.uid === '') nextMeta.uid = oldMeta.uid as string;
  delete nextMeta.selfLink;
  delete nextMeta.deletionTimestamp;
  delete nextMeta.deletionGracePeriodSeconds;
  delete nextMeta.generation;
  if (oldMeta.deletionTimestamp != null) nextMeta.deletionTimestamp = oldMeta.deletionTimestamp;
  if (oldMeta.deletionGracePeriodSeconds != null) nextMeta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  if (oldMeta.generation !== undefined) nextMeta.generation = oldMeta.generation;
  ctx.hooks.get(kind.bucket)?.prepareUpdate?.(next, old, kind, subresource, options);
  nextMeta = metaOf(next);
  defaultAndValidate(ctx, kind, next, old, request.fieldsSubresource !== 'binding');
  if (subresource === undefined && generationChanged(kind, next, old)) nextMeta.generation = (oldMeta.generation ?? 0) + 1;

  const fieldsSubresource = request.fieldsSubresource ?? subresource;
  const managed =
    options.managedFieldsSet === true
      ? next
      : (recordUpdate({
          live: old,
          updated: next,
          manager: options.fieldManager,
          apiVersion: kind.apiVersion,
          time: formatTime(ctx.now()),
          ...(fieldsSubresource === undefined ? {} : { subresource: fieldsSubresource }),
          schema: mergeSchemaOf(kind),
        }) as Json);
  const object = canonicalObject(managed);
  const held = ctx.hooks.get(kind.bucket)?.holdsDeletion?.(object) ?? false;
  if (oldMeta.deletionTimestamp != null && (nextMeta.finalizers ?? []).length === 0 && !held) {
    if (!options.dryRun) ctx.store.remove(kind.bucket, key);
    return { object, code: 200 };
  }
  if (options.dryRun) return { object, code: 200 };
  const fitting = fitStorage(kind, key, canonicalObject(toStorage(kind, object)), options.managedFieldsSet === true);
  const result = ctx.store.update(kind.bucket, key, fitting as StoredObject);
  return { object: fromStorage(kind, result.object), code: 200 };
}
