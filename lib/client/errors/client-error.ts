// Raised when a request never got an answer: connect, TLS, proxy, abort, timeout, body decoding.
import { isKubeErrorNamed, KubeError } from '../../core/errors/kube-error.js';

/**
 * Why a request failed without an answer from the API server.
 *
 * - `ConnectFailed`: the connection was refused or the host could not be resolved or reached.
 * - `ConnectTimeout`: no TCP + TLS connection within the client's connect timeout.
 * - `TlsFailed`: the TLS handshake failed (unknown CA, wrong host name, bad client certificate).
 * - `ProxyFailed`: the proxy refused the `CONNECT` tunnel or could not be reached.
 * - `ConnectionReset`: the connection broke after the request was sent (mid-answer included).
 * - `Aborted`: the caller's `AbortSignal` fired (or the Observable was unsubscribed).
 * - `Timeout`: no complete answer within the request timeout (`Config.requestTimeoutMs`,
 *   295 s by default), or a watcher's list got none within its `listTimeout`.
 * - `BodyDecodeFailed`: the answer arrived but its body is not what the API promises (not JSON).
 * - `RequestFailed`: any other transport failure; see `cause`.
 */
export type ClientErrorReason =
  | 'ConnectFailed'
  | 'ConnectTimeout'
  | 'TlsFailed'
  | 'ProxyFailed'
  | 'ConnectionReset'
  | 'Aborted'
  | 'Timeout'
  | 'BodyDecodeFailed'
  | 'RequestFailed';

/** What the failing request was; never includes headers or bodies. */
export interface ClientErrorRequest {
  readonly method: string;
  readonly url: string;
}

/** Options of a {@link ClientError}. */
export interface ClientErrorOptions extends ErrorOptions {
  /** The system error code. */
  readonly code?: string;
  /** The server had begun its answer. @default false */
  readonly responseStarted?: boolean;
}

/**
 * A request failed on the client's side of the wire: the API server's own refusals are
 * {@link ApiError}s instead. `reason` says what broke; `code` is the system error code when
 * there is one (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, ...); the original error is in `cause`.
 *
 * ## Example
 * ```ts
 * try {
 *   await pods.list();
 * } catch (error) {
 *   if (isClientError(error) && error.reason === 'ConnectFailed') console.log('is the cluster up?');
 *   else throw error;
 * }
 * ```
 *
 * Messages name the request's method and URL without its query string, and never carry a
 * credential.
 */
export class ClientError extends KubeError<ClientErrorReason> {
  override name = 'ClientError' as const;
  /** The request that failed, when known. */
  readonly request: ClientErrorRequest | undefined;
  /** The system error code, e.g. `ECONNREFUSED`, when there is one. */
  readonly code: string | undefined;
  /**
   * True when the server had begun its answer (a 2xx status and headers) before the failure:
   * a body or a watch stream cut short, as opposed to a request that never got an answer.
   */
  readonly responseStarted: boolean;

  constructor(reason: ClientErrorReason, message: string, request?: ClientErrorRequest, options?: ClientErrorOptions) {
    // A query string may carry anything (a selector, a token in a proxy URL): never print it.
    const safe = request === undefined ? undefined : { method: request.method, url: withoutQuery(request.url) };
    const where = safe === undefined ? '' : ` (${safe.method} ${safe.url})`;
    super(reason, `${message}${where}`, options);
    this.request = safe;
    this.code = options?.code;
    this.responseStarted = options?.responseStarted ?? false;
  }
}

function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/** True for a ClientError, also from another copy of this package (the KubeError brand, then the name). */
export function isClientError(error: unknown): error is ClientError {
  return isKubeErrorNamed<ClientError>(error, 'ClientError');
}
