// Descriptors for flowcontrol.apiserver.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { FlowSchema as FlowSchemaObject, PriorityLevelConfiguration as PriorityLevelConfigurationObject } from 'kubernetes-types/flowcontrol/v1.js';
import { builtin } from './builtin.js';

/** `flowcontrol.apiserver.k8s.io/v1` FlowSchema. */
export type FlowSchema = FlowSchemaObject;
/** The descriptor (`ResourceType`) of `flowcontrol.apiserver.k8s.io/v1` FlowSchema. */
export const FlowSchema = builtin<FlowSchema>()('flowcontrol.apiserver.k8s.io', 'v1', 'FlowSchema');

/** `flowcontrol.apiserver.k8s.io/v1` PriorityLevelConfiguration. */
export type PriorityLevelConfiguration = PriorityLevelConfigurationObject;
/** The descriptor (`ResourceType`) of `flowcontrol.apiserver.k8s.io/v1` PriorityLevelConfiguration. */
export const PriorityLevelConfiguration = builtin<PriorityLevelConfiguration>()('flowcontrol.apiserver.k8s.io', 'v1', 'PriorityLevelConfiguration');
