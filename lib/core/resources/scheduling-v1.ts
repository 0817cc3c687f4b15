// Descriptors for scheduling.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { PriorityClass as PriorityClassObject } from 'kubernetes-types/scheduling/v1.js';
import { builtin } from './builtin.js';

/** `scheduling.k8s.io/v1` PriorityClass. */
export type PriorityClass = PriorityClassObject;
/** The descriptor (`ResourceType`) of `scheduling.k8s.io/v1` PriorityClass. */
export const PriorityClass = builtin<PriorityClass>()('scheduling.k8s.io', 'v1', 'PriorityClass');
