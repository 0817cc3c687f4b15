// The table of served resources: built-ins from core's table, plus the kinds CRDs add at run time.
import { BUILTIN_RESOURCES, formatApiVersion } from '../../core/index.js';
import { builtinFieldLabels } from './field-labels.js';
import { builtinKindRules } from './kind-rules.js';
import { bucketName, type ResourceKind } from './resource-kind.js';

/** The standard verbs of a built-in resource, sorted as kube-apiserver's installer sorts them. */
export const BUILTIN_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;
/** The fixed, unsorted verb list apiextensions-apiserver gives custom resources. */
export const CUSTOM_RESOURCE_VERBS = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'] as const;
/** The verbs of a custom resource whose CRD is terminating. */
export const TERMINATING_VERBS = ['delete', 'deletecollection', 'get', 'list', 'watch'] as const;

/**
 * Storage aliases: resources served from another resource's storage, or in another version's
 * (autoscaling/v1 HorizontalPodAutoscalers are stored as autoscaling/v2, as kube-apiserver does).
 */
const STORAGE_ALIASES: Readonly<Record<string, { group: string; plural: string; apiVersion: string; kind: string }>> = {
  'events.k8s.io/v1/events': { group: '', plural: 'events', apiVersion: 'v1', kind: 'Event' },
  'autoscaling/v1/horizontalpodautoscalers': { group: 'autoscaling', plural: 'horizontalpodautoscalers', apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
};

/**
 * Resources that are not stored objects but verbs on something else, with the only verbs
 * they serve: `bindings` binds a pod, `componentstatuses` reports on the control plane, the
 * reviews answer a question. Discovery gives them no storage version hash.
 */
const UNSTORED_VERBS: Readonly<Record<string, readonly string[]>> = {
  '/bindings': ['create'],
  '/componentstatuses': ['get', 'list'],
  'authentication.k8s.io/selfsubjectreviews': ['create'],
  'authentication.k8s.io/tokenreviews': ['create'],
  'authorization.k8s.io/localsubjectaccessreviews': ['create'],
  'authorization.k8s.io/selfsubjectaccessreviews': ['create'],
  'authorization.k8s.io/selfsubjectrulesreviews': ['create'],
  'authorization.k8s.io/subjectaccessreviews': ['create'],
};

/** A group as discovery lists it. */
export interface ServedGroup {
  readonly name: string;
  /** Versions, preferred first. */
  readonly versions: readonly string[];
}

/**
 * Every resource the server serves, looked up by URL (`group`, `version`, `plural`), by
 * kind, or by storage bucket. Built-ins come from `BUILTIN_RESOURCES` in core; custom
 * resources are added and removed by the CRD controller. `revision` changes on every
 * change, so discovery and OpenAPI documents can be cached against it.
 */
export class ResourceRegistry {
  readonly #builtins: ResourceKind[];
  readonly #custom = new Map<string, readonly ResourceKind[]>();
  #index = new Map<string, ResourceKind>();
  #revision = 0;

  constructor() {
    this.#builtins = BUILTIN_RESOURCES.map((row) => {
      const alias = STORAGE_ALIASES[`${row.group}/${row.version}/${row.plural}`];
      const unstored = UNSTORED_VERBS[`${row.group}/${row.plural}`];
      const verbs = unstored ?? (row.group === '' && row.plural === 'namespaces' ? BUILTIN_VERBS.filter((v) => v !== 'deletecollection') : BUILTIN_VERBS);
      return {
        group: row.group,
        version: row.version,
        apiVersion: formatApiVersion(row.group, row.version),
        kind: row.kind,
        listKind: `${row.kind}List`,
        plural: row.plural,
        singular: row.kind.toLowerCase(),
        namespaced: row.namespaced,
        shortNames: row.shortNames,
        categories: row.categories,
        subresources: row.subresources,
        verbs,
        stored: unstored === undefined,
        bucket: alias === undefined ? bucketName(row.group, row.plural) : bucketName(alias.group, alias.plural),
        storageApiVersion: alias?.apiVersion ?? formatApiVersion(row.group, row.version),
        storageKind: alias?.kind ?? row.kind,
        rules: builtinKindRules(alias?.group ?? row.group, row.kind),
        fieldLabels: builtinFieldLabels(row.group, row.kind),
      } satisfies ResourceKind;
    });
    this.#reindex();
  }

  /** Changes whenever the set of served resources changes. */
  get revision(): number {
    return this.#revision;
  }

  /** The resource served at `/apis/{group}/{version}/{plural}`, if any. */
  find(group: string, version: string, plural: string): ResourceKind | undefined {
    return this.#index.get(`${group}/${version}/${plural}`);
  }

  /** Every served resource, built-ins first (in discovery order), then custom resources. */
  all(): ResourceKind[] {
    return [...this.#builtins, ...[...this.#custom.values()].flat()];
  }

  /** The resources of one kind in a group, across versions (storage version first). */
  byKind(group: string, kind: string): ResourceKind[] {
    const matches = this.all().filter((r) => r.group === group && r.kind === kind);
    return matches.sort((a, b) => Number(b.apiVersion === b.storageApiVersion) - Number(a.apiVersion === a.storageApiVersion));
  }

  /** The resource that owns a storage bucket (its storage version). */
  byBucket(bucket: string): ResourceKind | undefined {
    return this.all().find((r) => r.bucket === bucket && r.apiVersion === r.storageApiVersion);
  }

  /** Groups in discovery order (built-in priority order, then CRD groups), versions preferred first. */
  groups(): ServedGroup[] {
    const order: string[] = [];
    const versions = new Map<string, string[]>();
    for (const r of this.all()) {
      if (r.custom !== undefined && !r.custom.established) continue;
      if (!versions.has(r.group)) {
        order.push(r.group);
        versions.set(r.group, []);
      }
      const list = versions.get(r.group) as string[];
      if (!list.includes(r.version)) list.push(r.version);
    }
    const builtinGroups = order.filter((g) => this.#builtins.some((b) => b.group === g));
    const customGroups = order.filter((g) => !builtinGroups.includes(g)).sort();
    return [...builtinGroups, ...customGroups].map((name) => ({ name, versions: (versions.get(name) ?? []).sort(compareVersions) }));
  }

  /** Installs (or replaces) the kinds one CRD serves. */
  setCustom(crdName: string, kinds: readonly ResourceKind[]): void {
    this.#custom.set(crdName, kinds);
    this.#reindex();
  }

  /** Removes the kinds of a CRD. */
  removeCustom(crdName: string): void {
    if (this.#custom.delete(crdName)) this.#reindex();
  }

  /** The kinds one CRD serves. */
  custom(crdName: string): readonly ResourceKind[] {
    return this.#custom.get(crdName) ?? [];
  }

  #reindex(): void {
    const index = new Map<string, ResourceKind>();
    for (const r of this.#builtins) index.set(`${r.group}/${r.version}/${r.plural}`, r);
    for (const kinds of this.#custom.values()) {
      for (const r of kinds) {
        if (r.custom !== undefined && !r.custom.serving) continue;
        const key = `${r.group}/${r.version}/${r.plural}`;
        if (!index.has(key)) index.set(key, r);
      }
    }
    this.#index = index;
    this.#revision += 1;
  }
}

/**
 * Kubernetes version priority: GA before beta before alpha, higher numbers first, then
 * anything else alphabetically (apimachinery `CompareKubeAwareVersionStrings`).
 */
export function compareVersions(a: string, b: string): number {
  const pa = versionPriority(a);
  const pb = versionPriority(b);
  if (pa === undefined && pb === undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (pa === undefined) return 1;
  if (pb === undefined) return -1;
  for (let i = 0; i < 3; i += 1) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function versionPriority(v: string): [number, number, number] | undefined {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (match === null) return undefined;
  const stability = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
  return [stability, Number(match[1]), Number(match[3] ?? 0)];
}
