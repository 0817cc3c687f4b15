// Descriptors for apiextensions.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { CustomResourceDefinition as CustomResourceDefinitionObject } from 'kubernetes-types/apiextensions/v1.js';
import { builtin } from './builtin.js';

/** `apiextensions.k8s.io/v1` CustomResourceDefinition. */
export type CustomResourceDefinition = CustomResourceDefinitionObject;
/** The descriptor (`ResourceType`) of `apiextensions.k8s.io/v1` CustomResourceDefinition. */
export const CustomResourceDefinition = builtin<CustomResourceDefinition>()('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition');
