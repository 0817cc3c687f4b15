// Descriptors for autoscaling/v2: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { HorizontalPodAutoscaler as HorizontalPodAutoscalerObject } from 'kubernetes-types/autoscaling/v2.js';
import { builtin } from './builtin.js';

/** `autoscaling/v2` HorizontalPodAutoscaler. */
export type HorizontalPodAutoscaler = HorizontalPodAutoscalerObject;
/** The descriptor (`ResourceType`) of `autoscaling/v2` HorizontalPodAutoscaler. */
export const HorizontalPodAutoscaler = builtin<HorizontalPodAutoscaler>()('autoscaling', 'v2', 'HorizontalPodAutoscaler');
