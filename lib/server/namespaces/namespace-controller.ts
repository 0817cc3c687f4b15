// The namespace controller: empties a terminating namespace, then finalizes it so it disappears.
import { isApiError } from '../../core/index.js';
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import { fromStorage } from '../objects/convert-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { deleteObject } from '../objects/delete-object.js';
import { objectKey } from '../objects/object-key.js';
import { updateObject } from '../objects/update-object.js';
import type { ServerContext } from '../server-context.js';
import type { StoreEvent } from '../store/store-event.js';
import { NAMESPACE_BUCKET } from './namespace-hooks.js';

type Json = Record<string, unknown>;

const WRITE = { dryRun: false, fieldManager: 'namespace-controller' } as const;

/**
 * What kube-controller-manager's namespace controller does, in-process: when a namespace
 * is terminating, delete everything in it (each object with the usual semantics, so
 * finalizers still hold objects), and once nothing is left remove the `kubernetes`
 * finalizer through `/finalize`, which removes the namespace. It re-checks whenever an
 * object in a terminating namespace goes away.
 */
export class NamespaceController {
  readonly #ctx: ServerContext;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext) {
    this.#ctx = ctx;
    this.#queue = new KeyedWorkQueue(ctx, { observe: (event) => this.#observe(event), sync: (namespace) => this.#sync(namespace) });
  }

  /** Stops reacting to changes. */
  close(): void {
    this.#queue.close();
  }

  #observe(event: StoreEvent): void {
    if (event.bucket === NAMESPACE_BUCKET) {
      const name = event.object.metadata.name ?? '';
      if (event.type !== 'DELETED' && event.object.metadata.deletionTimestamp != null && name !== '') this.#queue.add(name);
      return;
    }
    if (event.type !== 'DELETED') return;
    const slash = event.key.indexOf('/');
    if (slash <= 0) return;
    const namespace = event.key.slice(0, slash);
    const ns = this.#ctx.store.get(NAMESPACE_BUCKET, objectKey(undefined, namespace));
    if (ns?.metadata.deletionTimestamp != null) this.#queue.add(namespace);
  }

  #sync(namespace: string): void {
    const ctx = this.#ctx;
    const ns = ctx.store.get(NAMESPACE_BUCKET, objectKey(undefined, namespace));
    if (ns === undefined || ns.metadata.deletionTimestamp == null) return;
    const buckets = new Set<string>();
    for (const kind of ctx.registry.all()) {
      if (!kind.namespaced || buckets.has(kind.bucket)) continue;
      buckets.add(kind.bucket);
      const storageKind = ctx.registry.byBucket(kind.bucket) ?? kind;
      for (const entry of ctx.store.entries(kind.bucket, `${namespace}/`)) {
        if (entry.object.metadata.deletionTimestamp != null) continue;
        try {
          deleteObject(ctx, { kind: storageKind, namespace, name: entry.object.metadata.name ?? '', dryRun: false, propagationPolicy: 'Background' });
        } catch (error) {
          if (!isApiError(error)) throw error;
        }
      }
    }
    // Objects held by finalizers (or in buckets no longer served) keep the namespace terminating.
    if (ctx.store.buckets().some((bucket) => bucket !== NAMESPACE_BUCKET && ctx.store.entries(bucket, `${namespace}/`).length > 0)) return;
    const kind = ctx.registry.find('', 'v1', 'namespaces');
    if (kind === undefined) return;
    const current = fromStorage(kind, ns) as Json;
    const spec = (current['spec'] ?? {}) as Json;
    const finalizers = Array.isArray(spec['finalizers']) ? (spec['finalizers'] as string[]) : [];
    if (!finalizers.includes('kubernetes')) return;
    const input = decodeObject(kind, { ...current, spec: { ...spec, finalizers: finalizers.filter((f) => f !== 'kubernetes') } });
    updateObject(ctx, { kind, namespace: undefined, name: namespace, subresource: 'finalize', fromPatch: true }, input, { ...WRITE, warnings: [] });
  }
}
