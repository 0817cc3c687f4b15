// The ApiError of a non-2xx answer, built from its status, Retry-After and body.
import { ApiError } from '../../core/errors/api-error.js';
import type { HttpRequest } from '../../core/request/http-request.js';
import { statusFromResponse } from '../../core/status.js';
import type { FetchResponse } from './fetch-like.js';
import { parseRetryAfter } from './retry-policy.js';

/** The {@link ApiError} of a non-2xx answer whose body has been read as `text`. */
export function apiErrorOf(request: HttpRequest, response: Pick<FetchResponse, 'status' | 'headers'>, text: string): ApiError {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  const status = statusFromResponse(response.status, text, retryAfter === undefined ? undefined : Math.ceil(retryAfter / 1000));
  return new ApiError(status, { method: request.method, path: request.path });
}
