// Turns whatever a fetch threw (node-fetch FetchError, undici TypeError, AbortError) into a ClientError.
import { ClientError, isClientError, type ClientErrorReason, type ClientErrorRequest } from '../errors/client-error.js';

/** The `code` our agents give a connection that took longer than the connect timeout. */
export const CONNECT_TIMEOUT_CODE = 'KUBE_RX_CONNECT_TIMEOUT';
/** The `code` our proxy agent gives a refused or failed `CONNECT` tunnel. */
export const PROXY_FAILED_CODE = 'KUBE_RX_PROXY_FAILED';

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET', 'HPE_INVALID_CHUNK_SIZE']);
const TLS_CODES = new Set([
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The first system error code found on the error or its `cause` chain. */
function codeOf(error: unknown): string | undefined {
  for (let e = error as ErrorLike | undefined, depth = 0; e !== undefined && e !== null && depth < 5; e = e.cause as ErrorLike | undefined, depth++) {
    if (typeof e.code === 'string' && e.code !== '') return e.code;
  }
  return undefined;
}

function reasonOf(code: string | undefined): ClientErrorReason {
  if (code === undefined) return 'RequestFailed';
  if (code === CONNECT_TIMEOUT_CODE || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'ConnectTimeout';
  if (code === PROXY_FAILED_CODE) return 'ProxyFailed';
  if (CONNECT_CODES.has(code)) return 'ConnectFailed';
  if (RESET_CODES.has(code)) return 'ConnectionReset';
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return 'TlsFailed';
  return 'RequestFailed';
}

/** What else {@link toClientError} knows about the failure. */
export interface FailureContext {
  /** The server had begun its answer (status and headers) when the failure happened. */
  readonly responseStarted?: boolean;
  /** The request's own deadline: when it fired, the abort is a `Timeout`, not an `Aborted`. */
  readonly deadline?: { readonly signal: AbortSignal; readonly ms: number };
}

/**
 * Classifies a transport failure. An abort is recognised by `signal.aborted` (what the
 * caller did), not by the error's shape, so every fetch implementation agrees; an abort by
 * the request's own deadline is a `Timeout`.
 */
export function toClientError(error: unknown, request: ClientErrorRequest, signal?: AbortSignal, context: FailureContext = {}): ClientError {
  if (isClientError(error)) return error;
  const responseStarted = context.responseStarted === true;
  if (context.deadline?.signal.aborted === true) {
    return new ClientError('Timeout', `no complete answer within ${context.deadline.ms} ms`, request, { cause: error, responseStarted });
  }
  if (signal?.aborted === true || (error as ErrorLike | null)?.name === 'AbortError') {
    return new ClientError('Aborted', 'request aborted', request, { cause: error, responseStarted });
  }
  const code = codeOf(error);
  const reason = reasonOf(code);
  const detail = describe(error, code);
  const message: Record<ClientErrorReason, string> = {
    ConnectFailed: `cannot connect: ${detail}`,
    ConnectTimeout: `connect timed out: ${detail}`,
    TlsFailed: `tls handshake failed: ${detail}`,
    ProxyFailed: `proxy failed: ${detail}`,
    ConnectionReset: `connection lost: ${detail}`,
    Aborted: 'request aborted',
    Timeout: `timed out: ${detail}`,
    BodyDecodeFailed: `cannot decode the answer: ${detail}`,
    RequestFailed: `request failed: ${detail}`,
  };
  return new ClientError(reason, message[reason], request, { cause: error, responseStarted, ...(code === undefined ? {} : { code }) });
}

function describe(error: unknown, code: string | undefined): string {
  // undici wraps the real error: "fetch failed" says nothing; prefer the cause's message.
  const e = error as ErrorLike | null;
  const cause = e?.cause as ErrorLike | undefined;
  const raw = typeof cause?.message === 'string' && cause.message !== '' ? cause.message : typeof e?.message === 'string' ? e.message : String(error);
  // node-fetch says "request to https://host/path?query failed": the query may carry anything.
  const text = raw.replace(/\b(https?|wss?):\/\/([^\s?#]*)[?#][^\s,]*/g, '$1://$2');
  return code === undefined || text.includes(code) ? text : `${text} (${code})`;
}
