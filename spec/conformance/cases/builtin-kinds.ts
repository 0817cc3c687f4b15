// The corpus's built-in kinds, each with a sample and changes that touch something mutable.
import type { KindSample } from './crud.js';

export const CONFIG_MAP: KindSample = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  namespaced: true,
  body: { data: { a: '1', b: '2' } },
  mergePatch: { data: { c: '3', a: null } },
  strategicPatch: { data: { d: '4' }, metadata: { annotations: { patched: 'strategic' } } },
  jsonPatch: [{ op: 'add', path: '/data/e', value: '5' }, { op: 'remove', path: '/data/b' }],
  apply: { data: { applied: 'yes' } },
};

export const BUILTIN_KINDS: readonly KindSample[] = [
  CONFIG_MAP,
  {
    apiVersion: 'v1',
    kind: 'Secret',
    plural: 'secrets',
    namespaced: true,
    body: { type: 'Opaque', data: { user: 'YWRtaW4=' }, stringData: { password: 'hunter2' } },
    mergePatch: { stringData: { extra: 'x' } },
    strategicPatch: { data: { more: 'bW9yZQ==' } },
    jsonPatch: [{ op: 'replace', path: '/data/user', value: 'cm9vdA==' }],
    apply: { stringData: { applied: 'yes' } },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    plural: 'roles',
    namespaced: true,
    body: { rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }] },
    mergePatch: { rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
    strategicPatch: { rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['watch'] }] },
    jsonPatch: [{ op: 'add', path: '/rules/-', value: { apiGroups: [''], resources: ['pods'], verbs: ['delete'] } }],
    apply: { rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    plural: 'clusterroles',
    namespaced: false,
    body: { rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }, { nonResourceURLs: ['/healthz'], verbs: ['get'] }] },
    mergePatch: { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { aggregate: 'me' } }] } },
    jsonPatch: [{ op: 'remove', path: '/rules/1' }],
    apply: { rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['list'] }] },
  },
];
