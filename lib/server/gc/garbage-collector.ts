// The garbage collector: deletes dependents of deleted owners, runs foreground and orphan deletion.
import { isApiError, type OwnerReference } from '../../core/index.js';
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import { fromStorage } from '../objects/convert-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { deleteObject, FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type Propagation } from '../objects/delete-object.js';
import { updateObject } from '../objects/update-object.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import type { ServerContext } from '../server-context.js';
import type { StoredObject, StoreEvent } from '../store/store-event.js';

type Json = Record<string, unknown>;

interface Location {
  readonly bucket: string;
  readonly key: string;
}

const WRITE = { dryRun: false, fieldManager: 'garbage-collector' } as const;

function locationId(location: Location): string {
  return `${location.bucket}|${location.key}`;
}

function locationOf(id: string): Location {
  const [bucket = '', key = ''] = id.split('|');
  return { bucket, key };
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * kube-controller-manager's garbage collector, in-process. It keeps a graph of owner
 * references (owner uid → dependents) from the store's events, and:
 *
 * - when an owner is gone, deletes each dependent none of whose owners remain (with the
 *   dependent's own orphan/foreground finalizer deciding its propagation), or strips the
 *   dangling reference when another owner remains;
 * - for an owner deleted with `propagationPolicy=Foreground` (finalizer
 *   `foregroundDeletion`), deletes its dependents (foreground again when they have
 *   dependents themselves) and removes the finalizer once no dependent with
 *   `blockOwnerDeletion: true` is left;
 * - for `Orphan` (finalizer `orphan`), removes the owner reference from every dependent,
 *   then the finalizer.
 *
 * References to kinds the server does not serve are left alone, as the real collector
 * cannot resolve them either.
 */
export class GarbageCollector {
  readonly #ctx: ServerContext;
  readonly #byUid = new Map<string, Location>();
  readonly #dependents = new Map<string, Set<string>>();
  readonly #refsOf = new Map<string, readonly string[]>();
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext) {
    this.#ctx = ctx;
    this.#queue = new KeyedWorkQueue(ctx, { observe: (event) => this.#observe(event), sync: (key) => this.#sync(key) });
  }

  /** Stops reacting to changes. */
  close(): void {
    this.#queue.close();
  }

  #observe(event: StoreEvent): void {
    const location = { bucket: event.bucket, key: event.key };
    const id = locationId(location);
    const uid = event.object.metadata.uid;
    if (event.type === 'DELETED') {
      if (uid !== undefined) {
        this.#byUid.delete(uid);
        for (const dependent of this.#dependents.get(uid) ?? []) this.#enqueue('dependent', dependent);
      }
      for (const ownerUid of this.#refsOf.get(id) ?? []) {
        this.#dependents.get(ownerUid)?.delete(id);
        const owner = this.#byUid.get(ownerUid);
        if (owner !== undefined) this.#enqueue('owner', locationId(owner));
      }
      this.#refsOf.delete(id);
      return;
    }
    if (uid !== undefined) this.#byUid.set(uid, location);
    const refs = (event.object.metadata.ownerReferences ?? []).map((r) => r.uid);
    const before = this.#refsOf.get(id) ?? [];
    for (const ownerUid of before) if (!refs.includes(ownerUid)) this.#dependents.get(ownerUid)?.delete(id);
    for (const ownerUid of refs) {
      let set = this.#dependents.get(ownerUid);
      if (set === undefined) {
        set = new Set();
        this.#dependents.set(ownerUid, set);
      }
      set.add(id);
    }
    if (refs.length > 0) this.#refsOf.set(id, refs);
    else this.#refsOf.delete(id);
    if (refs.length > 0 && (event.type === 'ADDED' || refs.some((r) => !before.includes(r)))) this.#enqueue('dependent', id);
    const finalizers = event.object.metadata.finalizers ?? [];
    if (event.object.metadata.deletionTimestamp != null && (finalizers.includes(FOREGROUND_FINALIZER) || finalizers.includes(ORPHAN_FINALIZER))) {
      this.#enqueue('owner', id);
    }
  }

  #enqueue(role: 'owner' | 'dependent', id: string): void {
    this.#queue.add(`${role}:${id}`);
  }

  #sync(queued: string): void {
    const location = locationOf(queued.slice(queued.indexOf(':') + 1));
    if (queued.startsWith('owner:')) this.#processOwner(location);
    else this.#attemptToDelete(location);
  }

  #read(location: Location): { kind: ResourceKind; object: StoredObject } | undefined {
    const stored = this.#ctx.store.get(location.bucket, location.key);
    const kind = this.#ctx.registry.byBucket(location.bucket);
    if (stored === undefined || kind === undefined) return undefined;
    return { kind, object: stored };
  }

  #resolvable(ref: OwnerReference): boolean {
    return this.#ctx.registry.byKind(groupOf(ref.apiVersion), ref.kind).length > 0;
  }

  #owner(ref: OwnerReference): StoredObject | undefined {
    const location = this.#byUid.get(ref.uid);
    if (location === undefined) return undefined;
    const owner = this.#ctx.store.get(location.bucket, location.key);
    return owner?.metadata.uid === ref.uid ? owner : undefined;
  }

  #attemptToDelete(location: Location): void {
    const found = this.#read(location);
    if (found === undefined) return;
    const { kind, object } = found;
    const refs = object.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      if (!this.#resolvable(ref)) return;
      const owner = this.#owner(ref);
      if (owner === undefined) dangling.push(ref);
      else if (owner.metadata.deletionTimestamp != null && (owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.#rewriteOwners(kind, object, refs.filter((r) => !drop.has(r.uid)));
      return;
    }
    if (object.metadata.deletionTimestamp != null) return;
    const finalizers = object.metadata.finalizers ?? [];
    let policy: Propagation = 'Background';
    if (waiting.length > 0 && (this.#dependents.get(object.metadata.uid ?? '')?.size ?? 0) > 0) policy = 'Foreground';
    else if (finalizers.includes(ORPHAN_FINALIZER)) policy = 'Orphan';
    else if (finalizers.includes(FOREGROUND_FINALIZER)) policy = 'Foreground';
    this.#delete(kind, object, policy);
  }

  #processOwner(location: Location): void {
    const found = this.#read(location);
    if (found === undefined || found.object.metadata.deletionTimestamp == null) return;
    const { kind, object } = found;
    const uid = object.metadata.uid ?? '';
    const finalizers = object.metadata.finalizers ?? [];
    const dependents = [...(this.#dependents.get(uid) ?? [])].map(locationOf);
    if (finalizers.includes(ORPHAN_FINALIZER)) {
      for (const dependent of dependents) {
        const d = this.#read(dependent);
        if (d === undefined) continue;
        this.#rewriteOwners(d.kind, d.object, (d.object.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid));
      }
      this.#removeFinalizer(kind, object, ORPHAN_FINALIZER);
      return;
    }
    if (!finalizers.includes(FOREGROUND_FINALIZER)) return;
    let blocking = 0;
    for (const dependent of dependents) {
      const d = this.#read(dependent);
      if (d === undefined) continue;
      if (d.object.metadata.deletionTimestamp == null) this.#attemptToDelete(dependent);
      const still = this.#read(dependent);
      if (still === undefined) continue;
      const ref = (still.object.metadata.ownerReferences ?? []).find((r) => r.uid === uid);
      if (ref?.blockOwnerDeletion === true) blocking += 1;
    }
    if (blocking === 0) this.#removeFinalizer(kind, object, FOREGROUND_FINALIZER);
  }

  #delete(kind: ResourceKind, object: StoredObject, policy: Propagation): void {
    try {
      deleteObject(this.#ctx, {
        kind,
        namespace: object.metadata.namespace,
        name: object.metadata.name ?? '',
        dryRun: false,
        propagationPolicy: policy,
        preconditions: { uid: object.metadata.uid },
      });
    } catch (error) {
      if (!isApiError(error)) throw error;
    }
  }

  #write(kind: ResourceKind, object: StoredObject, change: (served: Json) => void): void {
    const served = structuredClone(fromStorage(kind, object)) as Json;
    change(served);
    try {
      updateObject(
        this.#ctx,
        { kind, namespace: object.metadata.namespace, name: object.metadata.name ?? '', fromPatch: true },
        decodeObject(kind, served),
        { ...WRITE, warnings: [] },
      );
    } catch (error) {
      if (!isApiError(error)) throw error;
    }
  }

  #rewriteOwners(kind: ResourceKind, object: StoredObject, refs: readonly OwnerReference[]): void {
    this.#write(kind, object, (served) => {
      const meta = served['metadata'] as Json;
      if (refs.length === 0) delete meta['ownerReferences'];
      else meta['ownerReferences'] = refs;
    });
  }

  #removeFinalizer(kind: ResourceKind, object: StoredObject, finalizer: string): void {
    this.#write(kind, object, (served) => {
      const meta = served['metadata'] as Json;
      const rest = ((meta['finalizers'] as string[] | undefined) ?? []).filter((f) => f !== finalizer);
      if (rest.length === 0) delete meta['finalizers'];
      else meta['finalizers'] = rest;
    });
  }
}
