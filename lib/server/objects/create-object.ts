// The create verb: POST of a new object (and PUT/apply of a missing one where allowed).
import { randomUUID } from 'node:crypto';
import { alreadyExists, badRequest, forbidden, generateNameExhausted, invalid, notFound, unknownError } from '../errors/status-errors.js';
import { fieldRequired } from '../errors/field-error.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import { formatTime, type ServerContext, type WriteOptions } from '../server-context.js';
import type { StoredObject } from '../store/store-event.js';
import { canonicalObject } from './canonical-object.js';
import { fromStorage, toStorage } from './convert-object.js';
import { generateName } from './generate-name.js';
import { objectKey, requestKey } from './object-key.js';
import { fitStorage } from './storage-size.js';
import { decodeBuiltin, defaultAndValidate, hasStatusSubresource, metaOf } from './prepare-object.js';
import { applyBuiltinDefaults, podQosClass } from './builtin-defaults.js';
import type { KubeObject } from '../../core/index.js';
import { recordUpdate } from '../apply/record-update.js';
import { mergeSchemaOf } from './merge-schema-of.js';

type Json = Record<string, unknown>;

const GENERATE_NAME_ATTEMPTS = 8;
const NAMESPACE_BUCKET = '/namespaces';

/** The result of a write: the object as served, and the HTTP code to answer with. */
export interface WriteResult {
  readonly object: Json;
  readonly code: 200 | 201;
}

/**
 * Checks the namespace of a namespaced create exists and is not terminating
 * (the NamespaceLifecycle admission plugin).
 *
 * @throws {ApiError} 404 for a missing namespace, 403 for a terminating one.
 */
export function admitNamespace(ctx: ServerContext, kind: ResourceKind, namespace: string, name: string): void {
  const ns = ctx.store.get(NAMESPACE_BUCKET, objectKey(undefined, namespace));
  if (ns === undefined) throw notFound({ group: '', resource: 'namespaces' }, namespace);
  if (ns.metadata.deletionTimestamp != null) {
    throw forbidden({ group: kind.group, resource: kind.plural }, name, `unable to create new content in namespace ${namespace} because it is being terminated`, [
      { reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' },
    ]);
  }
}

/**
 * Puts the namespace of the URL on the object: an empty one is filled in, a different one
 * is refused, and a cluster-scoped object loses any namespace.
 *
 * @throws {ApiError} 400 when the namespaces differ.
 */
export function settleNamespace(kind: ResourceKind, object: Json, namespace: string | undefined): void {
  const meta = metaOf(object);
  if (!kind.namespaced) {
    delete meta.namespace;
    return;
  }
  if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  meta.namespace = namespace as string;
}

/**
 * Creates an object from a decoded body in its served version: server-owned metadata is
 * replaced (uid, creationTimestamp, generation), `generateName` is resolved, status is
 * handled by the kind's rules, defaults and validation run, the namespace must exist,
 * and the object must not exist yet.
 *
 * @throws {ApiError} 400, 403, 404, 409, 422 or 500 exactly as kube-apiserver answers.
 */
export function createObject(ctx: ServerContext, kind: ResourceKind, namespace: string | undefined, input: Json, options: WriteOptions): WriteResult {
  decodeBuiltin(kind, input, options);
  if (input['metadata'] === undefined) input['metadata'] = {};
  settleNamespace(kind, input, namespace);
  let meta = metaOf(input);
  if (meta.resourceVersion !== undefined && meta.resourceVersion !== '') {
    throw unknownError(500, 'resourceVersion should not be set on objects to be created');
  }
  const gr = { group: kind.group, resource: kind.plural };
  const fixedName = meta.name ?? '';
  const prefix = meta.generateName ?? '';
  if (fixedName === '' && prefix === '') {
    throw invalid({ group: kind.group, kind: kind.kind }, '', [fieldRequired('metadata.name', 'name or generateName is required')]);
  }
  if (kind.custom?.terminating === true) throw forbidden(gr, fixedName, 'create not allowed while custom resource definition is terminating');

  // kube-apiserver's field manager sees the decoded, defaulted request, before admission and
  // the strategy (allocated IPs, initial status) change it; the status of a kind with a
  // status subresource is one of its reset fields, never owned through the main resource.
  const requested = options.managedFieldsSet === true ? undefined : requestedObject(kind, input);
  const now = ctx.now();
  delete meta.selfLink;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  meta.uid = randomUUID();
  meta.creationTimestamp = formatTime(now);
  if (kind.rules.tracksGeneration) meta.generation = 1;
  else delete meta.generation;
  if (hasStatusSubresource(kind)) {
    switch (kind.rules.statusOnCreate) {
      case 'drop':
        delete input['status'];
        break;
      case 'reset':
        input['status'] = { ...(kind.rules.initialStatus ?? {}) };
        if (kind.group === '' && kind.kind === 'Pod') {
          (input['status'] as Json)['qosClass'] = podQosClass(input['spec'] as Json | undefined);
        }
        break;
      case 'keep':
        break;
    }
  }
  // Mutating admission sees the request before the name is generated; the strategy
  // (prepareCreate) after, so a generated name can go into labels (a Job's job-name).
  ctx.hooks.get(kind.bucket)?.admitCreate?.(input, kind, options);
  if (fixedName === '') metaOf(input).name = generateName(prefix);
  ctx.hooks.get(kind.bucket)?.prepareCreate?.(input, kind, options);
  meta = metaOf(input);

  const attempts = fixedName === '' ? GENERATE_NAME_ATTEMPTS : 1;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    // A taken generated name is replaced; what the strategy derived from the first stays, as there.
    const name = fixedName !== '' ? fixedName : attempt === 0 ? (meta.name ?? '') : generateName(prefix);
    meta.name = name;
    defaultAndValidate(ctx, kind, input, undefined);
    if (kind.namespaced) admitNamespace(ctx, kind, namespace as string, name);
    const key = requestKey(kind, namespace, name);
    const existing = ctx.store.get(kind.bucket, key);
    if (existing !== undefined) {
      if (fixedName !== '') throw alreadyExists(gr, name, existing.metadata.deletionTimestamp != null);
      if (attempt === attempts - 1) throw generateNameExhausted(gr, name);
      continue;
    }
    if (requested !== undefined) {
      const recorded = recordUpdate({ live: undefined, updated: requested as KubeObject, manager: options.fieldManager, apiVersion: kind.apiVersion, time: formatTime(now), schema: mergeSchemaOf(kind) });
      const managedFields = recorded.metadata?.managedFields;
      if (managedFields === undefined) delete meta.managedFields;
      else meta.managedFields = managedFields;
    }
    const object = canonicalObject(input);
    if (options.dryRun) return { object, code: 201 };
    const stored = ctx.store.create(kind.bucket, key, fitStorage(kind, key, canonicalObject(toStorage(kind, object)), options.managedFieldsSet === true) as StoredObject);
    return { object: fromStorage(kind, stored), code: 201 };
  }
  throw generateNameExhausted(gr, prefix);
}

/** The request as the field manager sees it: decoded, defaulted, without the status a status subresource owns. */
function requestedObject(kind: ResourceKind, input: Json): Json {
  const requested = structuredClone(input);
  if (hasStatusSubresource(kind)) delete requested['status'];
  if (kind.custom === undefined) applyBuiltinDefaults(kind.group, kind.kind, requested);
  return requested;
}
