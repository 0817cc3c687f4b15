// The list verb's storage side: which snapshot to read (resourceVersion rules), selectors and pages.
import { badRequest, expired, tooLargeResourceVersion } from '../errors/status-errors.js';
import type { ListOptions } from '../http/list-options.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import type { ServerContext } from '../server-context.js';
import { decodeContinueToken, encodeContinueToken } from '../store/continue-token.js';
import { lowerBound, type Entry } from '../store/object-store.js';
import type { StoredObject } from '../store/store-event.js';
import { fromStorage } from './convert-object.js';
import { listPrefix } from './object-key.js';
import { objectMatcher } from './object-matcher.js';

/** One page of a list. */
export interface ListPage {
  /** Items in the served version. */
  readonly items: StoredObject[];
  readonly resourceVersion: string;
  readonly continueToken?: string;
  readonly remainingItemCount?: number;
}

/** The message of an expired continue token (kube-apiserver's, verbatim). */
export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/**
 * Waits (up to `blockMs`) for the store to reach a resourceVersion a client asked for.
 *
 * @throws {ApiError} 504 `Too large resource version` when it does not.
 */
export async function awaitResourceVersion(ctx: ServerContext, rv: number, blockMs: number): Promise<void> {
  if (rv <= ctx.store.resourceVersion) return;
  if (!(await ctx.store.waitForResourceVersion(rv, blockMs))) throw tooLargeResourceVersion(rv, ctx.store.resourceVersion);
}

/**
 * Lists objects as kube-apiserver does (apiserver-semantics §4, §6):
 *
 * - no resourceVersion or `"0"`: the latest state; `N` with `NotOlderThan` (or no match
 *   and no limit): the latest state once it is at least `N`; `N` with `Exact` (or with a
 *   limit): the state at exactly `N`, 410 when that is older than the history;
 * - `limit` pages through a consistent snapshot: every page of one list reads the same
 *   resourceVersion, `continue` is set while keys remain, and `remainingItemCount` when
 *   no selector is given;
 * - a continue token older than the history answers 410 with a fresh token for an
 *   inconsistent continuation.
 *
 * @throws {ApiError} 400, 410 or 504.
 */
export async function listObjects(
  ctx: ServerContext,
  kind: ResourceKind,
  namespace: string | undefined,
  options: ListOptions,
  blockMs: number,
): Promise<ListPage> {
  const prefix = listPrefix(kind.namespaced, namespace);
  let readRv = ctx.store.resourceVersion;
  let startKey = '';
  let fromToken = false;
  if (options.continueToken !== undefined) {
    // kube-apiserver reads the token before it looks at the resourceVersion.
    const decoded = decodeContinueToken(options.continueToken);
    if (!decoded.ok) throw badRequest(`invalid continue token: ${decoded.message}`);
    if (options.resourceVersion !== '' && options.resourceVersion !== '0') {
      throw badRequest('specifying resource version is not allowed when using continue');
    }
    startKey = prefix + decoded.token.start;
    if (decoded.token.rv > 0) {
      readRv = decoded.token.rv;
      fromToken = true;
    }
  } else if (options.rv !== undefined && options.rv > 0) {
    const exact = options.resourceVersionMatch === 'Exact' || (options.resourceVersionMatch === undefined && options.limit !== undefined);
    await awaitResourceVersion(ctx, options.rv, blockMs);
    readRv = exact ? options.rv : ctx.store.resourceVersion;
  }
  const entries = ctx.store.snapshot(kind.bucket, readRv, prefix);
  if (entries === undefined) {
    if (fromToken) throw expired(CONTINUE_EXPIRED_MESSAGE, encodeContinueToken(-1, startKey.slice(prefix.length).replace(/\u0000$/, '')));
    throw expired('The resourceVersion for the provided list is too old.');
  }
  return page(kind, entries, startKey, prefix, readRv, options);
}

function page(kind: ResourceKind, entries: readonly Entry[], startKey: string, prefix: string, rv: number, options: ListOptions): ListPage {
  const matches = objectMatcher(kind, options.labelSelector, options.fieldSelector);
  const items: StoredObject[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let index = startKey === '' ? 0 : lowerBound(entries, startKey, (entry) => entry.key);
  let lastKey: string | undefined;
  for (; index < entries.length && items.length < limit; index += 1) {
    const entry = entries[index] as Entry;
    lastKey = entry.key;
    if (matches(entry.object)) items.push(fromStorage(kind, entry.object));
  }
  const remaining = entries.length - index;
  const resourceVersion = String(rv);
  if (remaining <= 0 || lastKey === undefined) return { items, resourceVersion };
  return {
    items,
    resourceVersion,
    continueToken: encodeContinueToken(rv, lastKey.slice(prefix.length)),
    ...(options.filtered ? {} : { remainingItemCount: remaining }),
  };
}
