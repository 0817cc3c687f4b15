// The apiextensions controllers, in-process: naming, establishing, serving and finalizing CRDs.
import { isApiError } from '../../core/index.js';
import { fromStorage } from '../objects/convert-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { deleteObject } from '../objects/delete-object.js';
import { objectKey } from '../objects/object-key.js';
import { updateObject } from '../objects/update-object.js';
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import { formatTime, type ServerContext } from '../server-context.js';
import type { StoreEvent } from '../store/store-event.js';
import { CRD_BUCKET, CRD_CLEANUP_FINALIZER, setCondition } from './crd-hooks.js';
import { crdNames, namesObject, type CrdNames } from './crd-names.js';
import { customKinds } from './custom-kinds.js';
import { customResourceHooks } from './custom-resource-hooks.js';

type Json = Record<string, unknown>;

const WRITE = { dryRun: false, fieldManager: 'kube-apiserver' } as const;

/**
 * What apiextensions-apiserver's controllers do, run on the server's background queue:
 *
 * - naming: `NamesAccepted` True/`NoConflicts` (or False with `KindConflict`,
 *   `ShortNamesConflict`, ... when another CRD of the group uses a name), and
 *   `status.acceptedNames`;
 * - establishing: `Established` True/`InitialNamesAccepted`; from then on the kinds appear
 *   in discovery and OpenAPI (the endpoints serve as soon as the names are accepted);
 * - finalizing: once a CRD is deleted, every custom resource is deleted (finalizers still
 *   hold them), then `Terminating` False/`InstanceDeletionCompleted` and the cleanup
 *   finalizer goes, which removes the CRD and its endpoints.
 */
export class CrdController {
  readonly #ctx: ServerContext;
  readonly #queue: KeyedWorkQueue;
  readonly #bucketOwner = new Map<string, string>();
  readonly #signatures = new Map<string, string>();

  constructor(ctx: ServerContext) {
    this.#ctx = ctx;
    this.#queue = new KeyedWorkQueue(ctx, { observe: (event) => this.#observe(event), sync: (name) => this.#sync(name) });
  }

  /** Stops reacting to changes. */
  close(): void {
    this.#queue.close();
  }

  #observe(event: StoreEvent): void {
    if (event.bucket === CRD_BUCKET) {
      const name = event.object.metadata.name ?? '';
      if (event.type === 'DELETED') this.#uninstall(name);
      else this.#queue.add(name);
      return;
    }
    if (event.type === 'DELETED') {
      const owner = this.#bucketOwner.get(event.bucket);
      if (owner !== undefined) this.#queue.add(owner);
    }
  }

  #crdKind(): ResourceKind {
    const kind = this.#ctx.registry.find('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
    if (kind === undefined) throw new Error('kube-rx: the built-in table has no customresourcedefinitions');
    return kind;
  }

  #uninstall(name: string): void {
    const kinds = this.#ctx.registry.custom(name);
    for (const kind of kinds) {
      this.#bucketOwner.delete(kind.bucket);
      this.#ctx.hooks.delete(kind.bucket);
    }
    this.#signatures.delete(name);
    this.#ctx.registry.removeCustom(name);
  }

  #conflict(name: string, group: string, names: CrdNames): { reason: string; message: string } | undefined {
    for (const other of this.#ctx.store.entries(CRD_BUCKET)) {
      if (other.object.metadata.name === name) continue;
      const spec = (other.object['spec'] ?? {}) as Json;
      if (spec['group'] !== group) continue;
      const theirs = crdNames(other.object);
      if (theirs.kind === names.kind) return { reason: 'KindConflict', message: `${JSON.stringify(names.kind)} is already in use` };
      if (theirs.listKind === names.listKind) return { reason: 'ListKindConflict', message: `${JSON.stringify(names.listKind)} is already in use` };
      if (theirs.singular === names.singular || theirs.plural === names.singular) {
        return { reason: 'SingularConflict', message: `${JSON.stringify(names.singular)} is already in use` };
      }
      const short = names.shortNames.find((s) => theirs.shortNames.includes(s) || theirs.plural === s || theirs.singular === s);
      if (short !== undefined) return { reason: 'ShortNamesConflict', message: `${JSON.stringify(short)} is already in use` };
    }
    return undefined;
  }

  #sync(name: string): void {
    const ctx = this.#ctx;
    const crdKind = this.#crdKind();
    const stored = ctx.store.get(CRD_BUCKET, objectKey(undefined, name));
    if (stored === undefined) {
      this.#uninstall(name);
      return;
    }
    const crd = structuredClone(fromStorage(crdKind, stored)) as Json;
    const spec = (crd['spec'] ?? {}) as Json;
    const names = crdNames(crd);
    const group = String(spec['group'] ?? '');
    const conflict = this.#conflict(name, group, names);
    const terminating = stored.metadata.deletionTimestamp != null;
    const state = { namesAccepted: conflict === undefined, established: conflict === undefined, terminating };

    const signature = JSON.stringify([spec, state, stored.metadata.uid]);
    if (this.#signatures.get(name) !== signature) {
      this.#signatures.set(name, signature);
      const kinds = customKinds(crd, state);
      for (const kind of kinds) {
        this.#bucketOwner.set(kind.bucket, name);
        ctx.hooks.set(kind.bucket, customResourceHooks());
      }
      ctx.registry.setCustom(name, kinds);
    }

    const now = formatTime(ctx.now());
    const status = { ...((crd['status'] ?? {}) as Json) };
    const before = JSON.stringify(status);
    if (conflict === undefined) {
      status['acceptedNames'] = namesObject(names);
      setCondition(status, { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' }, now);
      setCondition(status, { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }, now);
    } else {
      setCondition(status, { type: 'NamesAccepted', status: 'False', ...conflict }, now);
      setCondition(status, { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' }, now);
    }
    if (terminating) this.#cleanUp(name, crd, status, now);
    if (JSON.stringify(status) !== before && ctx.store.get(CRD_BUCKET, objectKey(undefined, name)) !== undefined) {
      this.#write(crdKind, name, { ...crd, status }, 'status');
    }
  }

  #cleanUp(name: string, crd: Json, status: Json, now: string): void {
    const ctx = this.#ctx;
    const kinds = ctx.registry.custom(name);
    const storageKind = kinds.find((k) => k.apiVersion === k.storageApiVersion) ?? kinds[0];
    let remaining = 0;
    if (storageKind !== undefined) {
      for (const entry of ctx.store.entries(storageKind.bucket)) {
        remaining += 1;
        if (entry.object.metadata.deletionTimestamp != null) continue;
        try {
          deleteObject(ctx, {
            kind: storageKind,
            namespace: entry.object.metadata.namespace,
            name: entry.object.metadata.name ?? '',
            dryRun: false,
            propagationPolicy: 'Background',
          });
        } catch (error) {
          if (!isApiError(error)) throw error;
        }
      }
      remaining = ctx.store.count(storageKind.bucket);
    }
    if (remaining > 0) return;
    setCondition(status, { type: 'Terminating', status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' }, now);
    const crdKind = this.#crdKind();
    this.#write(crdKind, name, { ...crd, status }, 'status');
    const current = ctx.store.get(CRD_BUCKET, objectKey(undefined, name));
    if (current === undefined) return;
    const latest = structuredClone(fromStorage(crdKind, current)) as Json;
    const meta = latest['metadata'] as Json;
    meta['finalizers'] = ((meta['finalizers'] as string[] | undefined) ?? []).filter((f) => f !== CRD_CLEANUP_FINALIZER);
    this.#write(crdKind, name, latest, undefined);
  }

  #write(kind: ResourceKind, name: string, object: Json, subresource: 'status' | undefined): void {
    const current = this.#ctx.store.get(CRD_BUCKET, objectKey(undefined, name));
    if (current === undefined) return;
    const input = decodeObject(kind, { ...object, metadata: { ...(object['metadata'] as Json), resourceVersion: current.metadata.resourceVersion } });
    try {
      updateObject(this.#ctx, { kind, namespace: undefined, name, subresource, fromPatch: true }, input, { ...WRITE, warnings: [] });
    } catch (error) {
      if (!isApiError(error)) throw error;
    }
  }
}
