// Descriptors for node.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { RuntimeClass as RuntimeClassObject } from 'kubernetes-types/node/v1.js';
import { builtin } from './builtin.js';

/** `node.k8s.io/v1` RuntimeClass. */
export type RuntimeClass = RuntimeClassObject;
/** The descriptor (`ResourceType`) of `node.k8s.io/v1` RuntimeClass. */
export const RuntimeClass = builtin<RuntimeClass>()('node.k8s.io', 'v1', 'RuntimeClass');
