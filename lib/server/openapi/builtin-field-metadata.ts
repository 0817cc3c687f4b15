// How built-in lists and maps merge: Kubernetes' patchStrategy/patchMergeKey struct tags and SSA list types.

/**
 * The merge metadata Kubernetes attaches to one field of a built-in Go type:
 * `patchStrategy`/`patchMergeKey` struct tags (strategic merge patch) and the
 * `+listType`/`+listMapKey`/`+mapType` markers (server-side apply, and the OpenAPI
 * `x-kubernetes-*` extensions).
 */
export interface FieldMergeMetadata {
  /** `merge`, `retainKeys` or `merge,retainKeys`; absent means "replace". */
  readonly patchStrategy?: 'merge' | 'retainKeys' | 'merge,retainKeys';
  /** The key that identifies an item of an object list merged by strategic merge patch. */
  readonly patchMergeKey?: string;
  /** The list's SSA topology; absent falls back to the patch strategy (merge → map/set, else atomic). */
  readonly listType?: 'atomic' | 'set' | 'map';
  /** The keys of a `map` list. */
  readonly listMapKeys?: readonly string[];
  /** `atomic` for maps replaced as a whole by server-side apply. */
  readonly mapType?: 'atomic' | 'granular';
}

const merge = (key: string, listMapKeys: readonly string[] = [key]): FieldMergeMetadata => ({
  patchStrategy: 'merge',
  patchMergeKey: key,
  listType: 'map',
  listMapKeys,
});
const mergeAtomic = (key: string): FieldMergeMetadata => ({ patchStrategy: 'merge', patchMergeKey: key, listType: 'atomic' });
const mergeRetain = (key: string): FieldMergeMetadata => ({ patchStrategy: 'merge,retainKeys', patchMergeKey: key, listType: 'map', listMapKeys: [key] });
const conditions = merge('type');
const mapOnly = (...keys: string[]): FieldMergeMetadata => ({ listType: 'map', listMapKeys: keys });
const atomic: FieldMergeMetadata = { listType: 'atomic' };
const atomicMap: FieldMergeMetadata = { mapType: 'atomic' };

/** Short prefixes used in the table's keys. */
function expand(key: string): string {
  if (key.startsWith('meta.')) return `io.k8s.apimachinery.pkg.apis.${key}`;
  if (key.startsWith('apiextensions.')) return `io.k8s.apiextensions-apiserver.pkg.apis.${key}`;
  return `io.k8s.api.${key}`;
}

// Keyed `<group>.<version>.<Type>.<field>`. Sources: kubernetes/api `*/v1/types.go` struct tags and
// list markers (as of 1.30); lists of scalars and structs not named here are atomic, like Kubernetes'
// `+listType=atomic` default for lists without a patch strategy.
const TABLE: Readonly<Record<string, FieldMergeMetadata>> = {
  'meta.v1.ObjectMeta.ownerReferences': merge('uid'),
  'meta.v1.ObjectMeta.finalizers': { patchStrategy: 'merge', listType: 'set' },
  'meta.v1.ObjectMeta.managedFields': atomic,
  // core/v1 Pod
  'core.v1.PodSpec.volumes': mergeRetain('name'),
  'core.v1.PodSpec.initContainers': merge('name'),
  'core.v1.PodSpec.containers': merge('name'),
  'core.v1.PodSpec.ephemeralContainers': merge('name'),
  'core.v1.PodSpec.imagePullSecrets': merge('name'),
  'core.v1.PodSpec.hostAliases': merge('ip'),
  'core.v1.PodSpec.topologySpreadConstraints': merge('topologyKey', ['topologyKey', 'whenUnsatisfiable']),
  'core.v1.PodSpec.resourceClaims': mergeRetain('name'),
  'core.v1.PodSpec.schedulingGates': merge('name'),
  'core.v1.PodSpec.nodeSelector': atomicMap,
  'core.v1.Container.ports': merge('containerPort', ['containerPort', 'protocol']),
  'core.v1.Container.env': merge('name'),
  'core.v1.Container.volumeMounts': merge('mountPath'),
  'core.v1.Container.volumeDevices': merge('devicePath'),
  'core.v1.EphemeralContainer.ports': merge('containerPort', ['containerPort', 'protocol']),
  'core.v1.EphemeralContainer.env': merge('name'),
  'core.v1.EphemeralContainer.volumeMounts': merge('mountPath'),
  'core.v1.EphemeralContainer.volumeDevices': merge('devicePath'),
  'core.v1.ResourceRequirements.claims': mapOnly('name'),
  'core.v1.PodStatus.conditions': conditions,
  'core.v1.PodStatus.podIPs': merge('ip'),
  'core.v1.PodStatus.hostIPs': mergeAtomic('ip'),
  'core.v1.PodStatus.resourceClaimStatuses': mergeRetain('name'),
  // core/v1 others
  'core.v1.ServiceSpec.ports': merge('port', ['port', 'protocol']),
  'core.v1.ServiceSpec.selector': atomicMap,
  'core.v1.ServiceStatus.conditions': conditions,
  'core.v1.ReplicationControllerSpec.selector': atomicMap,
  'core.v1.ReplicationControllerStatus.conditions': conditions,
  'core.v1.NodeSpec.podCIDRs': { patchStrategy: 'merge', listType: 'set' },
  'core.v1.NodeStatus.conditions': conditions,
  'core.v1.NodeStatus.addresses': merge('type'),
  'core.v1.NamespaceStatus.conditions': conditions,
  'core.v1.PersistentVolumeClaimStatus.conditions': conditions,
  'core.v1.ServiceAccount.secrets': merge('name'),
  'core.v1.ScopedResourceSelectorRequirement.values': atomic,
  // apps/v1
  'apps.v1.DeploymentSpec.strategy': { patchStrategy: 'retainKeys' },
  'apps.v1.DeploymentStatus.conditions': conditions,
  'apps.v1.ReplicaSetStatus.conditions': conditions,
  'apps.v1.StatefulSetStatus.conditions': conditions,
  'apps.v1.DaemonSetStatus.conditions': conditions,
  // batch/v1
  'batch.v1.JobStatus.conditions': mergeAtomic('type'),
  // autoscaling/v2
  'autoscaling.v2.HorizontalPodAutoscalerStatus.conditions': conditions,
  // policy/v1
  'policy.v1.PodDisruptionBudgetStatus.conditions': conditions,
  // certificates, apiextensions (list markers only)
  'certificates.v1.CertificateSigningRequestStatus.conditions': mapOnly('type'),
  'apiextensions.v1.CustomResourceDefinitionStatus.conditions': mapOnly('type'),
  'apiextensions.v1.CustomResourceDefinitionSpec.versions': atomic,
};

/** Built-in struct types that server-side apply replaces as a whole (`+structType=atomic`). */
export const ATOMIC_STRUCTS: ReadonlySet<string> = new Set(
  [
    'meta.v1.LabelSelector',
    'meta.v1.OwnerReference',
    'core.v1.ObjectReference',
    'core.v1.LocalObjectReference',
    'core.v1.TypedLocalObjectReference',
    'core.v1.SecretKeySelector',
    'core.v1.ConfigMapKeySelector',
    'core.v1.ObjectFieldSelector',
    'core.v1.ResourceFieldSelector',
    'core.v1.NodeSelector',
    'core.v1.NodeSelectorTerm',
    'core.v1.TopologySelectorTerm',
    'core.v1.SecretReference',
    'core.v1.ScopeSelector',
    'core.v1.EndpointAddress',
    'core.v1.EndpointPort',
    'discovery.v1.EndpointPort',
    'networking.v1.ServiceBackendPort',
    'rbac.v1.RoleRef',
    'rbac.v1.Subject',
    'autoscaling.v1.CrossVersionObjectReference',
    'admissionregistration.v1.MatchResources',
    'admissionregistration.v1.NamedRuleWithOperations',
    'admissionregistration.v1.ParamKind',
    'admissionregistration.v1.ParamRef',
    'admissionregistration.v1.Variable',
  ].map(expand),
);

const EXPANDED: ReadonlyMap<string, FieldMergeMetadata> = new Map(Object.entries(TABLE).map(([key, value]) => [expand(key), value]));

/**
 * The merge metadata of `field` in the built-in type `definition` (an OpenAPI name), or
 * `undefined` when Kubernetes declares none (lists then replace/are atomic, maps merge).
 *
 * ## Example
 * ```ts
 * builtinFieldMetadata('io.k8s.api.core.v1.PodSpec', 'containers');
 * // { patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }
 * ```
 */
export function builtinFieldMetadata(definition: string, field: string): FieldMergeMetadata | undefined {
  return EXPANDED.get(`${definition}.${field}`);
}

/** Default values of list-map key fields that the API server fills in before merging (`protocol: TCP`). */
export const LIST_MAP_KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: 'TCP' };

/** Every entry of the table, keyed `<OpenAPI type name>.<field>`. */
export function builtinFieldMetadataEntries(): ReadonlyMap<string, FieldMergeMetadata> {
  return EXPANDED;
}
