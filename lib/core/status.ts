// The API server's Status object: what every error answer (and some successes) carries.

/** The `reason` values the API server uses (`metav1.StatusReason`); `''` is "unknown". */
export type StatusReason =
  | ''
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Invalid'
  | 'ServerTimeout'
  | 'StoreReadError'
  | 'Timeout'
  | 'TooManyRequests'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'InternalError'
  | 'Expired'
  | 'ServiceUnavailable';

/** Every known, non-empty {@link StatusReason}. */
export const STATUS_REASONS: ReadonlySet<string> = new Set<StatusReason>([
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'AlreadyExists',
  'Conflict',
  'Gone',
  'Invalid',
  'ServerTimeout',
  'StoreReadError',
  'Timeout',
  'TooManyRequests',
  'BadRequest',
  'MethodNotAllowed',
  'NotAcceptable',
  'RequestEntityTooLarge',
  'UnsupportedMediaType',
  'InternalError',
  'Expired',
  'ServiceUnavailable',
]);

/** One cause inside `Status.details.causes`; `reason` is e.g. `FieldValueInvalid`. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** `Status.details`: what the error was about. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/** `meta/v1 Status`, the body of every error answer and of some delete answers. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { resourceVersion?: string; continue?: string; selfLink?: string; remainingItemCount?: number };
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason | (string & {});
  details?: StatusDetails;
  code?: number;
}

/** True when `value` is a `Status` object (`kind: "Status"`). */
export function isStatus(value: unknown): value is Status {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
}

/** Builds a failure `Status` the way the API server does. */
export function failureStatus(code: number, reason: StatusReason, message: string, details?: StatusDetails): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details === undefined ? {} : { details }),
    code,
  };
}

/**
 * Turns an HTTP error answer into a `Status`: the body itself when it is one, otherwise a
 * synthesized failure that keeps the HTTP code and the body's text (a plain-text
 * `404 page not found` or `Too many requests` is real) with an unknown reason, so that
 * code-based checks such as {@link ApiError.isNotFound} still work.
 *
 * `retryAfterSeconds` (from a `Retry-After` header) lands in `details.retryAfterSeconds`
 * unless the Status body already has one.
 */
export function statusFromResponse(httpCode: number, body: string, retryAfterSeconds?: number): Status {
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isStatus(parsed)) {
        const code = typeof parsed.code === 'number' && parsed.code > 0 ? parsed.code : httpCode;
        const status: Status = { ...parsed, metadata: parsed.metadata ?? {}, code };
        if (retryAfterSeconds !== undefined && status.details?.retryAfterSeconds === undefined) {
          status.details = { ...status.details, retryAfterSeconds };
        }
        return status;
      }
    } catch {
      // not JSON after all: fall through to the synthesized status
    }
  }
  const message = text === '' ? `the server answered ${httpCode} with an empty body` : text.slice(0, 1024);
  const details = retryAfterSeconds === undefined ? undefined : { retryAfterSeconds };
  return failureStatus(httpCode, '', message, details);
}
