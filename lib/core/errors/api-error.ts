// Raised when the API server refuses a request; carries the server's Status.
import { STATUS_REASONS, type Status, type StatusReason } from '../status.js';
import { isKubeErrorNamed, KubeError } from './kube-error.js';
import { redact } from './redact.js';

/** What the failing request was, for messages; never includes headers or bodies. */
export interface ApiErrorRequest {
  readonly method: string;
  readonly path: string;
}

/** Options of an {@link ApiError}. */
export interface ApiErrorOptions extends ErrorOptions {
  /** The Status came as an in-band `ERROR` event of a watch stream, not as the HTTP answer. @default false */
  readonly inBand?: boolean;
}

/**
 * The API server answered with a non-2xx status, or a watch stream carried an `ERROR`
 * event. `status` is the server's `Status` (or one synthesized from a non-Status body), with
 * its `message` and cause messages passed through {@link redact} like the error's own
 * message, so that logging the error never prints a credential the server echoed.
 *
 * The `isX()` helpers follow client-go's `k8s.io/apimachinery/pkg/api/errors`: they match
 * the Status `reason`, and when the reason is missing or unknown they fall back to the HTTP
 * code (unlike kube-rs, whose fallback never fires), so a plain-text 404 is still "not found".
 *
 * ## Example
 * ```ts
 * try {
 *   await pods.get('web');
 * } catch (error) {
 *   if (isApiError(error) && error.isNotFound()) console.log('no such pod');
 *   else throw error;
 * }
 * ```
 */
export class ApiError extends KubeError<StatusReason | 'Unknown'> {
  override name = 'ApiError' as const;
  /** The server's answer (messages redacted). */
  readonly status: Status;
  /** The request that failed, when known. */
  readonly request: ApiErrorRequest | undefined;
  /**
   * True when the Status came as an in-band `ERROR` event of a watch stream that had been
   * answered 200 (e.g. 410 Expired mid-stream), false when it was the HTTP answer itself.
   */
  readonly inBand: boolean;

  constructor(status: Status, request?: ApiErrorRequest, options?: ApiErrorOptions) {
    const code = status.code ?? 0;
    const reason = knownReason(status.reason);
    const where = request === undefined ? '' : ` (${request.method} ${request.path})`;
    const text = status.message ?? status.reason ?? 'unknown error';
    super(reason === '' ? 'Unknown' : reason, `${text}: ${code}${reason === '' ? '' : ` ${reason}`}${where}`, options);
    this.status = redactStatus(status);
    this.request = request;
    this.inBand = options?.inBand ?? false;
  }

  /** The HTTP code (from the Status, else the HTTP answer). */
  get code(): number {
    return this.status.code ?? 0;
  }

  /** Seconds the server asked us to wait, from `details.retryAfterSeconds`. */
  get retryAfterSeconds(): number | undefined {
    return this.status.details?.retryAfterSeconds;
  }

  /** 404 NotFound. */
  isNotFound(): boolean {
    return this.#is('NotFound', 404);
  }
  /** 409 AlreadyExists (a create of an existing name). */
  isAlreadyExists(): boolean {
    return this.#is('AlreadyExists', 409);
  }
  /** 409 Conflict (a stale resourceVersion, a failed precondition, an apply conflict). */
  isConflict(): boolean {
    return this.#is('Conflict', 409);
  }
  /** 410 Gone or Expired: the resourceVersion or continue token is too old; relist. */
  isGone(): boolean {
    return this.status.reason === 'Expired' || this.#is('Gone', 410);
  }
  /** 422 Invalid; `status.details.causes` name the fields. */
  isInvalid(): boolean {
    return this.#is('Invalid', 422);
  }
  /** 400 BadRequest. */
  isBadRequest(): boolean {
    return this.#is('BadRequest', 400);
  }
  /** 403 Forbidden (RBAC, or a terminating namespace). */
  isForbidden(): boolean {
    return this.#is('Forbidden', 403);
  }
  /** 401 Unauthorized (a missing, wrong or expired credential). */
  isUnauthorized(): boolean {
    return this.#is('Unauthorized', 401);
  }
  /** 429 TooManyRequests (priority and fairness, or an eviction blocked by a PDB). */
  isTooManyRequests(): boolean {
    return this.#is('TooManyRequests', 429);
  }
  /** 405 MethodNotAllowed. */
  isMethodNotAllowed(): boolean {
    return this.#is('MethodNotAllowed', 405);
  }
  /** 415 UnsupportedMediaType (e.g. a strategic merge patch on a custom resource). */
  isUnsupportedMediaType(): boolean {
    return this.#is('UnsupportedMediaType', 415);
  }
  /** 504 Timeout or ServerTimeout. */
  isTimeout(): boolean {
    return this.status.reason === 'ServerTimeout' || this.#is('Timeout', 504);
  }
  /** 500 InternalError. */
  isInternalError(): boolean {
    return this.#is('InternalError', 500);
  }
  /** 503 ServiceUnavailable. */
  isServiceUnavailable(): boolean {
    return this.#is('ServiceUnavailable', 503);
  }

  #is(reason: StatusReason, code: number): boolean {
    if (this.status.reason === reason) return true;
    return knownReason(this.status.reason) === '' && this.code === code;
  }
}

function redactStatus(status: Status): Status {
  const out: Status = { ...status };
  if (status.message !== undefined) out.message = redact(status.message);
  const causes = status.details?.causes;
  if (causes !== undefined) {
    out.details = { ...status.details, causes: causes.map((c) => (c.message === undefined ? { ...c } : { ...c, message: redact(c.message) })) };
  }
  return out;
}

function knownReason(reason: string | undefined): StatusReason {
  return reason !== undefined && STATUS_REASONS.has(reason) ? (reason as StatusReason) : '';
}

/** True for a ApiError, also from another copy of this package (the KubeError brand, then the name). */
export function isApiError(error: unknown): error is ApiError {
  return isKubeErrorNamed<ApiError>(error, 'ApiError');
}
