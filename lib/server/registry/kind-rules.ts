// Per-kind behaviour of kube-apiserver's registry strategies: generation, updates, deletes, naming.

/** Which name rule a kind's `metadata.name` must follow. */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path';

/**
 * How one kind behaves on writes, from its registry strategy in kube-apiserver
 * (`PrepareForCreate`, `AllowUnconditionalUpdate`, `AllowCreateOnUpdate`, ...).
 */
export interface KindRules {
  /** `metadata.generation` is set to 1 on create and bumped on spec changes. */
  readonly tracksGeneration: boolean;
  /**
   * The top-level fields whose change bumps the generation; `'all'` means every field but
   * `apiVersion`, `kind`, `metadata` (and `status` when a status subresource exists).
   */
  readonly generationFields: readonly string[] | 'all';
  /** Annotation changes bump the generation too (Deployments). */
  readonly generationOnAnnotations: boolean;
  /** A PUT without `metadata.resourceVersion` is allowed (the server fills it in). */
  readonly allowUnconditionalUpdate: boolean;
  /** A PUT of a missing object creates it (201). */
  readonly allowCreateOnUpdate: boolean;
  /** DELETE answers with the deleted object instead of a Success Status. */
  readonly returnDeletedObject: boolean;
  /** The rule `metadata.name` must follow. */
  readonly nameRule: NameRule;
  /**
   * What create does with `status` when the kind has a status subresource: `drop` removes
   * it (custom resources), `reset` replaces it with {@link initialStatus}, `keep` leaves it.
   */
  readonly statusOnCreate: 'drop' | 'reset' | 'keep';
  /** The status a `reset` create starts with. */
  readonly initialStatus?: Readonly<Record<string, unknown>>;
  /** Deletion waits a grace period (Pods bound to a node). */
  readonly graceful: boolean;
  /**
   * A delete without a propagation policy orphans the dependents (`DefaultGarbageCollectionPolicy`
   * is OrphanDependents: batch/v1 Jobs and v1 ReplicationControllers, for backwards compatibility).
   */
  readonly orphanByDefault: boolean;
}

const BASE: KindRules = {
  tracksGeneration: false,
  generationFields: ['spec'],
  generationOnAnnotations: false,
  allowUnconditionalUpdate: true,
  allowCreateOnUpdate: false,
  returnDeletedObject: false,
  nameRule: 'subdomain',
  statusOnCreate: 'reset',
  graceful: false,
  orphanByDefault: false,
};

const GENERATION: Partial<KindRules> = { tracksGeneration: true };

/**
 * Rules of built-in kinds that differ from the defaults, keyed by `group/Kind`: each strategy's
 * `AllowUnconditionalUpdate`/`AllowCreateOnUpdate` and generation handling as pkg/registry of
 * kube-apiserver 1.32 (and kube-aggregator's, apiextensions-apiserver's) declare them.
 */
const OVERRIDES: Readonly<Record<string, Partial<KindRules>>> = {
  '/Pod': { returnDeletedObject: true, graceful: true, initialStatus: { phase: 'Pending' } },
  '/Namespace': { nameRule: 'label', returnDeletedObject: true, initialStatus: { phase: 'Active' } },
  '/Node': { statusOnCreate: 'keep' },
  '/Service': { nameRule: 'dns1035', returnDeletedObject: true, allowCreateOnUpdate: true, initialStatus: { loadBalancer: {} } },
  '/PodTemplate': { ...GENERATION, generationFields: ['template'], returnDeletedObject: true },
  '/ServiceAccount': { returnDeletedObject: true },
  '/Endpoints': { allowCreateOnUpdate: true },
  '/Event': { allowCreateOnUpdate: true },
  '/LimitRange': { allowCreateOnUpdate: true },
  '/ReplicationController': { ...GENERATION, orphanByDefault: true },
  '/ResourceQuota': { returnDeletedObject: true },
  '/PersistentVolume': { returnDeletedObject: true, initialStatus: { phase: 'Pending' } },
  '/PersistentVolumeClaim': { returnDeletedObject: true, initialStatus: { phase: 'Pending' } },
  'apps/Deployment': { ...GENERATION, generationOnAnnotations: true },
  'apps/ReplicaSet': GENERATION,
  'apps/StatefulSet': GENERATION,
  'apps/DaemonSet': GENERATION,
  'batch/Job': { ...GENERATION, orphanByDefault: true },
  'batch/CronJob': GENERATION,
  'autoscaling/HorizontalPodAutoscaler': GENERATION,
  'policy/PodDisruptionBudget': { ...GENERATION, allowUnconditionalUpdate: false },
  'networking.k8s.io/Ingress': GENERATION,
  'networking.k8s.io/NetworkPolicy': GENERATION,
  'networking.k8s.io/IngressClass': GENERATION,
  'discovery.k8s.io/EndpointSlice': { ...GENERATION, generationFields: ['endpoints', 'ports', 'addressType'] },
  'coordination.k8s.io/Lease': { allowUnconditionalUpdate: false, allowCreateOnUpdate: true },
  'rbac.authorization.k8s.io/Role': { nameRule: 'path', allowCreateOnUpdate: true },
  'rbac.authorization.k8s.io/ClusterRole': { nameRule: 'path', allowCreateOnUpdate: true },
  'rbac.authorization.k8s.io/RoleBinding': { nameRule: 'path', allowCreateOnUpdate: true },
  'rbac.authorization.k8s.io/ClusterRoleBinding': { nameRule: 'path', allowCreateOnUpdate: true },
  'storage.k8s.io/StorageClass': { returnDeletedObject: true },
  // PrepareForCreate sets generation 1; PrepareForUpdate never bumps it.
  'scheduling.k8s.io/PriorityClass': { ...GENERATION, generationFields: [] },
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': { ...GENERATION, generationFields: ['webhooks'], allowUnconditionalUpdate: false },
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': { ...GENERATION, generationFields: ['webhooks'], allowUnconditionalUpdate: false },
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': { ...GENERATION, allowUnconditionalUpdate: false },
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': { ...GENERATION, allowUnconditionalUpdate: false },
  'apiregistration.k8s.io/APIService': { nameRule: 'path', allowUnconditionalUpdate: false },
  'storage.k8s.io/CSIDriver': { allowUnconditionalUpdate: false, returnDeletedObject: true },
  'storage.k8s.io/CSINode': { allowUnconditionalUpdate: false, returnDeletedObject: true },
  'storage.k8s.io/CSIStorageCapacity': { allowUnconditionalUpdate: false },
  'storage.k8s.io/VolumeAttachment': { allowUnconditionalUpdate: false, returnDeletedObject: true },
  'node.k8s.io/RuntimeClass': { allowUnconditionalUpdate: false, allowCreateOnUpdate: true },
  'flowcontrol.apiserver.k8s.io/FlowSchema': GENERATION,
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': GENERATION,
  'apiextensions.k8s.io/CustomResourceDefinition': { ...GENERATION, allowUnconditionalUpdate: false },
  'certificates.k8s.io/CertificateSigningRequest': { statusOnCreate: 'reset', initialStatus: {} },
};

/** The rules of a built-in kind. */
export function builtinKindRules(group: string, kind: string): KindRules {
  return { ...BASE, ...(OVERRIDES[`${group}/${kind}`] ?? {}) };
}

/** The rules of every custom resource (apiextensions-apiserver's strategy). */
export const CUSTOM_RESOURCE_RULES: KindRules = {
  ...BASE,
  tracksGeneration: true,
  generationFields: 'all',
  allowUnconditionalUpdate: false,
  statusOnCreate: 'drop',
};
