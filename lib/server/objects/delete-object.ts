// The delete verb: preconditions, graceful deletion, finalizers and garbage-collection finalizers.
import { conflict, notFound } from '../errors/status-errors.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import { formatTime, type ServerContext } from '../server-context.js';
import type { StoredObject } from '../store/store-event.js';
import { canonicalObject } from './canonical-object.js';
import { fromStorage, toStorage } from './convert-object.js';
import { requestKey } from './object-key.js';

type Json = Record<string, unknown>;

/** The propagation policies of DeleteOptions. */
export type Propagation = 'Foreground' | 'Background' | 'Orphan';

/** Validated DeleteOptions. */
export interface DeleteRequest {
  readonly kind: ResourceKind;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly dryRun: boolean;
  readonly gracePeriodSeconds?: number | undefined;
  readonly propagationPolicy?: Propagation | undefined;
  /** The deprecated `orphanDependents` (true = Orphan). */
  readonly orphanDependents?: boolean | undefined;
  readonly preconditions?: { readonly uid?: string | undefined; readonly resourceVersion?: string | undefined } | undefined;
}

/** What a delete did: removed the object now, or left it terminating (finalizers, grace). */
export interface DeleteResult {
  /** The object as served: the deleted state, or the terminating one. */
  readonly object: Json;
  /** True when the object is gone from storage. */
  readonly removed: boolean;
}

/** The finalizer `propagationPolicy=Orphan` leaves for the garbage collector. */
export const ORPHAN_FINALIZER = 'orphan';
/** The finalizer `propagationPolicy=Foreground` leaves for the garbage collector. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

/** The GC finalizers a delete leaves on the object (apiserver `deletionFinalizersForGarbageCollection`). */
function gcFinalizers(current: readonly string[], request: DeleteRequest, orphanByDefault: boolean): string[] {
  let policy = request.propagationPolicy;
  if (policy === undefined && request.orphanDependents !== undefined) policy = request.orphanDependents ? 'Orphan' : 'Background';
  const without = (names: readonly string[]): string[] => current.filter((f) => !names.includes(f));
  switch (policy) {
    case 'Orphan':
      return current.includes(ORPHAN_FINALIZER) ? without([FOREGROUND_FINALIZER]) : [...without([FOREGROUND_FINALIZER]), ORPHAN_FINALIZER];
    case 'Foreground':
      return current.includes(FOREGROUND_FINALIZER) ? without([ORPHAN_FINALIZER]) : [...without([ORPHAN_FINALIZER]), FOREGROUND_FINALIZER];
    case 'Background':
      return without([ORPHAN_FINALIZER, FOREGROUND_FINALIZER]);
    case undefined:
      // A GC finalizer already there decides; else the kind's default policy.
      if (!orphanByDefault || current.includes(ORPHAN_FINALIZER) || current.includes(FOREGROUND_FINALIZER)) return [...current];
      return [...current, ORPHAN_FINALIZER];
  }
}

function podGracePeriod(object: Json, requested: number | undefined): number {
  const spec = (object['spec'] ?? {}) as Json;
  const phase = ((object['status'] ?? {}) as Json)['phase'];
  if (spec['nodeName'] === undefined || spec['nodeName'] === '' || phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = requested ?? (typeof spec['terminationGracePeriodSeconds'] === 'number' ? spec['terminationGracePeriodSeconds'] : 30);
  return grace < 0 ? 1 : grace;
}

/**
 * Deletes an object as kube-apiserver's generic store does:
 *
 * 1. preconditions (uid, resourceVersion) must hold (409 naming the Kind);
 * 2. graceful kinds (a Pod on a node) get `deletionTimestamp = now + grace` and stay; with no
 *    grace (a Pod on no node) they are marked in a write of their own, then removed;
 * 3. the propagation policy adds (or removes) the `orphan` / `foregroundDeletion`
 *    finalizers for the garbage collector (without one, Jobs and ReplicationControllers orphan);
 * 4. with finalizers the object stays, with `deletionTimestamp`, `deletionGracePeriodSeconds: 0`
 *    and (when it tracks one) a bumped generation; without, it is removed now.
 *
 * @throws {ApiError} 404 when missing, 409 on a failed precondition.
 */
export function deleteObject(ctx: ServerContext, request: DeleteRequest): DeleteResult {
  const { kind, name } = request;
  const key = requestKey(kind, request.namespace, name);
  const stored = ctx.store.get(kind.bucket, key);
  if (stored === undefined) throw notFound({ group: kind.group, resource: kind.plural }, name);
  const meta = stored.metadata;
  const pre = request.preconditions;
  const asKind = { group: kind.group, resource: kind.kind };
  if (pre?.uid !== undefined && pre.uid !== '' && pre.uid !== meta.uid) {
    throw conflict(asKind, name, `the UID in the precondition (${pre.uid}) does not match the UID in record (${meta.uid ?? ''}). The object might have been deleted and then recreated`);
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== '' && pre.resourceVersion !== meta.resourceVersion) {
    throw conflict(
      asKind,
      name,
      `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${meta.resourceVersion ?? ''}). The object might have been modified`,
    );
  }
  const served = fromStorage(kind, stored) as Json;
  const special = ctx.hooks.get(kind.bucket)?.delete?.(served, kind, request.dryRun);
  if (special !== undefined) return { object: special, removed: false };

  const now = ctx.now();
  const finalizers = gcFinalizers(meta.finalizers ?? [], request, kind.rules.orphanByDefault);
  const grace = kind.rules.graceful ? podGracePeriod(served, request.gracePeriodSeconds) : 0;
  const deleting = meta.deletionTimestamp != null;
  const currentGrace = meta.deletionGracePeriodSeconds ?? undefined;
  const shortensGrace = deleting && currentGrace !== undefined && currentGrace !== null && grace < currentGrace;

  if (finalizers.length === 0 && kind.rules.graceful && grace === 0 && !deleting) {
    // A graceful kind deleted with no grace (a pod on no node) is first marked, in a write of
    // its own (watchers see MODIFIED, then DELETED), and answered as marked.
    const marked = structuredClone(served);
    const markedMeta = marked['metadata'] as Json;
    markedMeta['deletionTimestamp'] = formatTime(now);
    markedMeta['deletionGracePeriodSeconds'] = 0;
    if (request.dryRun) return { object: canonicalObject(marked), removed: true };
    ctx.store.update(kind.bucket, key, canonicalObject(toStorage(kind, canonicalObject(marked))) as StoredObject);
    const removed = ctx.store.remove(kind.bucket, key);
    return { object: fromStorage(kind, removed) as Json, removed: true };
  }
  if (finalizers.length === 0 && (grace === 0 || (deleting && currentGrace === 0))) {
    if (request.dryRun) return { object: served, removed: true };
    const removed = ctx.store.remove(kind.bucket, key);
    return { object: fromStorage(kind, removed) as Json, removed: true };
  }

  const next = structuredClone(served);
  const nextMeta = next['metadata'] as Json;
  if (finalizers.length > 0) nextMeta['finalizers'] = finalizers;
  else delete nextMeta['finalizers'];
  if (!deleting || shortensGrace) {
    nextMeta['deletionTimestamp'] = formatTime(new Date(now.getTime() + grace * 1000));
    nextMeta['deletionGracePeriodSeconds'] = grace;
    if (!deleting && typeof meta.generation === 'number' && meta.generation > 0) nextMeta['generation'] = meta.generation + 1;
  }
  const object = canonicalObject(next);
  if (request.dryRun) return { object, removed: false };
  const result = ctx.store.update(kind.bucket, key, canonicalObject(toStorage(kind, object)) as StoredObject);
  if (grace > 0 && (!deleting || shortensGrace)) {
    // What the kubelet would do: once the grace period is over, delete for good.
    const uid = meta.uid;
    ctx.defer(() => {
      const current = ctx.store.get(kind.bucket, key);
      if (current === undefined || current.metadata.uid !== uid) return;
      try {
        deleteObject(ctx, { kind, namespace: request.namespace, name, dryRun: false, gracePeriodSeconds: 0 });
      } catch {
        // already gone or changed: nothing to finish
      }
    }, grace * 1000);
  }
  return { object: fromStorage(kind, result.object) as Json, removed: false };
}
