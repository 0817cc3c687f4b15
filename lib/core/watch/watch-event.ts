// The watch protocol's wire events, and decoding one line of a watch stream.
import { KubeError } from '../errors/kube-error.js';
import { redact } from '../errors/redact.js';
import type { KubeObject } from '../object.js';
import { isStatus, type Status } from '../status.js';

/** The annotation on the bookmark that ends a streaming list's initial events. */
export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end';

/** A bookmark's object: only the kind and `metadata.resourceVersion` (and annotations) are meaningful. */
export interface BookmarkObject {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
}

/**
 * One event of a watch stream, as the API server sends it (kube-rs `WatchEvent`).
 * The runtime's `watcher` turns these into `Applied`/`Deleted`/`Restarted`.
 */
export type WatchEvent<K> =
  | { readonly type: 'ADDED'; readonly object: K }
  | { readonly type: 'MODIFIED'; readonly object: K }
  | { readonly type: 'DELETED'; readonly object: K }
  | { readonly type: 'BOOKMARK'; readonly object: BookmarkObject }
  | { readonly type: 'ERROR'; readonly object: Status };

/** Why a watch line could not be decoded. */
export type WatchDecodeErrorReason = 'InvalidJson' | 'InvalidEvent';

/** A line of a watch stream is not a watch event. `line` holds its first 200 characters, redacted. */
export class WatchDecodeError extends KubeError<WatchDecodeErrorReason> {
  override name = 'WatchDecodeError' as const;
  readonly line: string;

  constructor(reason: WatchDecodeErrorReason, line: string, detail: string, options?: ErrorOptions) {
    const excerpt = line.length > 200 ? `${line.slice(0, 200)}...` : line;
    super(reason, `watch event ${JSON.stringify(excerpt)}: ${detail}`, options);
    this.line = redact(excerpt);
  }
}

const TYPES = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/**
 * Decodes one line of a watch stream. The object is the parsed JSON itself: nothing is
 * copied on the way to the caller.
 *
 * A line that is a bare `Status` (some proxies answer a watch that way) is returned as an
 * `ERROR` event.
 *
 * @throws {WatchDecodeError} `InvalidJson` or `InvalidEvent`.
 */
export function parseWatchEvent<K = KubeObject>(line: string): WatchEvent<K> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new WatchDecodeError('InvalidJson', line, 'is not JSON', { cause: error });
  }
  if (isStatus(value)) return { type: 'ERROR', object: value };
  if (typeof value !== 'object' || value === null) throw new WatchDecodeError('InvalidEvent', line, 'is not an object');
  const { type, object } = value as { type?: unknown; object?: unknown };
  if (typeof type !== 'string' || !TYPES.has(type)) {
    throw new WatchDecodeError('InvalidEvent', line, `has type ${JSON.stringify(type)}, not one of ADDED, MODIFIED, DELETED, BOOKMARK, ERROR`);
  }
  if (typeof object !== 'object' || object === null) throw new WatchDecodeError('InvalidEvent', line, 'has no object');
  if (type === 'BOOKMARK') {
    const rv = (object as BookmarkObject).metadata?.resourceVersion;
    if (typeof rv !== 'string') throw new WatchDecodeError('InvalidEvent', line, 'is a bookmark without metadata.resourceVersion');
  }
  if (type === 'ERROR' && !isStatus(object)) {
    const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: JSON.stringify(object), code: 500 };
    return { type: 'ERROR', object: status };
  }
  return value as WatchEvent<K>;
}

/** True when a bookmark marks the end of a streaming list's initial events. */
export function isInitialEventsEnd(event: WatchEvent<unknown>): boolean {
  return event.type === 'BOOKMARK' && event.object.metadata.annotations?.[INITIAL_EVENTS_END_ANNOTATION] === 'true';
}
