// Descriptors for storage.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { StorageClass as StorageClassObject } from 'kubernetes-types/storage/v1.js';
import { builtin } from './builtin.js';

/** `storage.k8s.io/v1` StorageClass. */
export type StorageClass = StorageClassObject;
/** The descriptor (`ResourceType`) of `storage.k8s.io/v1` StorageClass. */
export const StorageClass = builtin<StorageClass>()('storage.k8s.io', 'v1', 'StorageClass');
