// The CustomResourceDefinition registry strategy: defaults, storedVersions, validation, terminating delete.
import { canonicalObject } from '../objects/canonical-object.js';
import { objectKey } from '../objects/object-key.js';
import type { KindHooks, ServerContext } from '../server-context.js';
import { formatTime } from '../server-context.js';
import type { StoredObject } from '../store/store-event.js';
import { crdNames, namesObject } from './crd-names.js';
import { crdVersions, validateCrd } from './validate-crd.js';

type Json = Record<string, unknown>;

/** The finalizer that holds a deleted CRD until its custom resources are gone. */
export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

/** The storage bucket of CRDs. */
export const CRD_BUCKET = 'apiextensions.k8s.io/customresourcedefinitions';

/** Sets (or replaces) one condition of a CRD status, keeping lastTransitionTime when the status does not change. */
export function setCondition(status: Json, condition: { type: string; status: string; reason: string; message: string }, now: string): void {
  const conditions = Array.isArray(status['conditions']) ? [...(status['conditions'] as Json[])] : [];
  const index = conditions.findIndex((c) => c['type'] === condition.type);
  const previous = index === -1 ? undefined : conditions[index];
  const next = {
    type: condition.type,
    status: condition.status,
    lastTransitionTime: previous !== undefined && previous['status'] === condition.status ? previous['lastTransitionTime'] : now,
    reason: condition.reason,
    message: condition.message,
  };
  if (index === -1) conditions.push(next);
  else conditions[index] = next;
  status['conditions'] = conditions;
}

function applyDefaults(crd: Json): void {
  const spec = { ...((crd['spec'] ?? {}) as Json) };
  if (spec['names'] !== undefined) spec['names'] = namesObject(crdNames(crd));
  const conversion = (spec['conversion'] ?? {}) as Json;
  spec['conversion'] = { ...conversion, strategy: conversion['strategy'] ?? 'None' };
  crd['spec'] = spec;
}

function storageVersion(crd: Json): string | undefined {
  const version = crdVersions(crd).find((v) => v['storage'] === true);
  return typeof version?.['name'] === 'string' ? version['name'] : undefined;
}

/**
 * Hooks implementing apiextensions-apiserver's CRD strategy: defaults (`names.singular`,
 * `names.listKind`, `conversion.strategy: None`); status starts with `storedVersions` (and
 * accumulates each new storage version); validation per §10; the first DELETE adds
 * `customresourcecleanup.apiextensions.k8s.io`, sets `Terminating` and answers the CRD.
 */
export function crdHooks(ctx: ServerContext): KindHooks {
  return {
    prepareCreate(object) {
      applyDefaults(object);
      const version = storageVersion(object);
      object['status'] = { acceptedNames: { plural: '', kind: '' }, storedVersions: version === undefined ? [] : [version] };
    },
    prepareUpdate(object, old, _kind, subresource) {
      if (subresource === 'status') return;
      applyDefaults(object);
      const status = { ...((old['status'] ?? {}) as Json) };
      const stored = Array.isArray(status['storedVersions']) ? [...(status['storedVersions'] as string[])] : [];
      const version = storageVersion(object);
      if (version !== undefined && !stored.includes(version)) stored.push(version);
      status['storedVersions'] = stored;
      object['status'] = status;
    },
    validate(object) {
      return validateCrd(object).filter((e) => e.field !== 'metadata.name' || ((object['metadata'] ?? {}) as Json)['name'] !== undefined);
    },
    delete(object, kind, dryRun) {
      const meta = object['metadata'] as Json;
      if (meta['deletionTimestamp'] !== undefined && meta['deletionTimestamp'] !== null) return undefined;
      const next = structuredClone(object);
      const nextMeta = next['metadata'] as Json;
      const finalizers = Array.isArray(nextMeta['finalizers']) ? (nextMeta['finalizers'] as string[]) : [];
      nextMeta['finalizers'] = finalizers.includes(CRD_CLEANUP_FINALIZER) ? finalizers : [...finalizers, CRD_CLEANUP_FINALIZER];
      nextMeta['deletionTimestamp'] = formatTime(ctx.now());
      nextMeta['deletionGracePeriodSeconds'] = 0;
      if (typeof nextMeta['generation'] === 'number') nextMeta['generation'] = nextMeta['generation'] + 1;
      const status = { ...((next['status'] ?? {}) as Json) };
      setCondition(
        status,
        { type: 'Terminating', status: 'True', reason: 'InstanceDeletionPending', message: 'CustomResourceDefinition marked for deletion; instances will be deleted' },
        formatTime(ctx.now()),
      );
      next['status'] = status;
      const result = canonicalObject(next);
      if (dryRun) return result;
      return ctx.store.update(kind.bucket, objectKey(undefined, String(meta['name'])), result as StoredObject).object;
    },
  };
}
