// Server-side table printers for volumes: PersistentVolumeClaims, PersistentVolumes, StorageClasses;
// and PriorityClasses.
import { ageOf } from './human-duration.js';
import { ageColumn, column, doc, get, nameColumn, nameOf, str, type Printer } from './printer.js';

const age = (object: Record<string, unknown>, now: Date): string => ageOf(get(object, 'metadata', 'creationTimestamp'), now);

/** Access modes as `RWO,ROX,RWX,RWOP` (GetAccessModesAsString). */
function accessModes(modes: unknown): string {
  const present = new Set(Array.isArray(modes) ? modes : []);
  return [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ]
    .filter(([mode]) => present.has(mode))
    .map(([, short]) => short)
    .join(',');
}

function phaseOf(object: Record<string, unknown>): string {
  return get(object, 'metadata', 'deletionTimestamp') != null ? 'Terminating' : str(object, 'status', 'phase');
}

function storageClassOf(object: Record<string, unknown>): string {
  const annotations = get(object, 'metadata', 'annotations');
  const beta = typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, unknown>)['volume.beta.kubernetes.io/storage-class'] : undefined;
  if (typeof beta === 'string') return beta;
  return str(object, 'spec', 'storageClassName');
}

function orUnset(value: unknown): string {
  return typeof value === 'string' ? value : '<unset>';
}

/** `kubectl get pvc`: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE. */
export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Status', 'string', doc('core.v1.PersistentVolumeClaimStatus', 'phase')),
    column('Volume', 'string', doc('core.v1.PersistentVolumeClaimSpec', 'volumeName')),
    column('Capacity', 'string', doc('core.v1.PersistentVolumeClaimStatus', 'capacity')),
    column('Access Modes', 'string', doc('core.v1.PersistentVolumeClaimStatus', 'accessModes')),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn(),
    column('VolumeMode', 'string', doc('core.v1.PersistentVolumeClaimSpec', 'volumeMode'), 1),
  ],
  cells(claim, now) {
    const volumeName = str(claim, 'spec', 'volumeName');
    const bound = volumeName !== '';
    return [
      nameOf(claim),
      phaseOf(claim),
      volumeName,
      bound ? str(claim, 'status', 'capacity', 'storage') : '',
      bound ? accessModes(get(claim, 'status', 'accessModes')) : '',
      storageClassOf(claim),
      orUnset(get(claim, 'spec', 'volumeAttributesClassName')),
      age(claim, now),
      orUnset(get(claim, 'spec', 'volumeMode')),
    ];
  },
};

/** `kubectl get pv`: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE. */
export const persistentVolumePrinter: Printer = {
  columns: [
    nameColumn(),
    column('Capacity', 'string', doc('core.v1.PersistentVolumeSpec', 'capacity')),
    column('Access Modes', 'string', doc('core.v1.PersistentVolumeSpec', 'accessModes')),
    column('Reclaim Policy', 'string', doc('core.v1.PersistentVolumeSpec', 'persistentVolumeReclaimPolicy')),
    column('Status', 'string', doc('core.v1.PersistentVolumeStatus', 'phase')),
    column('Claim', 'string', doc('core.v1.PersistentVolumeSpec', 'claimRef')),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    column('Reason', 'string', doc('core.v1.PersistentVolumeStatus', 'reason')),
    ageColumn(),
    column('VolumeMode', 'string', doc('core.v1.PersistentVolumeSpec', 'volumeMode'), 1),
  ],
  cells(volume, now) {
    const claimRef = get(volume, 'spec', 'claimRef');
    const claim = typeof claimRef === 'object' && claimRef !== null ? `${str(claimRef, 'namespace')}/${str(claimRef, 'name')}` : '';
    const annotations = get(volume, 'metadata', 'annotations');
    const beta = typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, unknown>)['volume.beta.kubernetes.io/storage-class'] : undefined;
    return [
      nameOf(volume),
      str(volume, 'spec', 'capacity', 'storage'),
      accessModes(get(volume, 'spec', 'accessModes')),
      str(volume, 'spec', 'persistentVolumeReclaimPolicy'),
      phaseOf(volume),
      claim,
      typeof beta === 'string' ? beta : str(volume, 'spec', 'storageClassName'),
      orUnset(get(volume, 'spec', 'volumeAttributesClassName')),
      str(volume, 'status', 'reason'),
      age(volume, now),
      orUnset(get(volume, 'spec', 'volumeMode')),
    ];
  },
};

/** `kubectl get storageclasses`: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE. */
export const storageClassPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Provisioner', 'string', doc('storage.v1.StorageClass', 'provisioner')),
    column('ReclaimPolicy', 'string', doc('storage.v1.StorageClass', 'reclaimPolicy')),
    column('VolumeBindingMode', 'string', doc('storage.v1.StorageClass', 'volumeBindingMode')),
    column('AllowVolumeExpansion', 'string', doc('storage.v1.StorageClass', 'allowVolumeExpansion')),
    ageColumn(),
  ],
  cells(storageClass, now) {
    const annotations = get(storageClass, 'metadata', 'annotations');
    const isDefault = (key: string): boolean => typeof annotations === 'object' && annotations !== null && (annotations as Record<string, unknown>)[key] === 'true';
    const name = `${nameOf(storageClass)}${isDefault('storageclass.kubernetes.io/is-default-class') || isDefault('storageclass.beta.kubernetes.io/is-default-class') ? ' (default)' : ''}`;
    return [
      name,
      str(storageClass, 'provisioner'),
      str(storageClass, 'reclaimPolicy') || 'Delete',
      str(storageClass, 'volumeBindingMode') || 'Immediate',
      get(storageClass, 'allowVolumeExpansion') === true,
      age(storageClass, now),
    ];
  },
};

/** `kubectl get priorityclasses`: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. */
export const priorityClassPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Value', 'integer', doc('scheduling.v1.PriorityClass', 'value')),
    column('Global-Default', 'boolean', doc('scheduling.v1.PriorityClass', 'globalDefault')),
    ageColumn(),
    column('PreemptionPolicy', 'string', doc('scheduling.v1.PriorityClass', 'preemptionPolicy')),
  ],
  cells: (pc, now) => [nameOf(pc), typeof pc['value'] === 'number' ? pc['value'] : 0, pc['globalDefault'] === true, age(pc, now), str(pc, 'preemptionPolicy')],
};
