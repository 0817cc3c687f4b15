// Descriptors for discovery.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { EndpointSlice as EndpointSliceObject } from 'kubernetes-types/discovery/v1.js';
import { builtin } from './builtin.js';

/** `discovery.k8s.io/v1` EndpointSlice. */
export type EndpointSlice = EndpointSliceObject;
/** The descriptor (`ResourceType`) of `discovery.k8s.io/v1` EndpointSlice. */
export const EndpointSlice = builtin<EndpointSlice>()('discovery.k8s.io', 'v1', 'EndpointSlice');
