// Descriptors for kinds known only at run time (kube-rs ApiResource + DynamicObject).
import { RequestBuildError } from './errors/request-build-error.js';
import { parseGroupVersion, type GroupVersionKind } from './gvk.js';
import type { DynamicObject, KubeObject } from './object.js';
import { pluralize } from './plural.js';
import { formatApiVersion, type DynamicScope, type ResourceType, type SubresourceName } from './resource-type.js';

/** A {@link ResourceType} built at run time; its scope is checked when a request is built. */
export type ApiResource<K extends KubeObject = DynamicObject> = ResourceType<K, DynamicScope>;

/** What {@link apiResource} needs; `plural` and `singular` are derived when absent. */
export interface ApiResourceInit {
  /** `group/version` or `version`; or give `group` and `version` separately. */
  readonly apiVersion?: string;
  readonly group?: string;
  readonly version?: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** @default pluralize(kind) */
  readonly plural?: string;
  /** @default kind.toLowerCase() */
  readonly singular?: string;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly subresources?: readonly SubresourceName[];
}

/**
 * A descriptor for a kind known only at run time, e.g. from discovery or from a YAML file.
 *
 * ## Example
 * ```ts
 * const widgets = apiResource({ apiVersion: 'example.com/v1', kind: 'Widget', namespaced: true });
 * widgets.plural; // 'widgets'
 * const api = Api.namespaced(client, widgets, 'default'); // Api<DynamicObject>
 * ```
 *
 * @throws {RequestBuildError} `InvalidResource` when the group/version, the kind or the plural is
 *   malformed (`field` is `apiVersion`, `kind` or `plural`).
 */
export function apiResource<K extends KubeObject = DynamicObject>(init: ApiResourceInit): ApiResource<K> {
  const gv =
    init.apiVersion !== undefined
      ? parseGroupVersion(init.apiVersion)
      : parseGroupVersion(formatApiVersion(init.group ?? '', init.version ?? ''));
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(init.kind)) {
    throw new RequestBuildError('InvalidResource', 'kind', `${JSON.stringify(init.kind)} is not a kind name`);
  }
  const plural = init.plural ?? pluralize(init.kind);
  if (!/^[a-z0-9][-a-z0-9]*$/.test(plural)) {
    throw new RequestBuildError('InvalidResource', 'plural', `${JSON.stringify(plural)} is not a resource name`);
  }
  return Object.freeze({
    group: gv.group,
    version: gv.version,
    apiVersion: formatApiVersion(gv.group, gv.version),
    kind: init.kind,
    plural,
    singular: init.singular ?? init.kind.toLowerCase(),
    namespaced: init.namespaced,
    shortNames: init.shortNames ?? [],
    categories: init.categories ?? [],
    subresources: init.subresources ?? [],
  });
}

/** {@link apiResource} from a parsed {@link GroupVersionKind}. */
export function apiResourceFromGvk<K extends KubeObject = DynamicObject>(
  gvk: GroupVersionKind,
  options: { namespaced: boolean; plural?: string },
): ApiResource<K> {
  return apiResource<K>({ group: gvk.group, version: gvk.version, kind: gvk.kind, ...options });
}
