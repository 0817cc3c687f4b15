// Group, version, kind and resource identifiers: parsed from and formatted to their wire forms.
import { RequestBuildError } from './errors/request-build-error.js';
import { formatApiVersion } from './resource-type.js';

/** An API group and version; `group` is `''` for the core group. */
export interface GroupVersion {
  readonly group: string;
  readonly version: string;
}

/** A kind within a group version, as named by `apiVersion` + `kind`. */
export interface GroupVersionKind extends GroupVersion {
  readonly kind: string;
}

/** A resource (the URL plural) within a group version. */
export interface GroupVersionResource extends GroupVersion {
  readonly resource: string;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VERSION = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Parses an `apiVersion`: `v1` → core group, `apps/v1` → group `apps`.
 *
 * @throws {RequestBuildError} `InvalidResource` for `''`, `/v1`, `a/b/c` and other malformed input.
 */
export function parseGroupVersion(apiVersion: string): GroupVersion {
  const parts = apiVersion.split('/');
  if (parts.length === 1 && VERSION.test(apiVersion)) return { group: '', version: apiVersion };
  const [group, version] = parts;
  if (parts.length === 2 && group !== undefined && version !== undefined && DNS_SUBDOMAIN.test(group) && VERSION.test(version)) {
    return { group, version };
  }
  throw new RequestBuildError('InvalidResource', 'apiVersion', `${JSON.stringify(apiVersion)} is not "version" or "group/version"`);
}

/** `apiVersion` + `kind` → a {@link GroupVersionKind}; see {@link parseGroupVersion}. */
export function parseGroupVersionKind(apiVersion: string, kind: string): GroupVersionKind {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) {
    throw new RequestBuildError('InvalidResource', 'kind', `${JSON.stringify(kind)} is not a kind name`);
  }
  return { ...parseGroupVersion(apiVersion), kind };
}

/**
 * Parses a resource reference in either of its common spellings:
 * `apps/v1/deployments`, `v1/pods` (path-like), or `deployments.v1.apps`, `pods.v1` (kubectl's
 * `resource.version.group`).
 *
 * @throws {RequestBuildError} `InvalidResource` when it is neither.
 */
export function parseGroupVersionResource(text: string): GroupVersionResource {
  if (text.includes('/')) {
    const slash = text.lastIndexOf('/');
    const resource = text.slice(slash + 1);
    if (/^[a-z0-9][-a-z0-9]*$/.test(resource)) return { ...parseGroupVersion(text.slice(0, slash)), resource };
  } else {
    const [resource, version, ...group] = text.split('.');
    if (resource !== undefined && version !== undefined && /^[a-z0-9][-a-z0-9]*$/.test(resource) && VERSION.test(version)) {
      // `pods.v1` is the core group; `pods.v1.` (an empty group after the dot) is not.
      const g = group.join('.');
      if (group.length === 0 || DNS_SUBDOMAIN.test(g)) return { group: g, version, resource };
    }
  }
  throw new RequestBuildError(
    'InvalidResource',
    'resource',
    `${JSON.stringify(text)} is neither "group/version/resource" nor "resource.version.group"`,
  );
}

/** `{group:'apps', version:'v1'}` → `apps/v1`; core → `v1`. */
export function formatGroupVersion(gv: GroupVersion): string {
  return formatApiVersion(gv.group, gv.version);
}

/** `Deployment.v1.apps` / `Pod.v1` (kubectl's `Kind.version.group`). */
export function formatGroupVersionKind(gvk: GroupVersionKind): string {
  return gvk.group === '' ? `${gvk.kind}.${gvk.version}` : `${gvk.kind}.${gvk.version}.${gvk.group}`;
}

/** `deployments.v1.apps` / `pods.v1`. */
export function formatGroupVersionResource(gvr: GroupVersionResource): string {
  return gvr.group === '' ? `${gvr.resource}.${gvr.version}` : `${gvr.resource}.${gvr.version}.${gvr.group}`;
}
