// Descriptors for core/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { Binding as BindingObject, ComponentStatus as ComponentStatusObject, ConfigMap as ConfigMapObject, Endpoints as EndpointsObject, Event as EventObject, LimitRange as LimitRangeObject, Namespace as NamespaceObject, Node as NodeObject, PersistentVolume as PersistentVolumeObject, PersistentVolumeClaim as PersistentVolumeClaimObject, Pod as PodObject, PodTemplate as PodTemplateObject, ReplicationController as ReplicationControllerObject, ResourceQuota as ResourceQuotaObject, Secret as SecretObject, Service as ServiceObject, ServiceAccount as ServiceAccountObject } from 'kubernetes-types/core/v1.js';
import { builtin } from './builtin.js';

/** `core/v1` ConfigMap. */
export type ConfigMap = ConfigMapObject;
/** The descriptor (`ResourceType`) of `core/v1` ConfigMap. */
export const ConfigMap = builtin<ConfigMap>()('', 'v1', 'ConfigMap');

/** `core/v1` Endpoints. */
export type Endpoints = EndpointsObject;
/** The descriptor (`ResourceType`) of `core/v1` Endpoints. */
export const Endpoints = builtin<Endpoints>()('', 'v1', 'Endpoints');

/** `core/v1` Event. */
export type CoreEvent = EventObject;
/** The descriptor (`ResourceType`) of `core/v1` Event. */
export const CoreEvent = builtin<CoreEvent>()('', 'v1', 'Event');

/** `core/v1` LimitRange. */
export type LimitRange = LimitRangeObject;
/** The descriptor (`ResourceType`) of `core/v1` LimitRange. */
export const LimitRange = builtin<LimitRange>()('', 'v1', 'LimitRange');

/** `core/v1` Namespace. */
export type Namespace = NamespaceObject;
/** The descriptor (`ResourceType`) of `core/v1` Namespace. */
export const Namespace = builtin<Namespace>()('', 'v1', 'Namespace');

/** `core/v1` Node. */
export type Node = NodeObject;
/** The descriptor (`ResourceType`) of `core/v1` Node. */
export const Node = builtin<Node>()('', 'v1', 'Node');

/** `core/v1` PersistentVolumeClaim. */
export type PersistentVolumeClaim = PersistentVolumeClaimObject;
/** The descriptor (`ResourceType`) of `core/v1` PersistentVolumeClaim. */
export const PersistentVolumeClaim = builtin<PersistentVolumeClaim>()('', 'v1', 'PersistentVolumeClaim');

/** `core/v1` PersistentVolume. */
export type PersistentVolume = PersistentVolumeObject;
/** The descriptor (`ResourceType`) of `core/v1` PersistentVolume. */
export const PersistentVolume = builtin<PersistentVolume>()('', 'v1', 'PersistentVolume');

/** `core/v1` Pod. */
export type Pod = PodObject;
/** The descriptor (`ResourceType`) of `core/v1` Pod. */
export const Pod = builtin<Pod>()('', 'v1', 'Pod');

/** `core/v1` ReplicationController. */
export type ReplicationController = ReplicationControllerObject;
/** The descriptor (`ResourceType`) of `core/v1` ReplicationController. */
export const ReplicationController = builtin<ReplicationController>()('', 'v1', 'ReplicationController');

/** `core/v1` ResourceQuota. */
export type ResourceQuota = ResourceQuotaObject;
/** The descriptor (`ResourceType`) of `core/v1` ResourceQuota. */
export const ResourceQuota = builtin<ResourceQuota>()('', 'v1', 'ResourceQuota');

/** `core/v1` Secret. */
export type Secret = SecretObject;
/** The descriptor (`ResourceType`) of `core/v1` Secret. */
export const Secret = builtin<Secret>()('', 'v1', 'Secret');

/** `core/v1` ServiceAccount. */
export type ServiceAccount = ServiceAccountObject;
/** The descriptor (`ResourceType`) of `core/v1` ServiceAccount. */
export const ServiceAccount = builtin<ServiceAccount>()('', 'v1', 'ServiceAccount');

/** `core/v1` Service. */
export type Service = ServiceObject;
/** The descriptor (`ResourceType`) of `core/v1` Service. */
export const Service = builtin<Service>()('', 'v1', 'Service');

/** `core/v1` Binding. */
export type Binding = BindingObject;
/** The descriptor (`ResourceType`) of `core/v1` Binding. */
export const Binding = builtin<Binding>()('', 'v1', 'Binding');

/** `core/v1` ComponentStatus. */
export type ComponentStatus = ComponentStatusObject;
/** The descriptor (`ResourceType`) of `core/v1` ComponentStatus. */
export const ComponentStatus = builtin<ComponentStatus>()('', 'v1', 'ComponentStatus');

/** `core/v1` PodTemplate. */
export type PodTemplate = PodTemplateObject;
/** The descriptor (`ResourceType`) of `core/v1` PodTemplate. */
export const PodTemplate = builtin<PodTemplate>()('', 'v1', 'PodTemplate');
