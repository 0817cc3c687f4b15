// kube-controller-manager's pvc-protection and pv-protection controllers, in process: the
// protection finalizer goes once nothing uses the claim or the volume.
import { isApiError } from '../../core/index.js';
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import { decodeObject } from '../objects/decode-object.js';
import { objectKey } from '../objects/object-key.js';
import { updateObject } from '../objects/update-object.js';
import type { ServerContext } from '../server-context.js';
import type { StoreEvent, StoredObject } from '../store/store-event.js';
import { PV_BUCKET, PV_PROTECTION_FINALIZER, PVC_BUCKET, PVC_PROTECTION_FINALIZER } from './protection-admission.js';

type Json = Record<string, unknown>;

const POD_BUCKET = '/pods';
const WRITE = { dryRun: false, fieldManager: 'kube-controller-manager' } as const;

function claimNames(pod: StoredObject): string[] {
  const volumes = ((pod as unknown as Json)['spec'] as Json | undefined)?.['volumes'];
  if (!Array.isArray(volumes)) return [];
  return volumes.flatMap((v) => {
    const claim = ((v as Json)['persistentVolumeClaim'] as Json | undefined)?.['claimName'];
    return typeof claim === 'string' ? [claim] : [];
  });
}

function terminatingWith(object: StoredObject | undefined, finalizer: string): boolean {
  return object !== undefined && object.metadata.deletionTimestamp != null && (object.metadata.finalizers ?? []).includes(finalizer);
}

/**
 * Removes `kubernetes.io/pvc-protection` from a terminating claim once no scheduled pod of its
 * namespace mounts it, and `kubernetes.io/pv-protection` from a terminating volume that is not
 * Bound, as kube-controller-manager's protection controllers do.
 */
export class VolumeProtection {
  readonly #ctx: ServerContext;
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
    const meta = event.object.metadata;
    if (event.bucket === PVC_BUCKET && terminatingWith(event.object, PVC_PROTECTION_FINALIZER)) this.#queue.add(`pvc:${meta.namespace ?? ''}/${meta.name ?? ''}`);
    else if (event.bucket === PV_BUCKET && terminatingWith(event.object, PV_PROTECTION_FINALIZER)) this.#queue.add(`pv:/${meta.name ?? ''}`);
    else if (event.bucket === POD_BUCKET) {
      for (const claim of claimNames(event.object)) this.#queue.add(`pvc:${meta.namespace ?? ''}/${claim}`);
    }
  }

  #sync(key: string): void {
    const [type, rest = ''] = key.split(':', 2) as [string, string];
    const slash = rest.indexOf('/');
    const namespace = rest.slice(0, slash);
    const name = rest.slice(slash + 1);
    if (type === 'pvc') {
      const claim = this.#ctx.store.get(PVC_BUCKET, objectKey(namespace, name));
      if (!terminatingWith(claim, PVC_PROTECTION_FINALIZER)) return;
      const inUse = this.#ctx.store.entries(POD_BUCKET, `${namespace}/`).some((entry) => {
        const nodeName = ((entry.object as unknown as Json)['spec'] as Json | undefined)?.['nodeName'];
        return typeof nodeName === 'string' && nodeName !== '' && claimNames(entry.object).includes(name);
      });
      if (!inUse) this.#release(claim as StoredObject, '', 'v1', 'persistentvolumeclaims', namespace, PVC_PROTECTION_FINALIZER);
    } else {
      const volume = this.#ctx.store.get(PV_BUCKET, objectKey(undefined, name));
      if (!terminatingWith(volume, PV_PROTECTION_FINALIZER)) return;
      const phase = ((volume as unknown as Json)['status'] as Json | undefined)?.['phase'];
      if (phase !== 'Bound') this.#release(volume as StoredObject, '', 'v1', 'persistentvolumes', undefined, PV_PROTECTION_FINALIZER);
    }
  }

  #release(object: StoredObject, group: string, version: string, plural: string, namespace: string | undefined, finalizer: string): void {
    const kind = this.#ctx.registry.find(group, version, plural);
    if (kind === undefined) return;
    const finalizers = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    const input = decodeObject(kind, { ...object, metadata: { ...object.metadata, finalizers } });
    try {
      updateObject(this.#ctx, { kind, namespace, name: object.metadata.name ?? '', subresource: undefined, fromPatch: true }, input, { ...WRITE, warnings: [] });
    } catch (error) {
      // Changed meanwhile (409) or gone (404): the next event syncs again.
      if (!isApiError(error)) throw error;
    }
  }
}
