// GET ?watch=true: starts a chunked watch stream (JSON lines or protobuf frames) at the asked resourceVersion.
import { randomInt } from 'node:crypto';
import { failureStatus, INITIAL_EVENTS_END_ANNOTATION } from '../../core/index.js';
import { badRequest } from '../errors/status-errors.js';
import { parseListOptions } from '../http/list-options.js';
import { fromStorage } from '../objects/convert-object.js';
import { listPrefix } from '../objects/object-key.js';
import { objectMatcher } from '../objects/object-matcher.js';
import { WatchConnection } from '../watch/watch-connection.js';
import type { ResourceCall } from './resource-call.js';
import { tableOf } from './table-options.js';
import { encodeLine } from '../watch/encode-event.js';
import type { StoredObject } from '../store/store-event.js';

/** Bookmarks go out this long before a watch's deadline (kube-apiserver: ~2 s). */
const BOOKMARK_BEFORE_DEADLINE_MS = 2000;

/**
 * Serves a watch (kube-apiserver's watch protocol, apiserver-semantics §5):
 *
 * - headers are flushed at once; each event is one JSON line (or, for
 *   `application/vnd.kubernetes.protobuf`, one length-prefixed WatchEvent frame), written as it happens;
 * - resourceVersion unset or `"0"`: synthetic `ADDED` for every matching object, then
 *   changes; `"N"`: only changes after N, or one `ERROR` 410 Expired event (and the end
 *   of the stream) when N is older than the history;
 * - `sendInitialEvents=true`: the current objects as `ADDED`, then a bookmark annotated
 *   `k8s.io/initial-events-end`, then changes;
 * - `allowWatchBookmarks`: periodic bookmarks and one shortly before the deadline;
 * - `timeoutSeconds` (default 30–60 min) ends the body cleanly.
 *
 * A named watch (`/watch/.../name`) is a watch with `metadata.name=<name>`.
 *
 * @throws {ApiError} before the stream starts: 400, 406 or 422.
 */
export async function handleWatch(call: ResourceCall, name: string | undefined): Promise<void> {
  const { kind, ctx, res } = call;
  const { output } = call;
  let headersSent = false;
  const options = parseListOptions(call.query, kind, true);
  let fieldSelector = options.fieldSelector;
  if (name !== undefined) {
    const named = fieldSelector.find((r) => r.field === 'metadata.name');
    if (named !== undefined && (named.operator !== 'Equals' || named.value !== name)) {
      throw badRequest("fieldSelector metadata.name doesn't match requested name");
    }
    if (named === undefined) fieldSelector = [...fieldSelector, { field: 'metadata.name', operator: 'Equals', value: name }];
  }
  const startRv = options.rv;
  if (startRv !== undefined && startRv > ctx.store.resourceVersion) {
    await ctx.store.waitForResourceVersion(startRv, call.settings.resourceVersionBlockMs);
  }

  res.statusCode = 200;
  res.setHeader('Content-Type', output.media === 'protobuf' ? 'application/vnd.kubernetes.protobuf;stream=watch' : 'application/json');
  res.setHeader('Cache-Control', 'no-cache, private');
  res.setHeader('Transfer-Encoding', 'chunked');
  res.flushHeaders();

  const connection = new WatchConnection({
    res,
    url: call.req.url ?? '',
    view: { kind, as: output.as === 'metadata' ? 'metadata' : 'object', media: output.media === 'protobuf' ? 'protobuf' : 'json' },
    keyPrefix: listPrefix(kind.namespaced, call.namespace),
    matches: objectMatcher(kind, options.labelSelector, fieldSelector),
    bookmarks: options.allowWatchBookmarks,
    ...(output.as === 'table'
      ? {
          render: (type: string, object: StoredObject) => {
            const table = tableOf(call, [fromStorage(kind, object)], { noHeaders: headersSent });
            headersSent = true;
            return encodeLine(type, table);
          },
        }
      : {}),
  });

  const current = ctx.store.resourceVersion;
  if (startRv !== undefined && startRv > current) {
    connection.sendError(
      failureStatus(504, 'Timeout', `Timeout: Too large resource version: ${startRv}, current: ${current}`, {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
        retryAfterSeconds: 1,
      }),
    );
    return;
  }
  const initialEvents = options.sendInitialEvents ?? (startRv === undefined || startRv === 0);
  if (initialEvents) {
    for (const entry of ctx.store.entries(kind.bucket, listPrefix(kind.namespaced, call.namespace))) {
      connection.sendInitial(entry.object);
    }
    if (options.sendInitialEvents === true) connection.sendBookmark(current, { [INITIAL_EVENTS_END_ANNOTATION]: 'true' }, true);
  } else if (startRv !== undefined && startRv > 0) {
    const events = ctx.store.eventsSince(startRv);
    if (events === undefined) {
      connection.sendError(failureStatus(410, 'Expired', `too old resource version: ${startRv} (${ctx.store.compactedRv + 1})`));
      return;
    }
    for (const event of events) if (event.bucket === kind.bucket) connection.deliver(event);
  }
  if (connection.closed) return;
  call.settings.hub.add(kind.bucket, connection);

  const timeoutMs =
    options.timeoutSeconds !== undefined && options.timeoutSeconds > 0 ? options.timeoutSeconds * 1000 : (1800 + randomInt(1800)) * 1000;
  connection.after(timeoutMs, () => connection.end());
  if (options.allowWatchBookmarks && timeoutMs > BOOKMARK_BEFORE_DEADLINE_MS) {
    connection.after(timeoutMs - BOOKMARK_BEFORE_DEADLINE_MS, () => connection.sendBookmark(ctx.store.resourceVersion));
  }
}
