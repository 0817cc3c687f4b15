// Descriptors for storage.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { CSIDriver as CSIDriverObject, CSINode as CSINodeObject, CSIStorageCapacity as CSIStorageCapacityObject, StorageClass as StorageClassObject, VolumeAttachment as VolumeAttachmentObject } from 'kubernetes-types/storage/v1.js';
import { builtin } from './builtin.js';

/** `storage.k8s.io/v1` StorageClass. */
export type StorageClass = StorageClassObject;
/** The descriptor (`ResourceType`) of `storage.k8s.io/v1` StorageClass. */
export const StorageClass = builtin<StorageClass>()('storage.k8s.io', 'v1', 'StorageClass');

/** `storage.k8s.io/v1` CSIDriver. */
export type CSIDriver = CSIDriverObject;
/** The descriptor (`ResourceType`) of `storage.k8s.io/v1` CSIDriver. */
export const CSIDriver = builtin<CSIDriver>()('storage.k8s.io', 'v1', 'CSIDriver');

/** `storage.k8s.io/v1` CSINode. */
export type CSINode = CSINodeObject;
/** The descriptor (`ResourceType`) of `storage.k8s.io/v1` CSINode. */
export const CSINode = builtin<CSINode>()('storage.k8s.io', 'v1', 'CSINode');

/** `storage.k8s.io/v1` CSIStorageCapacity. */
export type CSIStorageCapacity = CSIStorageCapacityObject;
/** The descriptor (`ResourceType`) of `storage.k8s.io/v1` CSIStorageCapacity. */
export const CSIStorageCapacity = builtin<CSIStorageCapacity>()('storage.k8s.io', 'v1', 'CSIStorageCapacity');

/** `storage.k8s.io/v1` VolumeAttachment. */
export type VolumeAttachment = VolumeAttachmentObject;
/** The descriptor (`ResourceType`) of `storage.k8s.io/v1` VolumeAttachment. */
export const VolumeAttachment = builtin<VolumeAttachment>()('storage.k8s.io', 'v1', 'VolumeAttachment');
