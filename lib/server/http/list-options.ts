// ListOptions from the query string: selectors checked against the kind, RV rules validated (422/400).
import { parseFieldSelector, parseLabelSelector, type FieldSelector, type LabelSelector } from '../../core/index.js';
import { fieldForbidden, fieldNotSupported, formatFieldError, type FieldError } from '../errors/field-error.js';
import { badRequest, invalidOptions } from '../errors/status-errors.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import { parseResourceVersion } from '../store/resource-version.js';
import { queryBool, queryInt64 } from './query-values.js';

/** Parsed and validated list/watch options. */
export interface ListOptions {
  readonly labelSelector: LabelSelector;
  readonly fieldSelector: FieldSelector;
  /** Whether any selector was given (remainingItemCount is omitted then). */
  readonly filtered: boolean;
  /** `resourceVersion` as sent (`''` when absent). */
  readonly resourceVersion: string;
  /** The parsed resourceVersion: `undefined` for unset, 0 for `"0"`. */
  readonly rv: number | undefined;
  readonly resourceVersionMatch: 'Exact' | 'NotOlderThan' | undefined;
  readonly limit: number | undefined;
  readonly continueToken: string | undefined;
  readonly timeoutSeconds: number | undefined;
  readonly watch: boolean;
  readonly allowWatchBookmarks: boolean;
  readonly sendInitialEvents: boolean | undefined;
}

/** Whether the server has the WatchList feature (sendInitialEvents) enabled; kube-apiserver 1.32 has. */
export const WATCH_LIST_ENABLED = true;

function checkFieldLabels(kind: ResourceKind, selector: FieldSelector): void {
  for (const requirement of selector) {
    if (kind.fieldLabels.labels.includes(requirement.field)) continue;
    if (kind.fieldLabels.custom) throw badRequest(`field label not supported: ${requirement.field}`);
    throw badRequest(`${JSON.stringify(requirement.field)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
}

function validateListOptions(o: Omit<ListOptions, 'labelSelector' | 'fieldSelector' | 'filtered' | 'rv'>): FieldError[] {
  const errors: FieldError[] = [];
  const match = o.resourceVersionMatch;
  if (o.watch) {
    if (o.sendInitialEvents !== undefined) {
      if (match !== 'NotOlderThan') {
        errors.push(fieldForbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
      }
      if (!WATCH_LIST_ENABLED) errors.push(fieldForbidden('sendInitialEvents', 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled'));
    }
    if (match !== undefined) {
      if (o.sendInitialEvents === undefined) {
        errors.push(fieldForbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      }
      if (match !== 'NotOlderThan') errors.push(fieldNotSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if (!o.allowWatchBookmarks) errors.push(fieldForbidden('allowWatchBookmarks', 'allowWatchBookmarks required when sendInitialEvents is provided'));
    }
    return errors;
  }
  if (match !== undefined) {
    if (o.resourceVersion === '') errors.push(fieldForbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
    if (o.continueToken !== undefined) errors.push(fieldForbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    if (match !== 'Exact' && match !== 'NotOlderThan') errors.push(fieldNotSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
    if (match === 'Exact' && o.resourceVersion === '0') errors.push(fieldForbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
  }
  if (o.sendInitialEvents !== undefined) errors.push(fieldForbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  return errors;
}

/**
 * Reads ListOptions from the query: label and field selectors (field labels checked
 * against what the kind supports), `resourceVersion`/`resourceVersionMatch`, `limit`,
 * `continue`, `timeoutSeconds`, `watch`, `allowWatchBookmarks`, `sendInitialEvents`.
 *
 * @throws {ApiError} 400 for unparsable selectors, unsupported field labels, bad numbers (Go's
 *   `strconv.ParseInt` message) and malformed resourceVersions; 422 (`ListOptions.meta.k8s.io ""
 *   is invalid`) for forbidden combinations.
 */
export function parseListOptions(query: URLSearchParams, kind: ResourceKind, forceWatch = false): ListOptions {
  let labelSelector: LabelSelector;
  let fieldSelector: FieldSelector;
  const labelText = query.get('labelSelector') ?? '';
  const fieldText = query.get('fieldSelector') ?? '';
  try {
    labelSelector = parseLabelSelector(labelText);
  } catch (error) {
    throw badRequest(`unable to parse requirement: ${(error as Error).message}`);
  }
  try {
    fieldSelector = parseFieldSelector(fieldText);
  } catch (error) {
    throw badRequest(`invalid field selector: ${(error as Error).message}`);
  }
  checkFieldLabels(kind, fieldSelector);
  const int64 = (name: string): number | undefined => {
    const parsed = queryInt64(query, name);
    if ('error' in parsed) throw badRequest(parsed.error);
    return parsed.value;
  };
  const timeoutSeconds = int64('timeoutSeconds');
  const limit = int64('limit');
  const rawMatch = query.get('resourceVersionMatch');
  const continueToken = query.get('continue') ?? '';
  const options = {
    resourceVersion: query.get('resourceVersion') ?? '',
    resourceVersionMatch: rawMatch === null || rawMatch === '' ? undefined : (rawMatch as 'Exact' | 'NotOlderThan'),
    limit: limit !== undefined && limit > 0 ? limit : undefined,
    continueToken: continueToken === '' ? undefined : continueToken,
    timeoutSeconds,
    watch: forceWatch || queryBool(query, 'watch'),
    allowWatchBookmarks: queryBool(query, 'allowWatchBookmarks'),
    sendInitialEvents: query.has('sendInitialEvents') ? queryBool(query, 'sendInitialEvents') : undefined,
  };
  const errors = validateListOptions(options);
  if (errors.length > 0) throw invalidOptions('ListOptions', errors);
  const rv = parseResourceVersion(options.resourceVersion);
  // kube-apiserver answers a malformed resourceVersion with 400 when a match is asked for, and
  // otherwise with a 500 carrying the same message; a bad request is a 400 here either way.
  if (!rv.ok) throw badRequest(`${options.resourceVersionMatch === undefined ? '' : 'invalid resource version: '}${formatFieldError(rv.error)}`);
  return { ...options, labelSelector, fieldSelector, filtered: labelText !== '' || fieldText !== '', rv: rv.value };
}
