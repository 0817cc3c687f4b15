// Raised when a request never got an answer: connect, TLS, proxy, abort, timeout, body decoding.
import { KubeError } from '../../core/errors/kube-error.js';

/**
 * Why a request failed without an answer from the API server.
 *
 * - `ConnectFailed`: the connection was refused or the host could not be resolved or reached.
 * - `ConnectTimeout`: no TCP + TLS connection within the client's connect timeout.
 * - `TlsFailed`: the TLS handshake failed (unknown CA, wrong host name, bad client certificate).
 * - `ProxyFailed`: the proxy refused the `CONNECT` tunnel or could not be reached.
 * - `ConnectionReset`: the connection broke after the request was sent (mid-answer included).
 * - `Aborted`: the caller's `AbortSignal` fired (or the Observable was unsubscribed).
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
  | 'BodyDecodeFailed'
  | 'RequestFailed';

/** What the failing request was; never includes headers or bodies. */
export interface ClientErrorRequest {
  readonly method: string;
  readonly url: string;
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

  constructor(reason: ClientErrorReason, message: string, request?: ClientErrorRequest, options?: ErrorOptions & { code?: string }) {
    const where = request === undefined ? '' : ` (${request.method} ${request.url})`;
    super(reason, `${message}${where}`, options);
    this.request = request;
    this.code = options?.code;
  }
}

/** `instanceof ClientError` that also holds across two copies of this package. */
export function isClientError(error: unknown): error is ClientError {
  return error instanceof ClientError || (error as { name?: unknown } | null)?.name === 'ClientError';
}
