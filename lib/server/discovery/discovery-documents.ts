// The discovery documents: /api, /apis, /apis/{g}, /api/v1, /apis/{g}/{v}, and aggregated discovery v2.
import { createHash } from 'node:crypto';
import type { ResourceKind } from '../registry/resource-kind.js';
import type { ResourceRegistry } from '../registry/resource-registry.js';
import { subresourceInfo } from './subresource-info.js';

type Json = Record<string, unknown>;

/**
 * The version a storage encodes objects in when it differs from the version the server
 * reads them as: apiextensions-apiserver's codec writes CustomResourceDefinitions to etcd as
 * `v1beta1`, and the hash names the encoding.
 */
const ENCODED_VERSIONS: Readonly<Record<string, string>> = {
  'apiextensions.k8s.io/customresourcedefinitions': 'apiextensions.k8s.io/v1beta1',
};

/** `base64(sha256("group/version/kind")[:8])` of the storage version (apiserver `StorageVersionHash`). */
export function storageVersionHash(kind: ResourceKind): string {
  const storage = (kind.custom === undefined ? ENCODED_VERSIONS[kind.bucket] : undefined) ?? kind.storageApiVersion;
  const slash = storage.indexOf('/');
  const group = slash === -1 ? '' : storage.slice(0, slash);
  const version = slash === -1 ? storage : storage.slice(slash + 1);
  return createHash('sha256').update(`${group}/${version}/${kind.storageKind}`).digest().subarray(0, 8).toString('base64');
}

function groupVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

function discoverable(registry: ResourceRegistry, group: string, version: string): ResourceKind[] {
  return registry
    .all()
    .filter((r) => r.group === group && r.version === version && (r.custom === undefined || (r.custom.established && r.custom.serving)))
    .filter((r, i, all) => all.findIndex((o) => o.plural === r.plural) === i);
}

/** `GET /api`: `APIVersions`. */
export function apiVersions(serverAddress: string): Json {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(registry: ResourceRegistry, name: string): Json | undefined {
  const group = registry.groups().find((g) => g.name === name);
  if (group === undefined || name === '') return undefined;
  const versions = group.versions.map((v) => ({ groupVersion: groupVersion(name, v), version: v }));
  return { name, versions, preferredVersion: versions[0] };
}

/** `GET /apis`: `APIGroupList` (every group but core, in priority order). */
export function apiGroupList(registry: ResourceRegistry): Json {
  const groups = registry
    .groups()
    .filter((g) => g.name !== '')
    .map((g) => apiGroup(registry, g.name));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** `GET /apis/{group}`: `APIGroup`, or `undefined` when the group is not served. */
export function apiGroupDocument(registry: ResourceRegistry, name: string): Json | undefined {
  const group = apiGroup(registry, name);
  return group === undefined ? undefined : { kind: 'APIGroup', apiVersion: 'v1', ...group };
}

function verbsOf(kind: ResourceKind): readonly string[] {
  return kind.verbs;
}

/** `GET /api/v1`, `/apis/{g}/{v}`: `APIResourceList`, or `undefined` when not served. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): Json | undefined {
  const kinds = discoverable(registry, group, version);
  if (kinds.length === 0) return undefined;
  const resources: Json[] = [];
  for (const kind of kinds) {
    resources.push({
      name: kind.plural,
      singularName: kind.singular,
      namespaced: kind.namespaced,
      kind: kind.kind,
      verbs: verbsOf(kind),
      ...(kind.shortNames.length > 0 ? { shortNames: kind.shortNames } : {}),
      ...(kind.categories.length > 0 ? { categories: kind.categories } : {}),
      ...(kind.stored ? { storageVersionHash: storageVersionHash(kind) } : {}),
    });
    for (const sub of kind.subresources) {
      const info = subresourceInfo(sub);
      resources.push({
        name: `${kind.plural}/${sub}`,
        singularName: '',
        namespaced: kind.namespaced,
        ...(info.group === undefined ? {} : { group: info.group, version: info.version }),
        kind: info.kind?.(kind.kind) ?? kind.kind,
        verbs: info.verbs,
      });
    }
  }
  resources.sort((a, b) => (String(a['name']) < String(b['name']) ? -1 : 1));
  return { kind: 'APIResourceList', ...(group === '' ? {} : { apiVersion: 'v1' }), groupVersion: groupVersion(group, version), resources };
}

/**
 * A built-in resource's response kind names its group and version only when they differ from
 * the resource's (kube-apiserver converts its `APIResource` entries, which leave them empty);
 * apiextensions-apiserver always names them for custom resources.
 */
function aggregatedResource(kind: ResourceKind): Json {
  const explicit = kind.custom !== undefined;
  const subresources = kind.subresources.map((sub) => {
    const info = subresourceInfo(sub);
    return {
      subresource: sub,
      responseKind: {
        group: info.group ?? (explicit ? kind.group : ''),
        version: info.version ?? (explicit ? kind.version : ''),
        kind: info.kind?.(kind.kind) ?? kind.kind,
      },
      verbs: info.verbs,
    };
  });
  return {
    resource: kind.plural,
    responseKind: { group: explicit ? kind.group : '', version: explicit ? kind.version : '', kind: kind.kind },
    scope: kind.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: kind.singular,
    verbs: verbsOf(kind),
    ...(kind.shortNames.length > 0 ? { shortNames: kind.shortNames } : {}),
    ...(kind.categories.length > 0 ? { categories: kind.categories } : {}),
    ...(subresources.length > 0 ? { subresources } : {}),
  };
}

/**
 * Aggregated discovery (`apidiscovery.k8s.io/v2` or `v2beta1` `APIGroupDiscoveryList`):
 * for `/api` the core group alone, for `/apis` every other group, versions in priority
 * order, resources sorted by name.
 */
export function aggregatedDiscovery(registry: ResourceRegistry, root: 'api' | 'apis', apiVersion: 'v2' | 'v2beta1'): Json {
  const items = registry
    .groups()
    .filter((g) => (root === 'api' ? g.name === '' : g.name !== ''))
    .map((g) => ({
      metadata: { ...(g.name === '' ? {} : { name: g.name }), creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: discoverable(registry, g.name, v)
          .map(aggregatedResource)
          .sort((a, b) => (String(a['resource']) < String(b['resource']) ? -1 : 1)),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${apiVersion}`, metadata: {}, items };
}
