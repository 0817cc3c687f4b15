// Options of a watcher, with kube-rs's defaults.
import type { SchedulerLike } from 'rxjs';
import type { FieldSelectorInput, LabelSelectorInput } from '../../core/params/list-params.js';
import type { BackoffPolicy } from '../backoff/backoff-policy.js';
import type { WatcherError } from './watcher-error.js';

/** How the watcher gets the initial state. */
export type InitialListStrategy = 'ListWatch' | 'StreamingList';

/** Options of {@link watcher}. */
export interface WatcherConfig {
  /** Only objects whose labels match. */
  readonly labelSelector?: LabelSelectorInput;
  /** Only objects whose fields match. */
  readonly fieldSelector?: FieldSelectorInput;
  /**
   * Server-side timeout of each watch request, seconds; the server then ends the stream and
   * the watcher resumes from the last resourceVersion. No cap (kube-rs caps it below 295).
   * The idle watchdog fires after `timeoutSeconds + 5` seconds without any event.
   * @default 290
   */
  readonly timeoutSeconds?: number;
  /** Page size of the initial list; `0` lists in one request. @default 500 */
  readonly pageSize?: number;
  /**
   * How long each page of the (re)list may go unanswered, ms, measured on `scheduler`. Then
   * the request is abandoned and the failure reported as an `InitialListFailed`
   * {@link WatcherError} (its cause a `ClientError` `Timeout`) and retried with the backoff,
   * so a server that accepts the connection and never answers cannot stall the watcher
   * silently. Watches need no such bound: the idle watchdog covers them.
   * @default 295_000 (kube-rs's read timeout)
   */
  readonly listTimeout?: number;
  /** Ask for bookmarks so that reconnects resume from a recent resourceVersion. @default true */
  readonly bookmarks?: boolean;
  /**
   * `MostRecent`: lists are consistent reads. `Any`: lists may be served from the API server's
   * cache (`resourceVersion=0`; the server may then ignore the page size). @default 'MostRecent'
   */
  readonly listSemantic?: 'MostRecent' | 'Any';
  /**
   * `ListWatch`: paged list, then watch. `StreamingList`: one watch with `sendInitialEvents`,
   * falling back to `ListWatch` when the server refuses it. @default 'ListWatch'
   */
  readonly initialListStrategy?: InitialListStrategy;
  /** Retry transient failures. `false`: the first failure ends the stream. @default true */
  readonly retry?: boolean;
  /** Delays between retries. @default defaultBackoff() */
  readonly backoff?: BackoffPolicy;
  /**
   * Keep retrying (with backoff) when the server answers 401 or 403. By default such an answer
   * ends the stream with a `Forbidden` WatcherError: a controller without RBAC should fail
   * loudly, not degrade silently (kube-rs #1132). @default false
   */
  readonly retryForbidden?: boolean;
  /** Called with every failure, retried or not: which resource, which phase, and the cause. */
  readonly onError?: (error: WatcherError) => void;
  /** Where delays and timeouts are scheduled. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}
