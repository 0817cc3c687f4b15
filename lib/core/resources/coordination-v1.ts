// Descriptors for coordination.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { Lease as LeaseObject } from 'kubernetes-types/coordination/v1.js';
import { builtin } from './builtin.js';

/** `coordination.k8s.io/v1` Lease. */
export type Lease = LeaseObject;
/** The descriptor (`ResourceType`) of `coordination.k8s.io/v1` Lease. */
export const Lease = builtin<Lease>()('coordination.k8s.io', 'v1', 'Lease');
