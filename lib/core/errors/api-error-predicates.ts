// Free predicates over any error: is there a NotFound, Forbidden, ... ApiError in its cause chain?
import { isApiError, type ApiError } from './api-error.js';

/** How deep {@link findApiError} follows `cause` (and `causes`) links before giving up. */
const MAX_DEPTH = 16;

/**
 * The first {@link ApiError} in `error` or along its `cause` chain (and, for errors that
 * aggregate several, such as `ConfigError`'s `causes` or an `AggregateError`'s `errors`,
 * depth-first through those), or `undefined`. Cycles and very deep chains are cut off.
 *
 * This is client-go's `errors.As`: a 403 wrapped in a `WatcherError`, a `ControllerError` or
 * your own `new Error('sync failed', { cause })` is still found.
 */
export function findApiError(error: unknown): ApiError | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): ApiError | undefined => {
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null || seen.has(value)) return undefined;
    seen.add(value);
    if (isApiError(value)) return value;
    const { cause, causes, errors } = value as { cause?: unknown; causes?: unknown; errors?: unknown };
    const found = visit(cause, depth + 1);
    if (found !== undefined) return found;
    for (const list of [causes, errors]) {
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        const inner = visit(item, depth + 1);
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  };
  return visit(error, 0);
}

function has(check: (error: ApiError) => boolean): (error: unknown) => boolean {
  return (error) => {
    const found = findApiError(error);
    return found !== undefined && check(found);
  };
}

/**
 * True when `error`, or an error in its `cause` chain, is a 404 NotFound {@link ApiError}
 * (client-go's `errors.IsNotFound`). Like every predicate here, it matches the Status reason
 * and falls back to the HTTP code, as `ApiError.isNotFound()` does.
 *
 * ## Example
 * ```ts
 * try {
 *   await reconcile(object);
 * } catch (error) {
 *   if (isNotFound(error)) return Action.awaitChange(); // gone meanwhile
 *   throw error;
 * }
 * ```
 */
export const isNotFound = has((e) => e.isNotFound());
/** 409 AlreadyExists anywhere in the cause chain. */
export const isAlreadyExists = has((e) => e.isAlreadyExists());
/** 409 Conflict anywhere in the cause chain (stale resourceVersion, apply conflict). */
export const isConflict = has((e) => e.isConflict());
/** 410 Gone or Expired anywhere in the cause chain. */
export const isGone = has((e) => e.isGone());
/** 422 Invalid anywhere in the cause chain. */
export const isInvalid = has((e) => e.isInvalid());
/** 400 BadRequest anywhere in the cause chain. */
export const isBadRequest = has((e) => e.isBadRequest());
/** 403 Forbidden anywhere in the cause chain (e.g. inside a `WatcherError`). */
export const isForbidden = has((e) => e.isForbidden());
/** 401 Unauthorized anywhere in the cause chain. */
export const isUnauthorized = has((e) => e.isUnauthorized());
/** 429 TooManyRequests anywhere in the cause chain. */
export const isTooManyRequests = has((e) => e.isTooManyRequests());
/** 405 MethodNotAllowed anywhere in the cause chain. */
export const isMethodNotAllowed = has((e) => e.isMethodNotAllowed());
/** 415 UnsupportedMediaType anywhere in the cause chain. */
export const isUnsupportedMediaType = has((e) => e.isUnsupportedMediaType());
/**
 * The API server's 504 Timeout or ServerTimeout Status anywhere in the cause chain. (A
 * request that got no answer in time is a `ClientError` with reason `Timeout` instead.)
 */
export const isTimeout = has((e) => e.isTimeout());
/** 500 InternalError anywhere in the cause chain. */
export const isInternalError = has((e) => e.isInternalError());
/** 503 ServiceUnavailable anywhere in the cause chain. */
export const isServiceUnavailable = has((e) => e.isServiceUnavailable());
