// Descriptors for rbac.authorization.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { Role as RoleObject, RoleBinding as RoleBindingObject, ClusterRole as ClusterRoleObject, ClusterRoleBinding as ClusterRoleBindingObject } from 'kubernetes-types/rbac/v1.js';
import { builtin } from './builtin.js';

/** `rbac.authorization.k8s.io/v1` Role. */
export type Role = RoleObject;
/** The descriptor (`ResourceType`) of `rbac.authorization.k8s.io/v1` Role. */
export const Role = builtin<Role>()('rbac.authorization.k8s.io', 'v1', 'Role');

/** `rbac.authorization.k8s.io/v1` RoleBinding. */
export type RoleBinding = RoleBindingObject;
/** The descriptor (`ResourceType`) of `rbac.authorization.k8s.io/v1` RoleBinding. */
export const RoleBinding = builtin<RoleBinding>()('rbac.authorization.k8s.io', 'v1', 'RoleBinding');

/** `rbac.authorization.k8s.io/v1` ClusterRole. */
export type ClusterRole = ClusterRoleObject;
/** The descriptor (`ResourceType`) of `rbac.authorization.k8s.io/v1` ClusterRole. */
export const ClusterRole = builtin<ClusterRole>()('rbac.authorization.k8s.io', 'v1', 'ClusterRole');

/** `rbac.authorization.k8s.io/v1` ClusterRoleBinding. */
export type ClusterRoleBinding = ClusterRoleBindingObject;
/** The descriptor (`ResourceType`) of `rbac.authorization.k8s.io/v1` ClusterRoleBinding. */
export const ClusterRoleBinding = builtin<ClusterRoleBinding>()('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding');
