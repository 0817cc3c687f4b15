// Parameters of watch calls, and their validation.
import { RequestBuildError } from '../errors/request-build-error.js';
import { checkInteger } from './checks.js';
import type { FieldSelectorInput, LabelSelectorInput } from './list-params.js';

/** The server-side watch timeout kube-rx asks for when none is given (kube-rs's default). */
export const DEFAULT_WATCH_TIMEOUT_SECONDS = 290;

/** Parameters of `watch`. */
export interface WatchParams {
  readonly labelSelector?: LabelSelectorInput;
  readonly fieldSelector?: FieldSelectorInput;
  /**
   * How long the server keeps the watch open before ending it cleanly, in seconds. Any
   * non-negative integer: unlike kube-rs there is no 295 s cap.
   * @default 290
   */
  readonly timeoutSeconds?: number;
  /**
   * Ask for `BOOKMARK` events, which move the resourceVersion on without an object change.
   * @default true
   */
  readonly allowWatchBookmarks?: boolean;
  /**
   * Streaming list: the server first sends every existing object as `ADDED`, then a bookmark
   * annotated `k8s.io/initial-events-end`. Requires bookmarks.
   * @default false
   */
  readonly sendInitialEvents?: boolean;
}

/**
 * Checks watch params before any request exists.
 *
 * @throws {RequestBuildError} `InvalidParams` for a negative or fractional `timeoutSeconds`, or
 *   `sendInitialEvents` without bookmarks.
 */
export function validateWatchParams(params: WatchParams): void {
  checkInteger('WatchParams.timeoutSeconds', params.timeoutSeconds, 0);
  if (params.sendInitialEvents === true && params.allowWatchBookmarks === false) {
    throw new RequestBuildError('InvalidParams', 'WatchParams.sendInitialEvents', 'requires allowWatchBookmarks');
  }
}
