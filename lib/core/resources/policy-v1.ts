// Descriptors for policy/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { PodDisruptionBudget as PodDisruptionBudgetObject } from 'kubernetes-types/policy/v1.js';
import { builtin } from './builtin.js';

/** `policy/v1` PodDisruptionBudget. */
export type PodDisruptionBudget = PodDisruptionBudgetObject;
/** The descriptor (`ResourceType`) of `policy/v1` PodDisruptionBudget. */
export const PodDisruptionBudget = builtin<PodDisruptionBudget>()('policy', 'v1', 'PodDisruptionBudget');
