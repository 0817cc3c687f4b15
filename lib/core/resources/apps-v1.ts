// Descriptors for apps/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { ControllerRevision as ControllerRevisionObject, DaemonSet as DaemonSetObject, Deployment as DeploymentObject, ReplicaSet as ReplicaSetObject, StatefulSet as StatefulSetObject } from 'kubernetes-types/apps/v1.js';
import { builtin } from './builtin.js';

/** `apps/v1` ControllerRevision. */
export type ControllerRevision = ControllerRevisionObject;
/** The descriptor (`ResourceType`) of `apps/v1` ControllerRevision. */
export const ControllerRevision = builtin<ControllerRevision>()('apps', 'v1', 'ControllerRevision');

/** `apps/v1` DaemonSet. */
export type DaemonSet = DaemonSetObject;
/** The descriptor (`ResourceType`) of `apps/v1` DaemonSet. */
export const DaemonSet = builtin<DaemonSet>()('apps', 'v1', 'DaemonSet');

/** `apps/v1` Deployment. */
export type Deployment = DeploymentObject;
/** The descriptor (`ResourceType`) of `apps/v1` Deployment. */
export const Deployment = builtin<Deployment>()('apps', 'v1', 'Deployment');

/** `apps/v1` ReplicaSet. */
export type ReplicaSet = ReplicaSetObject;
/** The descriptor (`ResourceType`) of `apps/v1` ReplicaSet. */
export const ReplicaSet = builtin<ReplicaSet>()('apps', 'v1', 'ReplicaSet');

/** `apps/v1` StatefulSet. */
export type StatefulSet = StatefulSetObject;
/** The descriptor (`ResourceType`) of `apps/v1` StatefulSet. */
export const StatefulSet = builtin<StatefulSet>()('apps', 'v1', 'StatefulSet');
