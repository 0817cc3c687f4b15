// Parameters of list calls, and their validation.
import type { LabelSelector as LabelSelectorStruct } from 'kubernetes-types/meta/v1.js';
import { RequestBuildError } from '../errors/request-build-error.js';
import type { FieldSelector } from '../selectors/field-selector.js';
import type { LabelSelector } from '../selectors/label-selector.js';
import { checkInteger, checkOneOf } from './checks.js';

/** How a given `resourceVersion` is interpreted by a list. */
export type VersionMatch = 'NotOlderThan' | 'Exact';

/** A label selector in any form kube-rx accepts. */
export type LabelSelectorInput = string | LabelSelector | LabelSelectorStruct | Readonly<Record<string, string>>;
/** A field selector in any form kube-rx accepts. */
export type FieldSelectorInput = string | FieldSelector | Readonly<Record<string, string>>;

/** Parameters of `list` (and the selection part of `deleteCollection`). */
export interface ListParams {
  /** Only objects whose labels match, e.g. `app=web,tier in (a,b)`. */
  readonly labelSelector?: LabelSelectorInput;
  /** Only objects whose fields match, e.g. `metadata.name=web`. */
  readonly fieldSelector?: FieldSelectorInput;
  /** Server-side timeout of the call, in seconds; sent as `timeoutSeconds`. */
  readonly timeoutSeconds?: number;
  /** Page size; the answer's `metadata.continue` fetches the next page. `0` means no limit, as on the server. */
  readonly limit?: number;
  /** The `continue` token of the previous page. */
  readonly continueToken?: string;
  /** `"0"` = any (served from cache); a number = not older than, or exact (see `resourceVersionMatch`). */
  readonly resourceVersion?: string;
  /** How to read `resourceVersion`; requires it, and is forbidden with a continue token. */
  readonly resourceVersionMatch?: VersionMatch;
}

/**
 * Checks list params as the API server would, before any request exists.
 *
 * The rules are the API server's (`ListOptions` validation and the list semantics table):
 * `resourceVersionMatch` needs a `resourceVersion`, is forbidden with a continue token, and
 * `Exact` is forbidden for `"0"`; a continue token may not be combined with a specific
 * `resourceVersion` (`"0"` is tolerated, as the server does).
 *
 * @throws {RequestBuildError} `InvalidParams` naming the field, for: a negative or fractional
 *   `limit` or `timeoutSeconds`, an unknown `resourceVersionMatch`, or a combination above.
 */
export function validateListParams(params: ListParams, type = 'ListParams'): void {
  checkInteger(`${type}.limit`, params.limit, 0);
  checkInteger(`${type}.timeoutSeconds`, params.timeoutSeconds, 0);
  checkOneOf(`${type}.resourceVersionMatch`, params.resourceVersionMatch, ['NotOlderThan', 'Exact']);
  const rv = params.resourceVersion;
  const hasContinue = params.continueToken !== undefined && params.continueToken !== '';
  if (params.resourceVersionMatch !== undefined) {
    if (rv === undefined || rv === '') {
      throw new RequestBuildError('InvalidParams', `${type}.resourceVersionMatch`, 'is forbidden unless resourceVersion is provided');
    }
    if (hasContinue) {
      throw new RequestBuildError('InvalidParams', `${type}.resourceVersionMatch`, 'is forbidden when continueToken is provided');
    }
    if (params.resourceVersionMatch === 'Exact' && rv === '0') {
      throw new RequestBuildError('InvalidParams', `${type}.resourceVersionMatch`, '"Exact" is forbidden for resourceVersion "0"');
    }
  }
  if (hasContinue && rv !== undefined && rv !== '' && rv !== '0') {
    throw new RequestBuildError('InvalidParams', `${type}.resourceVersion`, 'specifying a resource version is not allowed with continueToken');
  }
}
