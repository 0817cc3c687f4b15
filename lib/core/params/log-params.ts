// Parameters of pod log calls, and their validation.
import { RequestBuildError } from '../errors/request-build-error.js';
import { checkInteger } from './checks.js';

/** Parameters of `logs` / `logStream`. */
export interface LogParams {
  /** The container, required when the pod has more than one. */
  readonly container?: string;
  /** Keep the stream open and send new lines as they are written. */
  readonly follow?: boolean;
  /** Stop after this many bytes. */
  readonly limitBytes?: number;
  readonly pretty?: boolean;
  /** Logs of the previous, terminated instance of the container. */
  readonly previous?: boolean;
  /** Only lines newer than this many seconds; exclusive with `sinceTime`. */
  readonly sinceSeconds?: number;
  /** Only lines newer than this time (RFC 3339); exclusive with `sinceSeconds`. */
  readonly sinceTime?: string | Date;
  /** Only the last N lines. */
  readonly tailLines?: number;
  /** Prefix every line with an RFC 3339 timestamp. */
  readonly timestamps?: boolean;
}

/** `2024-05-01T10:00:00Z`, `2024-05-01T10:00:00.5+02:00`: what Go's `time.RFC3339` parser takes. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Checks log params before any request exists.
 *
 * @throws {RequestBuildError} `InvalidParams` for both `sinceSeconds` and `sinceTime`, a
 *   non-positive `sinceSeconds`/`limitBytes`, a negative `tailLines`, a `sinceTime` string that
 *   is not RFC 3339 (`2024-05-01T10:00:00Z`) or an invalid `Date`.
 */
export function validateLogParams(params: LogParams): void {
  checkInteger('LogParams.limitBytes', params.limitBytes, 1);
  checkInteger('LogParams.sinceSeconds', params.sinceSeconds, 1);
  checkInteger('LogParams.tailLines', params.tailLines, 0);
  if (params.sinceSeconds !== undefined && params.sinceTime !== undefined) {
    throw new RequestBuildError('InvalidParams', 'LogParams.sinceTime', 'may not be combined with sinceSeconds');
  }
  const since = params.sinceTime;
  if (since !== undefined && ((typeof since === 'string' && !RFC3339.test(since)) || Number.isNaN(new Date(since).getTime()))) {
    throw new RequestBuildError('InvalidParams', 'LogParams.sinceTime', `${JSON.stringify(String(since))} is not an RFC 3339 time`);
  }
}

/** `sinceTime` as the API expects it: RFC 3339, UTC, whole seconds. */
export function formatSinceTime(time: string | Date): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
