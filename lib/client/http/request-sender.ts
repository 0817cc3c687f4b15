// The part of a Client that streaming requests (watches, followed logs) are sent through.
import type { HttpRequest } from '../../core/request/http-request.js';
import type { CallOptions } from '../call-options.js';
import type { FetchResponse } from './fetch-like.js';

/**
 * What `watchStream` and `lineStream` need from a `Client`: send one request (auth, retries)
 * and the server's origin for messages. A narrow seam, so that those helpers do not import
 * the Client that uses them.
 */
export interface RequestSender {
  /** The API server URL. */
  readonly baseUrl: URL;
  /** Sends a request and resolves the raw answer, whatever its status. */
  send(request: HttpRequest, options?: CallOptions): Promise<FetchResponse>;
}
