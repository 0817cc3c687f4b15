// What discovery learns about API groups, versions and resources.
import type { ApiResource } from '../../core/api-resource.js';

/** A subresource of a discovered resource (`status`, `scale`, `log`, ...). */
export interface DiscoveredSubresource {
  readonly name: string;
  /** The kind it takes and returns, when the server says (`Scale` for `scale`). */
  readonly kind?: string;
  readonly verbs: readonly string[];
}

/** One resource of one group version, as the server describes it. */
export interface DiscoveredResource {
  /** A descriptor ready for `Api` (subresources kube-rx can address included). */
  readonly resource: ApiResource;
  /** The verbs the server allows: `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`. */
  readonly verbs: readonly string[];
  /** Every subresource the server lists. */
  readonly subresources: readonly DiscoveredSubresource[];
}

/** One API group: its versions (most preferred first) and their resources. */
export interface ApiGroupInfo {
  /** The group name, `''` for the core group. */
  readonly name: string;
  /** Served versions, by priority (the server's order). */
  readonly versions: readonly string[];
  /** The server's preferred version (`v1` for core). */
  readonly preferredVersion: string;
  /** Resources of each version. */
  readonly resources: ReadonlyMap<string, readonly DiscoveredResource[]>;
}
