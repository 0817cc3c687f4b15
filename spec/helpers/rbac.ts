// Spec fixture: writes RBAC objects (and anything else) as the admin, and builds them tersely.
import type { ApiServer } from '../../lib/server/index.js';
import { rawRequest } from './api-server.js';

type Json = Record<string, unknown>;

const RBAC = '/apis/rbac.authorization.k8s.io/v1';

/** The collection path of an object: `/api/v1/namespaces/ns/configmaps`, `/apis/rbac.../clusterroles`. */
function collectionOf(object: Json): string {
  const apiVersion = String(object['apiVersion'] ?? 'v1');
  const kind = String(object['kind'] ?? '');
  const namespace = ((object['metadata'] ?? {}) as Json)['namespace'];
  const plural = `${kind.toLowerCase()}s`; // enough for the kinds specs create (Role, ConfigMap, ServiceAccount, ...)
  const root = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return typeof namespace === 'string' ? `${root}/namespaces/${namespace}/${plural}` : `${root}/${plural}`;
}

/** Creates objects as the admin, in order; throws on any failure. */
export async function createAll(server: ApiServer, objects: readonly Json[]): Promise<void> {
  for (const object of objects) {
    const res = await rawRequest(server, collectionOf(object), { method: 'POST', body: object });
    if (res.status !== 201) throw new Error(`creating ${String(object['kind'])}: ${res.status} ${res.text}`);
  }
}

/** A Role (or ClusterRole without `namespace`) with these rules. */
export function role(name: string, namespace: string | undefined, rules: readonly Json[], extra: Json = {}): Json {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: namespace === undefined ? 'ClusterRole' : 'Role',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
    rules,
    ...extra,
  };
}

/** A RoleBinding (or ClusterRoleBinding without `namespace`) of a role to subjects (`User:alice`, `Group:devs`, `ServiceAccount:ns/name`). */
export function binding(name: string, namespace: string | undefined, roleRef: `${'Role' | 'ClusterRole'}:${string}`, subjects: readonly string[]): Json {
  const [refKind, refName] = roleRef.split(':') as [string, string];
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding',
    metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: refKind, name: refName },
    subjects: subjects.map((s) => {
      const colon = s.indexOf(':');
      const kind = s.slice(0, colon);
      const rest = s.slice(colon + 1);
      if (kind === 'ServiceAccount') {
        const [ns, saName] = rest.includes('/') ? rest.split('/') : [undefined, rest];
        return { kind, name: saName, ...(ns === undefined ? {} : { namespace: ns }) };
      }
      return { kind, apiGroup: 'rbac.authorization.k8s.io', name: rest };
    }),
  };
}

/** The RBAC API root, for paths in specs. */
export const RBAC_API = RBAC;
