// The one table of built-in kinds: group, version, kind, plural, scope, names and subresources.
// The client's descriptors and the embedded server's routes are both read from it.
import type { SubresourceName } from '../resource-type.js';

/** One built-in kind, as the API server's discovery describes it. */
export interface BuiltinResourceRow {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  /** The subresources kube-apiserver 1.32 serves by default (and so the embedded server). */
  readonly subresources: readonly SubresourceName[];
  /**
   * Subresources behind a feature gate that 1.32 leaves off by default (`pods/resize`:
   * InPlacePodVerticalScaling, on by default from 1.33). Descriptors offer them, so a client
   * can address clusters that serve them; the embedded server, like a default 1.32, does not.
   */
  readonly gatedSubresources?: readonly SubresourceName[];
}

/**
 * Every built-in kind kube-rx ships a descriptor for, in the order the API server's
 * discovery lists groups (by APIService priority: core first, CRD groups last).
 */
export const BUILTIN_RESOURCES = [
  // core/v1
  { group: '', version: 'v1', kind: 'Binding', plural: 'bindings', namespaced: true, shortNames: [], categories: [], subresources: [] },
  { group: '', version: 'v1', kind: 'ComponentStatus', plural: 'componentstatuses', namespaced: false, shortNames: ['cs'], categories: [], subresources: [] },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'], categories: [], subresources: [] },
  { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, shortNames: ['ep'], categories: [], subresources: [] },
  { group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'], categories: [], subresources: [] },
  { group: '', version: 'v1', kind: 'LimitRange', plural: 'limitranges', namespaced: true, shortNames: ['limits'], categories: [], subresources: [] },
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, shortNames: ['ns'], categories: [], subresources: ['finalize', 'status'] },
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', namespaced: false, shortNames: ['no'], categories: [], subresources: ['proxy', 'status'] },
  { group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', namespaced: true, shortNames: ['pvc'], categories: [], subresources: ['status'] },
  { group: '', version: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, shortNames: ['pv'], categories: [], subresources: ['status'] },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, shortNames: ['po'], categories: ['all'], subresources: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status'], gatedSubresources: ['resize'] },
  { group: '', version: 'v1', kind: 'PodTemplate', plural: 'podtemplates', namespaced: true, shortNames: [], categories: [], subresources: [] },
  { group: '', version: 'v1', kind: 'ReplicationController', plural: 'replicationcontrollers', namespaced: true, shortNames: ['rc'], categories: ['all'], subresources: ['scale', 'status'] },
  { group: '', version: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', namespaced: true, shortNames: ['quota'], categories: [], subresources: ['status'] },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true, shortNames: [], categories: [], subresources: [] },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, shortNames: ['sa'], categories: [], subresources: ['token'] },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, shortNames: ['svc'], categories: ['all'], subresources: ['proxy', 'status'] },
  // apiregistration.k8s.io/v1
  { group: 'apiregistration.k8s.io', version: 'v1', kind: 'APIService', plural: 'apiservices', namespaced: false, shortNames: [], categories: ['api-extensions'], subresources: ['status'] },
  // apps/v1
  { group: 'apps', version: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions', namespaced: true, shortNames: [], categories: [], subresources: [] },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', namespaced: true, shortNames: ['ds'], categories: ['all'], subresources: ['status'] },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, shortNames: ['deploy'], categories: ['all'], subresources: ['scale', 'status'] },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', namespaced: true, shortNames: ['rs'], categories: ['all'], subresources: ['scale', 'status'] },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', namespaced: true, shortNames: ['sts'], categories: ['all'], subresources: ['scale', 'status'] },
  // events.k8s.io/v1
  { group: 'events.k8s.io', version: 'v1', kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'], categories: [], subresources: [] },
  // authentication.k8s.io/v1 (create-only: the server answers, it stores nothing)
  { group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', namespaced: false, shortNames: [], categories: [], subresources: [] },
  { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenReview', plural: 'tokenreviews', namespaced: false, shortNames: [], categories: [], subresources: [] },
  // authorization.k8s.io/v1 (create-only)
  { group: 'authorization.k8s.io', version: 'v1', kind: 'LocalSubjectAccessReview', plural: 'localsubjectaccessreviews', namespaced: true, shortNames: [], categories: [], subresources: [] },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', namespaced: false, shortNames: [], categories: [], subresources: [] },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', namespaced: false, shortNames: [], categories: [], subresources: [] },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SubjectAccessReview', plural: 'subjectaccessreviews', namespaced: false, shortNames: [], categories: [], subresources: [] },
  // autoscaling/v2
  { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', namespaced: true, shortNames: ['hpa'], categories: ['all'], subresources: ['status'] },
  // autoscaling/v1
  { group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', namespaced: true, shortNames: ['hpa'], categories: ['all'], subresources: ['status'] },
  // batch/v1
  { group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', namespaced: true, shortNames: ['cj'], categories: ['all'], subresources: ['status'] },
  { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', namespaced: true, shortNames: [], categories: ['all'], subresources: ['status'] },
  // certificates.k8s.io/v1
  { group: 'certificates.k8s.io', version: 'v1', kind: 'CertificateSigningRequest', plural: 'certificatesigningrequests', namespaced: false, shortNames: ['csr'], categories: [], subresources: ['approval', 'status'] },
  // networking.k8s.io/v1
  { group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', plural: 'ingressclasses', namespaced: false, shortNames: [], categories: [], subresources: [] },
  { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', namespaced: true, shortNames: ['ing'], categories: [], subresources: ['status'] },
  { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, shortNames: ['netpol'], categories: [], subresources: [] },
  // policy/v1
  { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', namespaced: true, shortNames: ['pdb'], categories: [], subresources: ['status'] },
  // rbac.authorization.k8s.io/v1
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false, shortNames: [], categories: [], subresources: [] },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false, shortNames: [], categories: [], subresources: [] },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true, shortNames: [], categories: [], subresources: [] },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', namespaced: true, shortNames: [], categories: [], subresources: [] },
  // storage.k8s.io/v1
  { group: 'storage.k8s.io', version: 'v1', kind: 'CSIDriver', plural: 'csidrivers', namespaced: false, shortNames: [], categories: [], subresources: [] },
  { group: 'storage.k8s.io', version: 'v1', kind: 'CSINode', plural: 'csinodes', namespaced: false, shortNames: [], categories: [], subresources: [] },
  { group: 'storage.k8s.io', version: 'v1', kind: 'CSIStorageCapacity', plural: 'csistoragecapacities', namespaced: true, shortNames: [], categories: [], subresources: [] },
  { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', plural: 'storageclasses', namespaced: false, shortNames: ['sc'], categories: [], subresources: [] },
  { group: 'storage.k8s.io', version: 'v1', kind: 'VolumeAttachment', plural: 'volumeattachments', namespaced: false, shortNames: [], categories: [], subresources: ['status'] },
  // admissionregistration.k8s.io/v1
  { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'MutatingWebhookConfiguration', plural: 'mutatingwebhookconfigurations', namespaced: false, shortNames: [], categories: ['api-extensions'], subresources: [] },
  { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicy', plural: 'validatingadmissionpolicies', namespaced: false, shortNames: [], categories: ['api-extensions'], subresources: ['status'] },
  { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicyBinding', plural: 'validatingadmissionpolicybindings', namespaced: false, shortNames: [], categories: ['api-extensions'], subresources: [] },
  { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration', plural: 'validatingwebhookconfigurations', namespaced: false, shortNames: [], categories: ['api-extensions'], subresources: [] },
  // apiextensions.k8s.io/v1
  { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'], subresources: ['status'] },
  // scheduling.k8s.io/v1
  { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', plural: 'priorityclasses', namespaced: false, shortNames: ['pc'], categories: [], subresources: [] },
  // coordination.k8s.io/v1
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true, shortNames: [], categories: [], subresources: [] },
  // node.k8s.io/v1
  { group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass', plural: 'runtimeclasses', namespaced: false, shortNames: [], categories: [], subresources: [] },
  // discovery.k8s.io/v1
  { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', namespaced: true, shortNames: [], categories: [], subresources: [] },
  // flowcontrol.apiserver.k8s.io/v1
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'FlowSchema', plural: 'flowschemas', namespaced: false, shortNames: [], categories: [], subresources: ['status'] },
  { group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'PriorityLevelConfiguration', plural: 'prioritylevelconfigurations', namespaced: false, shortNames: [], categories: [], subresources: ['status'] },
] as const satisfies readonly BuiltinResourceRow[];

/** The type of one row of {@link BUILTIN_RESOURCES}. */
export type BuiltinRow = (typeof BUILTIN_RESOURCES)[number];
