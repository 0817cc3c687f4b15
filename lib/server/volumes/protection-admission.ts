// The StorageObjectInUseProtection admission plugin: claims and volumes are created with the
// finalizer that keeps them while in use.
import type { KindHooks } from '../server-context.js';

type Json = Record<string, unknown>;

/** The storage bucket of PersistentVolumeClaims. */
export const PVC_BUCKET = '/persistentvolumeclaims';
/** The storage bucket of PersistentVolumes. */
export const PV_BUCKET = '/persistentvolumes';

/** The finalizer of claims (removed by kube-controller-manager's pvc-protection controller). */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
/** The finalizer of volumes (removed by kube-controller-manager's pv-protection controller). */
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

function addFinalizer(object: Json, finalizer: string): void {
  const meta = (object['metadata'] ?? {}) as Json;
  const finalizers = Array.isArray(meta['finalizers']) ? (meta['finalizers'] as unknown[]) : [];
  if (!finalizers.includes(finalizer)) meta['finalizers'] = [...finalizers, finalizer];
  object['metadata'] = meta;
}

/** The plugin for one kind: on create, its protection finalizer is appended unless present. */
export function storageProtectionHooks(finalizer: string): KindHooks {
  return {
    admitCreate(object) {
      addFinalizer(object, finalizer);
    },
  };
}
