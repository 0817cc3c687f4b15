// Why a watcher failed: the phase that failed and the resource it was watching.
import { isKubeErrorNamed, KubeError } from '../../core/errors/kube-error.js';

/**
 * The phase of a watcher that failed (kube-rs `watcher::Error` variants):
 * - `InitialListFailed`: a page of the initial list (or relist) failed, or got no answer
 *   within `listTimeout`.
 * - `WatchStartFailed`: the watch request got no 200: an HTTP error answer, a connect or TLS
 *   failure.
 * - `WatchError`: the server sent an in-band `ERROR` event on an open stream. A first 410
 *   Expired relists silently; a 410 again before any watch event is reported with this reason
 *   (or `WatchStartFailed` when the watch request itself was answered 410).
 * - `WatchFailed`: an open watch stream broke after its 200: the connection was cut, a line
 *   did not decode, or a line exceeded the client's `maxLineLength`.
 * - `NoResourceVersion`: a list or event carried no resourceVersion to resume from.
 * - `Forbidden`: a 401 or 403: the credentials or RBAC do not allow list/watch.
 */
export type WatcherErrorReason =
  | 'InitialListFailed'
  | 'WatchStartFailed'
  | 'WatchError'
  | 'WatchFailed'
  | 'NoResourceVersion'
  | 'Forbidden';

/**
 * A watcher could not do its job. Reported through `WatcherConfig.onError` every time it
 * happens (the watcher then backs off and retries), and emitted as the stream's error when
 * retries are disabled or given up, or (by default) when access is forbidden.
 *
 * `resource` names what was being watched (`pods in namespace "default"`), so that a
 * controller with several watches tells you which one failed (kube-rs #640).
 */
export class WatcherError extends KubeError<WatcherErrorReason> {
  override name = 'WatcherError' as const;
  readonly resource: string;

  constructor(reason: WatcherErrorReason, resource: string, options?: ErrorOptions) {
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(reason, `watch of ${resource}: ${DESCRIPTIONS[reason]}${cause}`, options);
    this.resource = resource;
  }
}

const DESCRIPTIONS: Readonly<Record<WatcherErrorReason, string>> = {
  InitialListFailed: 'the initial list failed',
  WatchStartFailed: 'the watch could not be started',
  WatchError: 'the server reported an error on the watch stream',
  WatchFailed: 'the watch stream failed',
  NoResourceVersion: 'the server answered without a resourceVersion',
  Forbidden: 'access was refused (check the credentials and RBAC for list and watch)',
};

/** True for a WatcherError, also from another copy of this package (the KubeError brand, then the name). */
export function isWatcherError(error: unknown): error is WatcherError {
  return isKubeErrorNamed<WatcherError>(error, 'WatcherError');
}
