// Lists a whole collection page by page, following continue tokens (client-go's ListPager).
import { isApiError } from '../../core/errors/api-error.js';
import type { ObjectList } from '../../core/object.js';
import type { ListParams } from '../../core/params/list-params.js';

/** The page size of {@link listAll} when `params.limit` is not given (kube-rs's watcher uses 500). */
export const DEFAULT_PAGE_SIZE = 500;

/**
 * Fetches every page of a list and resolves them as one `ObjectList`, whose
 * `metadata.resourceVersion` is the first page's (every page is read at that snapshot, so
 * it is the version to watch from). Decision: a Promise of everything, not an async
 * iterable, because callers almost always need that resourceVersion along with the items;
 * page with `list({ limit, continueToken })` yourself to stream.
 *
 * When a continue token expires mid-way (410 Gone/Expired, the snapshot was compacted), it
 * falls back to one unpaginated list, as client-go's pager does, so the result is still
 * one consistent snapshot.
 *
 * @param list sends one page request.
 * @throws {ApiError} from any page except an expired continue token.
 */
export async function listAll<K>(list: (params: ListParams) => Promise<ObjectList<K>>, params: ListParams = {}): Promise<ObjectList<K>> {
  const limit = params.limit ?? DEFAULT_PAGE_SIZE;
  const first = await list({ ...params, limit });
  const items = [...first.items];
  let token = first.metadata.continue;
  while (token !== undefined && token !== '') {
    let page: ObjectList<K>;
    try {
      page = await list({ ...withoutVersion(params), limit, continueToken: token });
    } catch (error) {
      if (!isApiError(error) || !error.isGone()) throw error;
      const { limit: _ignored, continueToken: _token, ...rest } = params;
      return list(rest);
    }
    items.push(...page.items);
    token = page.metadata.continue;
  }
  const { continue: _continue, remainingItemCount: _remaining, ...metadata } = first.metadata;
  return { ...first, metadata, items };
}

/** A continue token carries the snapshot: resourceVersion and its match are forbidden with it. */
function withoutVersion(params: ListParams): ListParams {
  const { resourceVersion: _rv, resourceVersionMatch: _match, continueToken: _token, ...rest } = params;
  return rest;
}
