// Turns discovery documents (aggregated v2/v2beta1 and legacy) into ApiGroupInfo.
import { apiResource } from '../../core/api-resource.js';
import type { SubresourceName } from '../../core/resource-type.js';
import type { ApiGroupInfo, DiscoveredResource, DiscoveredSubresource } from './api-group.js';
import { DiscoveryError } from './discovery-error.js';

const ADDRESSABLE: ReadonlySet<string> = new Set<SubresourceName>([
  'status',
  'scale',
  'log',
  'exec',
  'attach',
  'portforward',
  'eviction',
  'binding',
  'ephemeralcontainers',
  'resize',
  'proxy',
  'finalize',
  'token',
  'approval',
]);

function invalid(where: string, detail: string): DiscoveryError {
  return new DiscoveryError('InvalidDocument', `${where}: ${detail}`);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(where, 'is not an object');
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(where, 'is not a list');
  return value;
}

interface ResourceFacts {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string | undefined;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  subresources: DiscoveredSubresource[];
}

function discovered(facts: ResourceFacts): DiscoveredResource {
  const resource = apiResource({
    group: facts.group,
    version: facts.version,
    kind: facts.kind,
    plural: facts.plural,
    ...(facts.singular === undefined || facts.singular === '' ? {} : { singular: facts.singular }),
    namespaced: facts.namespaced,
    shortNames: facts.shortNames,
    categories: facts.categories,
    subresources: facts.subresources.map((s) => s.name).filter((name): name is SubresourceName => ADDRESSABLE.has(name)),
  });
  return { resource, verbs: facts.verbs, subresources: facts.subresources };
}

/**
 * Parses an aggregated discovery document (`apidiscovery.k8s.io/v2` or `v2beta1`
 * `APIGroupDiscoveryList`), from `/api` or `/apis`.
 *
 * @throws {DiscoveryError} `InvalidDocument` when the document is not shaped as one.
 */
export function parseAggregatedDiscovery(document: unknown, where: string): ApiGroupInfo[] {
  const root = record(document, where);
  if (root['kind'] !== 'APIGroupDiscoveryList') throw invalid(where, `has kind ${JSON.stringify(root['kind'])}, not APIGroupDiscoveryList`);
  return list(root['items'], `${where} items`).map((item, index) => {
    const group = record(item, `${where} items[${index}]`);
    const name = (record(group['metadata'] ?? {}, `${where} items[${index}].metadata`)['name'] as string | undefined) ?? '';
    const versions: string[] = [];
    const resources = new Map<string, DiscoveredResource[]>();
    for (const [v, entry] of list(group['versions'], `${where} group ${name} versions`).entries()) {
      const versionDoc = record(entry, `${where} group ${name} versions[${v}]`);
      const version = versionDoc['version'];
      if (typeof version !== 'string') throw invalid(where, `group ${JSON.stringify(name)} has a version without a name`);
      versions.push(version);
      resources.set(
        version,
        list(versionDoc['resources'], `${where} ${name}/${version} resources`).map((r) => {
          const res = record(r, `${where} ${name}/${version} resource`);
          const kind = record(res['responseKind'] ?? {}, `${where} ${name}/${version} responseKind`)['kind'];
          const plural = res['resource'];
          if (typeof plural !== 'string' || typeof kind !== 'string') throw invalid(where, `${name}/${version} has a resource without resource or responseKind.kind`);
          return discovered({
            group: name,
            version,
            kind,
            plural,
            singular: typeof res['singularResource'] === 'string' ? res['singularResource'] : undefined,
            namespaced: res['scope'] === 'Namespaced',
            verbs: strings(res['verbs']),
            shortNames: strings(res['shortNames']),
            categories: strings(res['categories']),
            subresources: list(res['subresources'], `${where} ${plural} subresources`).map((s) => {
              const sub = record(s, `${where} ${plural} subresource`);
              const subKind = (sub['responseKind'] as { kind?: unknown } | undefined)?.kind;
              return { name: String(sub['subresource']), ...(typeof subKind === 'string' ? { kind: subKind } : {}), verbs: strings(sub['verbs']) };
            }),
          });
        }),
      );
    }
    if (versions.length === 0) throw invalid(where, `group ${JSON.stringify(name)} lists no version`);
    return { name, versions, preferredVersion: versions[0] as string, resources };
  });
}

/**
 * Parses a legacy `APIResourceList` (`/api/v1`, `/apis/apps/v1`): `pods/log` style entries
 * become subresources of their resource.
 *
 * @throws {DiscoveryError} `InvalidDocument` when the document is not shaped as one.
 */
export function parseApiResourceList(document: unknown, group: string, version: string, where: string): DiscoveredResource[] {
  const root = record(document, where);
  const entries = list(root['resources'], `${where} resources`).map((r) => record(r, `${where} resource`));
  const subresources = new Map<string, DiscoveredSubresource[]>();
  for (const entry of entries) {
    const name = String(entry['name'] ?? '');
    const slash = name.indexOf('/');
    if (slash === -1) continue;
    const parent = name.slice(0, slash);
    const subs = subresources.get(parent) ?? [];
    subs.push({ name: name.slice(slash + 1), ...(typeof entry['kind'] === 'string' ? { kind: entry['kind'] } : {}), verbs: strings(entry['verbs']) });
    subresources.set(parent, subs);
  }
  return entries
    .filter((entry) => typeof entry['name'] === 'string' && !(entry['name'] as string).includes('/'))
    .map((entry) => {
      const plural = entry['name'] as string;
      if (typeof entry['kind'] !== 'string') throw invalid(where, `resource ${plural} has no kind`);
      return discovered({
        group,
        version,
        kind: entry['kind'],
        plural,
        singular: typeof entry['singularName'] === 'string' ? entry['singularName'] : undefined,
        namespaced: entry['namespaced'] === true,
        verbs: strings(entry['verbs']),
        shortNames: strings(entry['shortNames']),
        categories: strings(entry['categories']),
        subresources: subresources.get(plural) ?? [],
      });
    });
}
