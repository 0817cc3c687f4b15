// When and how long the Client waits before re-sending a request the server was too busy for.
import type { HttpRequest } from '../../core/request/http-request.js';
import { ConfigError } from '../config/config-error.js';

/**
 * How the Client retries answers that mean "not now": 429 Too Many Requests, 503 Service
 * Unavailable and 504 Gateway Timeout.
 *
 * The wait before retry `n` (0-based) is `initialDelayMs * 2^n`, capped at `maxDelayMs`,
 * jittered down to between half and all of it, and never shorter than the server's
 * `Retry-After` (seconds or an HTTP date). A `Retry-After` longer than `maxDelayMs` is not
 * waited out: the answer is returned as the error it is.
 */
export interface RetryPolicy {
  /**
   * Retries after the first attempt; 0 disables retrying.
   * @default 5
   */
  readonly maxRetries?: number;
  /**
   * The first backoff, in milliseconds.
   * @default 200
   */
  readonly initialDelayMs?: number;
  /**
   * The longest wait, in milliseconds (both backoff and `Retry-After`).
   * @default 30_000
   */
  readonly maxDelayMs?: number;
  /**
   * Spread waits between half and all of the computed backoff, so that many clients
   * refused at once do not come back at once.
   * @default true
   */
  readonly jitter?: boolean;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: Required<RetryPolicy> = {
  maxRetries: 5,
  initialDelayMs: 200,
  maxDelayMs: 30_000,
  jitter: true,
};

/**
 * Refuses a policy whose numbers would make the Client misbehave silently (a `NaN` delay
 * retries at once, a fractional or negative count never or always).
 *
 * @throws {ConfigError} `InvalidField` naming the option, e.g. `retry.initialDelayMs`.
 */
export function checkRetryPolicy(policy: RetryPolicy, field = 'retry'): void {
  const { maxRetries, initialDelayMs, maxDelayMs, jitter } = policy;
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new ConfigError('InvalidField', `must be an integer >= 0, got ${String(maxRetries)}`, { field: `${field}.maxRetries` });
  }
  for (const [name, value] of [['initialDelayMs', initialDelayMs], ['maxDelayMs', maxDelayMs]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new ConfigError('InvalidField', `must be a number of milliseconds >= 0, got ${String(value)}`, { field: `${field}.${name}` });
    }
  }
  if (jitter !== undefined && typeof jitter !== 'boolean') throw new ConfigError('InvalidField', `must be a boolean, got ${String(jitter)}`, { field: `${field}.jitter` });
}

const BUSY_CODES = new Set([429, 503, 504]);

/**
 * Whether an answer with HTTP `status` to `request` may be sent again.
 *
 * - `GET`, `PUT` and `DELETE` are idempotent: retried on 429, 503 and 504.
 * - `PATCH` with a server-side apply body declares an intent and is idempotent too: same.
 * - Other `PATCH`es (merge, strategic, JSON) may not be idempotent (a JSON patch `add` to a
 *   list), and a 503 or 504 may come after the write happened: retried on 429 only, which
 *   the API server's priority and fairness answers before running the request.
 * - `POST` is never retried: a create that timed out may have created.
 */
export function isRetryable(request: Pick<HttpRequest, 'method' | 'headers'>, status: number): boolean {
  if (!BUSY_CODES.has(status)) return false;
  switch (request.method) {
    case 'GET':
    case 'PUT':
    case 'DELETE':
      return true;
    case 'PATCH':
      return status === 429 || request.headers['content-type'] === 'application/apply-patch+yaml';
    case 'POST':
      return false;
  }
}

/**
 * The wait before retry number `attempt` (0-based), or `undefined` when the policy says
 * to give up: retries exhausted, or a `Retry-After` beyond `maxDelayMs`.
 *
 * @param retryAfterMs The server's `Retry-After`, already in milliseconds.
 * @param random A number in [0, 1) for the jitter.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined, random: number): number | undefined {
  const { maxRetries, initialDelayMs, maxDelayMs, jitter } = { ...DEFAULT_RETRY_POLICY, ...policy };
  if (attempt >= maxRetries) return undefined;
  if (retryAfterMs !== undefined && retryAfterMs > maxDelayMs) return undefined;
  const backoff = Math.min(initialDelayMs * 2 ** attempt, maxDelayMs);
  const jittered = jitter ? backoff * (0.5 + random / 2) : backoff;
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}

/**
 * Parses a `Retry-After` header: delay-seconds (`"3"`) or an HTTP date, relative to `now`.
 * Returns milliseconds, or `undefined` when absent or unparsable.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
