// Descriptors for networking.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { Ingress as IngressObject, IngressClass as IngressClassObject, NetworkPolicy as NetworkPolicyObject } from 'kubernetes-types/networking/v1.js';
import { builtin } from './builtin.js';

/** `networking.k8s.io/v1` Ingress. */
export type Ingress = IngressObject;
/** The descriptor (`ResourceType`) of `networking.k8s.io/v1` Ingress. */
export const Ingress = builtin<Ingress>()('networking.k8s.io', 'v1', 'Ingress');

/** `networking.k8s.io/v1` IngressClass. */
export type IngressClass = IngressClassObject;
/** The descriptor (`ResourceType`) of `networking.k8s.io/v1` IngressClass. */
export const IngressClass = builtin<IngressClass>()('networking.k8s.io', 'v1', 'IngressClass');

/** `networking.k8s.io/v1` NetworkPolicy. */
export type NetworkPolicy = NetworkPolicyObject;
/** The descriptor (`ResourceType`) of `networking.k8s.io/v1` NetworkPolicy. */
export const NetworkPolicy = builtin<NetworkPolicy>()('networking.k8s.io', 'v1', 'NetworkPolicy');
