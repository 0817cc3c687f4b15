// The default roles and bindings a real cluster ships, created in the store when the server starts.
import { randomUUID } from 'node:crypto';
import { createObject } from '../objects/create-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { formatTime, type ServerContext } from '../server-context.js';
import type { StoredObject } from '../store/store-event.js';
import { BOOTSTRAP_POLICY_JSON } from './bootstrap-policy-data.js';

type Json = Record<string, unknown>;

/** kube-apiserver's bootstrap RBAC objects, as its `rbac/bootstrap-roles` post-start hook creates them. */
export interface BootstrapPolicy {
  readonly clusterRoles: readonly Json[];
  readonly clusterRoleBindings: readonly Json[];
  readonly roles: readonly Json[];
  readonly roleBindings: readonly Json[];
}

let policy: BootstrapPolicy | undefined;

/**
 * The bootstrap policy of Kubernetes 1.32 (generated from its `bootstrappolicy` package):
 * `cluster-admin` (bound to `system:masters`); `admin`, `edit` and `view`, empty until the
 * aggregation controller fills them from the `system:aggregate-to-*` roles;
 * `system:discovery` and `system:basic-user` (bound to `system:authenticated`);
 * `system:public-info-viewer` (`/healthz`, `/livez`, `/readyz`, `/version`, bound to
 * `system:authenticated` and `system:unauthenticated`); `system:service-account-issuer-discovery`
 * (bound to `system:serviceaccounts`); the `system:controller:*`, `system:kube-*`,
 * `system:node*` roles; and the Roles and RoleBindings of `kube-system` and `kube-public`.
 */
export function bootstrapPolicy(): BootstrapPolicy {
  policy ??= JSON.parse(BOOTSTRAP_POLICY_JSON) as BootstrapPolicy;
  return policy;
}

/** The stored bootstrap objects of the first server, by bucket and key, to copy into the next ones. */
let template: { bucket: string; key: string; object: StoredObject }[] | undefined;

const PLURALS = ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'] as const;

/**
 * Creates every bootstrap object (the namespaces `kube-system` and `kube-public` must
 * exist), then runs `settle` (the aggregation controller's first sync). The first server of
 * a process creates them through the whole write pipeline; the objects it ends with are kept
 * and later servers get copies with their own uids and timestamps, so that a start costs a
 * few milliseconds more rather than ~50.
 */
export function seedBootstrapPolicy(ctx: ServerContext, settle: () => void): void {
  if (template !== undefined) {
    const time = formatTime(ctx.now());
    for (const { bucket, key, object } of template) {
      const copy = structuredClone(object) as unknown as Json & { metadata: Json & { managedFields?: Json[] } };
      copy.metadata['uid'] = randomUUID();
      copy.metadata['creationTimestamp'] = time;
      for (const entry of copy.metadata.managedFields ?? []) entry['time'] = time;
      ctx.store.create(bucket, key, copy as unknown as StoredObject);
    }
    settle();
    return;
  }
  const policy = bootstrapPolicy();
  const lists = { clusterroles: policy.clusterRoles, clusterrolebindings: policy.clusterRoleBindings, roles: policy.roles, rolebindings: policy.roleBindings };
  const kinds = PLURALS.map((plural) => {
    const kind = ctx.registry.find('rbac.authorization.k8s.io', 'v1', plural);
    if (kind === undefined) throw new Error(`kube-rx: the built-in table has no ${plural}`);
    return kind;
  });
  for (const kind of kinds) {
    for (const object of lists[kind.plural as (typeof PLURALS)[number]]) {
      const namespace = ((object['metadata'] ?? {}) as Json)['namespace'];
      createObject(ctx, kind, typeof namespace === 'string' ? namespace : undefined, decodeObject(kind, object), {
        dryRun: false,
        fieldManager: 'kube-apiserver',
        warnings: [],
      });
    }
  }
  settle();
  template = kinds.flatMap((kind) => ctx.store.entries(kind.bucket).map(({ key, object }) => ({ bucket: kind.bucket, key, object: structuredClone(object) })));
}
