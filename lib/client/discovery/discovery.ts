// Finds out what an API server serves: groups, versions, resources; aggregated when offered, else legacy.
import { parseGroupVersion } from '../../core/gvk.js';
import type { ApiResource } from '../../core/api-resource.js';
import type { HttpRequest } from '../../core/request/http-request.js';
import type { CallOptions } from '../call-options.js';
import type { Client } from '../client.js';
import { apiErrorOf } from '../http/api-error-of.js';
import { ClientError } from '../errors/client-error.js';
import type { ApiGroupInfo, DiscoveredResource } from './api-group.js';
import { DiscoveryError } from './discovery-error.js';
import { parseAggregatedDiscovery, parseApiResourceList } from './parse-discovery.js';

/** `Accept` asking for aggregated discovery (v2, then v2beta1), or the legacy document (client-go 1.30+). */
export const AGGREGATED_DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

/** Options of {@link Discovery.run}. */
export interface DiscoveryOptions extends CallOptions {
  /** Only these groups (`''` is core). @default every group */
  readonly groups?: readonly string[];
  /** Skip these groups. */
  readonly excludeGroups?: readonly string[];
  /**
   * `auto` asks for aggregated discovery and uses it when the server answers with it for
   * both `/api` and `/apis` (2 requests); `legacy` always walks `/api`, `/apis` and every
   * group version (N + 2 requests).
   * @default 'auto'
   */
  readonly mode?: 'auto' | 'legacy';
}

/** A group version whose legacy discovery failed (an unavailable aggregated API, typically). */
export interface FailedGroupVersion {
  readonly groupVersion: string;
  readonly error: Error;
}

/** True when a response `Content-Type` is an aggregated discovery document (parameter order does not matter). */
export function isAggregatedContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const [type, ...params] = contentType.split(';').map((part) => part.trim());
  if (type?.toLowerCase() !== 'application/json') return false;
  const values = new Map(params.map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
  return values.get('g') === 'apidiscovery.k8s.io' && values.get('as') === 'APIGroupDiscoveryList' && (values.get('v') === 'v2' || values.get('v') === 'v2beta1');
}

/**
 * What an API server serves (kube-rs `Discovery`, client-go's discovery client), fetched
 * once by {@link Discovery.run}:
 *
 * - asks `/api` and `/apis` for aggregated discovery (`apidiscovery.k8s.io/v2`, content
 *   negotiation by `Accept`) and uses it when the answer's `Content-Type` says it is
 *   aggregated for both; otherwise falls back to legacy discovery, one request per group
 *   version (a failing group version, such as an unavailable metrics API, is recorded in
 *   `failed` rather than failing everything);
 * - groups keep the server's order; versions are by priority, the preferred one known;
 * - {@link resolve} turns an `apiVersion` + `kind` into an `ApiResource` for `Api`.
 *
 * ## Example
 * ```ts
 * const discovery = await Discovery.run(client);
 * const widgets = discovery.resolve('example.com/v1', 'Widget');
 * const api = Api.namespaced(client, widgets, 'default'); // Api<DynamicObject>
 * for (const group of discovery.groups()) console.log(group.name, group.preferredVersion);
 * ```
 */
export class Discovery {
  /** Which discovery the server answered. */
  readonly mode: 'aggregated' | 'legacy';
  /** Group versions that could not be discovered (legacy mode only). */
  readonly failed: readonly FailedGroupVersion[];
  readonly #groups: readonly ApiGroupInfo[];

  constructor(groups: readonly ApiGroupInfo[], mode: 'aggregated' | 'legacy', failed: readonly FailedGroupVersion[] = []) {
    this.#groups = groups;
    this.mode = mode;
    this.failed = failed;
  }

  /**
   * Discovers the server.
   *
   * @throws {ApiError} when `/apis` cannot be read (a 404 on `/api` is tolerated).
   * @throws {DiscoveryError} `InvalidDocument` for malformed documents.
   */
  static async run(client: Client, options: DiscoveryOptions = {}): Promise<Discovery> {
    const wanted = (group: string): boolean => (options.groups === undefined || options.groups.includes(group)) && !(options.excludeGroups ?? []).includes(group);
    const call: CallOptions = options.signal === undefined ? {} : { signal: options.signal };
    if (options.mode !== 'legacy') {
      const [core, apis] = await Promise.all([fetchDocument(client, '/api', AGGREGATED_DISCOVERY_ACCEPT, call, true), fetchDocument(client, '/apis', AGGREGATED_DISCOVERY_ACCEPT, call, false)]);
      if (apis.aggregated && (core === undefined || core.aggregated)) {
        const groups = [...(core === undefined ? [] : parseAggregatedDiscovery(core.body, '/api')), ...parseAggregatedDiscovery(apis.body, '/apis')];
        return new Discovery(groups.filter((g) => wanted(g.name)), 'aggregated');
      }
      return legacy(client, wanted, call, core?.aggregated === false ? core.body : undefined, apis.aggregated ? undefined : apis.body);
    }
    return legacy(client, wanted, call, undefined, undefined);
  }

  /** Every discovered group, in the server's order (core first). */
  groups(): readonly ApiGroupInfo[] {
    return this.#groups;
  }

  /** One group by name (`''` for core), or `undefined`. */
  group(name: string): ApiGroupInfo | undefined {
    return this.#groups.find((g) => g.name === name);
  }

  /** Whether a group is served. */
  hasGroup(name: string): boolean {
    return this.group(name) !== undefined;
  }

  /** The resources of a group version (`apps/v1`, `v1`), or `[]`. */
  resources(apiVersion: string): readonly DiscoveredResource[] {
    const { group, version } = parseGroupVersion(apiVersion);
    return this.group(group)?.resources.get(version) ?? [];
  }

  /**
   * The resource serving `kind` in `apiVersion`, with its verbs and subresources.
   *
   * @throws {DiscoveryError} `NotFound` when the server does not serve it.
   * @throws {RequestBuildError} for a malformed `apiVersion`.
   */
  find(apiVersion: string, kind: string): DiscoveredResource {
    const { group, version } = parseGroupVersion(apiVersion);
    const info = this.group(group);
    if (info === undefined) throw new DiscoveryError('NotFound', `the server has no API group ${JSON.stringify(group)} (for ${kind}.${apiVersion})`);
    const resources = info.resources.get(version);
    if (resources === undefined) throw new DiscoveryError('NotFound', `the server does not serve ${apiVersion} (versions: ${info.versions.join(', ')})`);
    const found = resources.find((r) => r.resource.kind === kind);
    if (found === undefined) throw new DiscoveryError('NotFound', `the server serves no kind ${kind} in ${apiVersion}`);
    return found;
  }

  /**
   * `apiVersion` + `kind` → the `ApiResource` to build an `Api` with (kube-rs `resolve_gvk`).
   *
   * @throws {DiscoveryError} `NotFound` when the server does not serve it.
   */
  resolve(apiVersion: string, kind: string): ApiResource {
    return this.find(apiVersion, kind).resource;
  }

  /**
   * A kind in a group at the group's preferred version serving it (kube-rs `recommended_kind`).
   *
   * @throws {DiscoveryError} `NotFound` when no version of the group serves it.
   */
  resolveKind(group: string, kind: string): ApiResource {
    const info = this.group(group);
    for (const version of info === undefined ? [] : [info.preferredVersion, ...info.versions]) {
      const found = info?.resources.get(version)?.find((r) => r.resource.kind === kind);
      if (found !== undefined) return found.resource;
    }
    throw new DiscoveryError('NotFound', `the server serves no kind ${kind} in group ${JSON.stringify(group)}`);
  }

  /**
   * A resource by the names kubectl accepts: plural, singular, short name or kind,
   * optionally qualified with a group (`deploy`, `deployments.apps`, `Pod`,
   * `widgets.example.com`). Preferred versions win; the core group wins ties, like kubectl.
   *
   * @throws {DiscoveryError} `NotFound` when nothing matches.
   */
  lookup(name: string): ApiResource {
    const lower = name.toLowerCase();
    for (const [candidate, group] of splitQualified(lower)) {
      for (const info of this.#groups) {
        if (group !== undefined && info.name !== group) continue;
        for (const version of [info.preferredVersion, ...info.versions]) {
          const found = info.resources.get(version)?.find((r) => {
            const res = r.resource;
            return res.plural === candidate || res.singular === candidate || res.kind.toLowerCase() === candidate || res.shortNames.includes(candidate);
          });
          if (found !== undefined) return found.resource;
        }
      }
    }
    throw new DiscoveryError('NotFound', `the server doesn't have a resource type ${JSON.stringify(name)}`);
  }
}

/** `deployments.apps` → [['deployments', 'apps'], ['deployments.apps', undefined]]; plain names as is. */
function splitQualified(name: string): [string, string | undefined][] {
  const dot = name.indexOf('.');
  return dot === -1 ? [[name, undefined]] : [[name.slice(0, dot), name.slice(dot + 1)], [name, undefined]];
}

interface Fetched {
  readonly body: unknown;
  readonly aggregated: boolean;
}

async function fetchDocument(client: Client, path: string, accept: string, options: CallOptions, optional: true): Promise<Fetched | undefined>;
async function fetchDocument(client: Client, path: string, accept: string, options: CallOptions, optional: false): Promise<Fetched>;
async function fetchDocument(client: Client, path: string, accept: string, options: CallOptions, optional: boolean): Promise<Fetched | undefined> {
  const request: HttpRequest = { method: 'GET', path, query: [], headers: { accept } };
  const response = await client.fetchText(request, options);
  const text = response.text;
  if (response.status === 404 && optional) return undefined;
  if (response.status < 200 || response.status > 299) throw apiErrorOf(request, response, text);
  try {
    return { body: JSON.parse(text) as unknown, aggregated: isAggregatedContentType(response.headers.get('content-type')) };
  } catch (error) {
    throw new ClientError('BodyDecodeFailed', `discovery document ${path} is not JSON`, { method: 'GET', url: client.baseUrl.origin + path }, { cause: error });
  }
}

async function legacy(client: Client, wanted: (group: string) => boolean, options: CallOptions, coreBody: unknown, apisBody: unknown): Promise<Discovery> {
  const core = coreBody ?? (await fetchDocument(client, '/api', 'application/json', options, true))?.body;
  const apis = apisBody ?? (await fetchDocument(client, '/apis', 'application/json', options, false)).body;
  const groups: { name: string; versions: string[]; preferred: string }[] = [];
  if (core !== undefined) {
    const versions = stringList((core as { versions?: unknown }).versions);
    if (versions.length > 0) groups.push({ name: '', versions, preferred: versions.includes('v1') ? 'v1' : (versions[0] as string) });
  }
  const groupList = (apis as { groups?: unknown }).groups;
  if (!Array.isArray(groupList)) throw new DiscoveryError('InvalidDocument', '/apis: is not an APIGroupList (no groups)');
  for (const entry of groupList as { name?: unknown; versions?: { version?: unknown }[]; preferredVersion?: { version?: unknown } }[]) {
    if (typeof entry.name !== 'string') throw new DiscoveryError('InvalidDocument', '/apis: a group has no name');
    const versions = (entry.versions ?? []).map((v) => v.version).filter((v): v is string => typeof v === 'string');
    if (versions.length === 0) continue;
    const preferred = typeof entry.preferredVersion?.version === 'string' ? entry.preferredVersion.version : (versions[0] as string);
    groups.push({ name: entry.name, versions, preferred });
  }
  const failed: FailedGroupVersion[] = [];
  const infos = await Promise.all(
    groups
      .filter((g) => wanted(g.name))
      .map(async (g): Promise<ApiGroupInfo> => {
        const resources = new Map<string, readonly DiscoveredResource[]>();
        await Promise.all(
          g.versions.map(async (version) => {
            const path = g.name === '' ? `/api/${version}` : `/apis/${g.name}/${version}`;
            const groupVersion = g.name === '' ? version : `${g.name}/${version}`;
            try {
              const document = await fetchDocument(client, path, 'application/json', options, false);
              resources.set(version, parseApiResourceList(document.body, g.name, version, path));
            } catch (error) {
              if ((error as { name?: unknown }).name === 'ClientError' && (error as ClientError).reason === 'Aborted') throw error;
              failed.push({ groupVersion, error: error as Error });
            }
          }),
        );
        const served = g.versions.filter((v) => resources.has(v));
        return { name: g.name, versions: served, preferredVersion: served.includes(g.preferred) ? g.preferred : (served[0] ?? g.preferred), resources };
      }),
  );
  return new Discovery(infos.filter((info) => info.versions.length > 0), 'legacy', failed);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
