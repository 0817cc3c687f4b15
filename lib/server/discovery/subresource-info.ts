// What discovery says about each subresource: verbs and the kind it answers with.

/** Discovery facts of one subresource. */
export interface SubresourceInfo {
  readonly verbs: readonly string[];
  /** The response kind's group/version when it differs from the parent's. */
  readonly group?: string;
  readonly version?: string;
  /** The response kind; `undefined` means the parent's kind. */
  readonly kind?: (parentKind: string) => string;
}

const SUBRESOURCES: Readonly<Record<string, SubresourceInfo>> = {
  status: { verbs: ['get', 'patch', 'update'] },
  scale: { verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1', kind: () => 'Scale' },
  log: { verbs: ['get'] },
  exec: { verbs: ['create', 'get'], kind: () => 'PodExecOptions' },
  attach: { verbs: ['create', 'get'], kind: () => 'PodAttachOptions' },
  portforward: { verbs: ['create', 'get'], kind: () => 'PodPortForwardOptions' },
  proxy: { verbs: ['create', 'delete', 'get', 'patch', 'update'], kind: (parent) => `${parent}ProxyOptions` },
  binding: { verbs: ['create'], kind: () => 'Binding' },
  eviction: { verbs: ['create'], group: 'policy', version: 'v1', kind: () => 'Eviction' },
  ephemeralcontainers: { verbs: ['get', 'patch', 'update'] },
  finalize: { verbs: ['update'] },
  token: { verbs: ['create'], group: 'authentication.k8s.io', version: 'v1', kind: () => 'TokenRequest' },
  approval: { verbs: ['get', 'patch', 'update'] },
};

/** The discovery facts of a subresource (`get` only for unknown ones). */
export function subresourceInfo(name: string): SubresourceInfo {
  return SUBRESOURCES[name] ?? { verbs: ['get'] };
}
