// Descriptors for autoscaling/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { HorizontalPodAutoscaler as HorizontalPodAutoscalerObject } from 'kubernetes-types/autoscaling/v1.js';
import { builtin } from './builtin.js';

/** `autoscaling/v1` HorizontalPodAutoscaler. */
export type AutoscalingV1HorizontalPodAutoscaler = HorizontalPodAutoscalerObject;
/** The descriptor (`ResourceType`) of `autoscaling/v1` HorizontalPodAutoscaler. */
export const AutoscalingV1HorizontalPodAutoscaler = builtin<AutoscalingV1HorizontalPodAutoscaler>()('autoscaling', 'v1', 'HorizontalPodAutoscaler');
