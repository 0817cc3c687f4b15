// The discovery priorities kube-apiserver 1.32 gives its built-in group versions (pkg/controlplane/apiserver/aggregator.go, cmd/kube-apiserver/app/aggregator.go).

/** An APIService's `groupPriorityMinimum` and `versionPriority`. */
export interface ApiServicePriority {
  readonly group: number;
  readonly version: number;
}

/**
 * `group/version` (`/v1` for core) → priority, for the group versions the embedded server
 * serves: the merged `apiVersionPriorities` of kube-apiserver, which orders `/apis` and decides
 * which built-in group versions get an APIService. Groups with equal priority sort by name.
 */
export const BUILTIN_API_SERVICE_PRIORITIES: Readonly<Record<string, ApiServicePriority>> = {
  '/v1': { group: 18000, version: 1 },
  'apps/v1': { group: 17800, version: 15 },
  'events.k8s.io/v1': { group: 17750, version: 15 },
  'authentication.k8s.io/v1': { group: 17700, version: 15 },
  'authorization.k8s.io/v1': { group: 17600, version: 15 },
  'autoscaling/v2': { group: 17500, version: 30 },
  'autoscaling/v1': { group: 17500, version: 15 },
  'batch/v1': { group: 17400, version: 15 },
  'certificates.k8s.io/v1': { group: 17300, version: 15 },
  'networking.k8s.io/v1': { group: 17200, version: 15 },
  'policy/v1': { group: 17100, version: 15 },
  'rbac.authorization.k8s.io/v1': { group: 17000, version: 15 },
  'storage.k8s.io/v1': { group: 16800, version: 15 },
  'admissionregistration.k8s.io/v1': { group: 16700, version: 15 },
  'apiextensions.k8s.io/v1': { group: 16700, version: 15 },
  'scheduling.k8s.io/v1': { group: 16600, version: 15 },
  'coordination.k8s.io/v1': { group: 16500, version: 15 },
  'node.k8s.io/v1': { group: 16300, version: 15 },
  'discovery.k8s.io/v1': { group: 16200, version: 15 },
  'flowcontrol.apiserver.k8s.io/v1': { group: 16100, version: 21 },
};

/** The priority crdregistration gives every CRD group version ("CRDs should have relatively low priority"). */
export const CRD_API_SERVICE_PRIORITY: ApiServicePriority = { group: 1000, version: 100 };
