// The HTTP client of one cluster: auth, retries, a shared keep-alive agent; JSON calls and streams.
import nodeFetch from 'node-fetch';
import { Subject, type Observable } from 'rxjs';
import type { ApiError } from '../core/errors/api-error.js';
import { requestUrl, type HttpRequest } from '../core/request/http-request.js';
import type { WatchEvent } from '../core/watch/watch-event.js';
import { parseWarningHeaders } from '../core/warning-header.js';
import { staticAuthenticator, type Authenticator, type Credentials } from './auth/authenticator.js';
import { impersonationHeaders, type Impersonation } from './auth/impersonation.js';
import type { CallOptions } from './call-options.js';
import { Config, DEFAULT_REQUEST_TIMEOUT_MS, type InferOptions } from './config/config.js';
import { ClientError } from './errors/client-error.js';
import { apiErrorOf } from './http/api-error-of.js';
import { logWarningsOnce, type ApiWarning, type WarningHandler } from './http/api-warning.js';
import { createAgent, type RetirableAgent, type TlsOptions } from './http/create-agent.js';
import { deadline, type Deadline } from './http/deadline.js';
import type { FetchLike, FetchResponse } from './http/fetch-like.js';
import { checkRetryPolicy, DEFAULT_RETRY_POLICY, isRetryable, parseRetryAfter, retryDelay, type RetryPolicy } from './http/retry-policy.js';
import { sleep as defaultSleep, type Sleep } from './http/sleep.js';
import { toClientError } from './http/to-client-error.js';
import { lineStream } from './line-stream.js';
import { DEFAULT_USER_AGENT } from './version.js';
import { watchStream } from './watch-stream.js';

/** What {@link Client.prepare} gives: everything needed to send a request by other means. */
export interface PreparedRequest {
  readonly url: string;
  /** Header pairs, credentials included (never log them). */
  readonly headers: [string, string][];
  /** The Client's agent for these credentials (TLS, proxy, connect timeout). */
  readonly agent: RetirableAgent;
}

/** Options of a Client built without a {@link Config} (unit specs, `kubectl proxy`, custom transports). */
export interface ClientOptions {
  /** The API server, e.g. `https://127.0.0.1:6443`; a path prefix is kept. */
  readonly baseUrl: string | URL;
  /**
   * The fetch to send requests with.
   * @default node-fetch, with this Client's keep-alive agent
   */
  readonly fetch?: FetchLike;
  /** @default 'default' */
  readonly defaultNamespace?: string;
  /** Credentials per request. @default none */
  readonly authenticator?: Authenticator;
  readonly impersonate?: Impersonation;
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** @default `kube-rx/<version>` */
  readonly userAgent?: string;
  /** Retries of 429/503/504 answers (see {@link isRetryable}); `false` disables them. @default DEFAULT_RETRY_POLICY */
  readonly retry?: RetryPolicy | false;
  /** Waits between retries; inject `() => Promise.resolve()` in specs. @default an abortable timer */
  readonly sleep?: Sleep;
  /** The jitter source, in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** TLS settings of the default agent. */
  readonly tls?: TlsOptions;
  /** A proxy to tunnel every connection through. */
  readonly proxy?: URL;
  /** Milliseconds for TCP + proxy + TLS set-up. @default 30_000 */
  readonly connectTimeoutMs?: number;
  /** Ask for uncompressed answers. @default false */
  readonly disableCompression?: boolean;
  /**
   * Milliseconds a one-shot request (everything but watches, followed logs and WebSocket
   * streams) may take from sending to the last byte of its answer, retries included; then it
   * rejects with a `ClientError` `Timeout`. `0` disables it. @default 295_000 (kube-rs's read timeout)
   */
  readonly requestTimeoutMs?: number;
  /** The longest line of a watch or followed log, in characters. @default DEFAULT_MAX_LINE_LENGTH (16 MiB) */
  readonly maxLineLength?: number;
  /**
   * Called with each warning the API server attaches to an answer (`Warning: 299 ...` headers:
   * unknown fields, deprecated APIs); `false` ignores them. They are also emitted on
   * {@link Client.warnings$} whatever this says.
   * @default logWarningsOnce(): each distinct text once, through process.emitWarning
   */
  readonly onWarning?: WarningHandler | false;
}

/** A one-shot answer read whole: see {@link Client.fetchText}. */
export interface TextAnswer {
  readonly status: number;
  readonly headers: FetchResponse['headers'];
  readonly text: string;
}

/**
 * Sends requests to one API server (kube-rs `Client`, client-go `rest.RESTClient`). Most
 * code uses it only to make {@link Api}s.
 *
 * - One keep-alive `https.Agent` per Client, shared by every request and every reconnecting
 *   watch: no socket leaks per watch, TCP keep-alive probes, a connect timeout, and no read
 *   timeout (watches may be silent for minutes).
 * - Every attempt asks the {@link Authenticator} for fresh credentials; a 401 makes a
 *   refreshable one (exec plugin, token file) refresh and the request go once more.
 * - 429, 503 and 504 answers are retried with backoff for idempotent requests, honouring
 *   `Retry-After` (see {@link RetryPolicy}, {@link isRetryable}).
 * - Warnings the server attaches (`Warning: 299 ...`) go to `onWarning` (by default each
 *   distinct text is logged once) and {@link Client.warnings$}.
 * - Non-2xx answers reject with {@link ApiError} (carrying the server's `Status`, or one
 *   made from a plain-text body); transport failures with {@link ClientError}.
 *
 * ## Example
 * ```ts
 * const client = new Client(await Config.infer());  // or: await Client.infer()
 * const pods = Api.namespaced(client, Pod, 'default');
 *
 * // in unit specs:
 * const fetch = sinon.stub().resolves(new Response('{}'));
 * const fake = new Client({ baseUrl: 'https://k8s.test', fetch, sleep: () => Promise.resolve() });
 * ```
 */
export class Client {
  /** The API server URL. */
  readonly baseUrl: URL;
  /** The namespace of `Api.defaultNamespaced`. */
  readonly defaultNamespace: string;
  readonly #fetch: FetchLike;
  readonly #authenticator: Authenticator;
  readonly #headers: [string, string][];
  readonly #retry: RetryPolicy | false;
  readonly #sleep: Sleep;
  readonly #random: () => number;
  readonly #agentConfig: { tls: TlsOptions; proxy: URL | undefined; connectTimeoutMs: number };
  readonly #requestTimeoutMs: number;
  readonly #maxLineLength: number | undefined;
  readonly #onWarning: WarningHandler | false;
  readonly #warnings = new Subject<ApiWarning>();
  /**
   * Every warning the API server attaches to an answer of this Client (hot: subscribe before
   * the requests you care about), whatever `onWarning` does with it.
   */
  readonly warnings$: Observable<ApiWarning> = this.#warnings.asObservable();
  #agent: RetirableAgent | undefined;
  #agentIdentity = '';

  /**
   * @throws {ConfigError} for an unusable `baseUrl` (from a {@link Config}, never: it is
   *   checked there), or a retry policy with a negative or non-numeric field.
   */
  constructor(config: Config | ClientOptions) {
    const options: ClientOptions = config instanceof Config ? optionsFromConfig(config) : config;
    const base = new URL(String(options.baseUrl));
    base.search = '';
    base.hash = '';
    this.baseUrl = base;
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    this.#fetch = options.fetch ?? (nodeFetch as unknown as FetchLike);
    this.#authenticator = options.authenticator ?? staticAuthenticator({ headers: [] });
    this.#retry = options.retry ?? DEFAULT_RETRY_POLICY;
    if (this.#retry !== false) checkRetryPolicy(this.#retry);
    this.#sleep = options.sleep ?? defaultSleep;
    this.#random = options.random ?? Math.random;
    const extra = Object.entries(options.headers ?? {});
    const has = (name: string): boolean => extra.some(([key]) => key.toLowerCase() === name);
    this.#headers = [
      ...(has('user-agent') ? [] : ([['User-Agent', options.userAgent ?? DEFAULT_USER_AGENT]] as [string, string][])),
      ...(options.disableCompression === true && !has('accept-encoding') ? ([['Accept-Encoding', 'identity']] as [string, string][]) : []),
      ...extra,
      ...impersonationHeaders(options.impersonate),
    ];
    this.#agentConfig = { tls: options.tls ?? {}, proxy: options.proxy, connectTimeoutMs: options.connectTimeoutMs ?? 30_000 };
    this.#requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#maxLineLength = options.maxLineLength;
    this.#onWarning = options.onWarning ?? logWarningsOnce();
  }

  /**
   * A Client for {@link Config.infer}'s configuration (kube-rs `Client::try_default`).
   *
   * @throws {ConfigError} `InferFailed` when neither a kubeconfig nor in-cluster config is usable.
   */
  static async infer(options?: InferOptions): Promise<Client> {
    return new Client(await Config.infer(options));
  }

  /**
   * Sends a request and resolves the raw answer, whatever its status (after auth refresh
   * and retries). The caller must consume or cancel the body.
   *
   * @throws {ClientError} when no answer arrives (`ConnectFailed`, `TlsFailed`, `Aborted`, ...).
   * @throws {AuthError} when credentials cannot be obtained.
   */
  async send(request: HttpRequest, options: CallOptions = {}): Promise<FetchResponse> {
    return this.#send(request, options.signal, undefined);
  }

  async #send(request: HttpRequest, signal: AbortSignal | undefined, limit: Deadline | undefined): Promise<FetchResponse> {
    const url = this.url(request);
    const where = { method: request.method, url: this.baseUrl.origin + request.path };
    const context = limit === undefined ? {} : { deadline: limit };
    let attempt = 0;
    let refreshed = false;
    for (;;) {
      if (signal?.aborted === true) throw toClientError(signal.reason, where, signal, context);
      const credentials = await this.#authenticator.credentials();
      let response: FetchResponse;
      try {
        response = await this.#fetch(url, {
          method: request.method,
          headers: this.#requestHeaders(request, credentials),
          ...(request.body === undefined ? {} : { body: request.body }),
          ...(signal === undefined ? {} : { signal }),
          agent: this.#agentFor(credentials),
        });
      } catch (error) {
        throw toClientError(error, where, signal, context);
      }
      if (response.status === 401 && !refreshed && (await this.#authenticator.refresh())) {
        refreshed = true;
        await discard(response);
        continue;
      }
      if (this.#retry !== false && isRetryable(request, response.status)) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        const delay = retryDelay(this.#retry, attempt, retryAfter, this.#random());
        if (delay !== undefined) {
          await discard(response);
          try {
            await this.#sleep(delay, signal);
          } catch (error) {
            throw toClientError(error, where, signal, context);
          }
          attempt += 1;
          continue;
        }
      }
      this.#surfaceWarnings(request, response);
      return response;
    }
  }

  #surfaceWarnings(request: HttpRequest, response: FetchResponse): void {
    const header = response.headers.get('warning');
    if (header === null || header === '') return;
    for (const warning of parseWarningHeaders(header)) {
      const event: ApiWarning = { ...warning, request: { method: request.method, path: request.path } };
      this.#warnings.next(event);
      if (this.#onWarning !== false) this.#onWarning(event);
    }
  }

  /**
   * Sends a request and parses its JSON answer.
   *
   * @throws {ApiError} for a non-2xx answer, with the server's `Status`.
   * @throws {ClientError} for transport failures, and `BodyDecodeFailed` when a 2xx body is not JSON.
   */
  async requestJson<T>(request: HttpRequest, options: CallOptions = {}): Promise<T> {
    const text = await this.requestText(request, options);
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new ClientError('BodyDecodeFailed', `the answer is not JSON: ${JSON.stringify(text.slice(0, 100))}`, { method: request.method, url: this.baseUrl.origin + request.path }, { cause: error });
    }
  }

  /**
   * Sends a request and resolves its body as text (pod logs, for instance).
   *
   * @throws {ApiError} for a non-2xx answer.
   * @throws {ClientError} for transport failures.
   */
  async requestText(request: HttpRequest, options: CallOptions = {}): Promise<string> {
    const answer = await this.fetchText(request, options);
    if (answer.status < 200 || answer.status > 299) throw apiErrorOf(request, answer, answer.text);
    return answer.text;
  }

  /**
   * Sends a one-shot request and reads its whole body, whatever its status, within the
   * request timeout (`requestTimeoutMs`, retries included).
   *
   * @throws {ClientError} for transport failures; `Timeout` when the deadline passes first.
   */
  async fetchText(request: HttpRequest, options: CallOptions = {}): Promise<TextAnswer> {
    const limit = this.#requestTimeoutMs > 0 ? deadline(this.#requestTimeoutMs) : undefined;
    const signal = limit === undefined ? options.signal : options.signal === undefined ? limit.signal : AbortSignal.any([options.signal, limit.signal]);
    try {
      const response = await this.#send(request, signal, limit);
      try {
        return { status: response.status, headers: response.headers, text: await response.text() };
      } catch (error) {
        const where = { method: request.method, url: this.baseUrl.origin + request.path };
        throw toClientError(error, where, signal, { responseStarted: true, ...(limit === undefined ? {} : { deadline: limit }) });
      }
    } finally {
      limit?.clear();
    }
  }

  /**
   * A watch request as a cold Observable of its events, decoded incrementally; see
   * {@link watchStream}. Unsubscribing aborts the request.
   */
  watch<K>(request: HttpRequest): Observable<WatchEvent<K>> {
    return watchStream<K>(this, request, this.#maxLineLength === undefined ? {} : { maxLineLength: this.#maxLineLength });
  }

  /**
   * A streaming text request (`follow`ed logs) as a cold Observable of its lines; see
   * {@link lineStream}. Unsubscribing aborts the request.
   */
  lines(request: HttpRequest): Observable<string> {
    return lineStream(this, request, this.#maxLineLength === undefined ? {} : { maxLineLength: this.#maxLineLength });
  }

  /**
   * The URL, headers (with credentials) and agent of a request, for transports other than
   * fetch (the WebSocket upgrades of exec, attach and port-forward). Call
   * {@link refreshCredentials} after a 401 and prepare again.
   *
   * @throws {AuthError} when credentials cannot be obtained.
   */
  async prepare(request: HttpRequest): Promise<PreparedRequest> {
    const credentials = await this.#authenticator.credentials();
    return { url: this.url(request), headers: this.#requestHeaders(request, credentials), agent: this.#agentFor(credentials) };
  }

  /** Drops cached credentials after a 401; `true` when fresh ones may differ (see {@link Authenticator.refresh}). */
  refreshCredentials(): Promise<boolean> {
    return this.#authenticator.refresh();
  }

  /** The absolute URL of a request: the base URL (with any path prefix) + path + query. */
  url(request: Pick<HttpRequest, 'path' | 'query'>): string {
    const prefix = this.baseUrl.pathname.replace(/\/+$/, '');
    return `${this.baseUrl.origin}${prefix}${requestUrl(request)}`;
  }

  /**
   * Closes idle connections and stops reusing sockets; in-flight requests finish. The
   * Client stays usable (a new agent is made on the next request).
   */
  close(): void {
    this.#agent?.retire();
    this.#agent = undefined;
    this.#agentIdentity = '';
  }

  /**
   * The agent for these credentials: the shared one, unless an exec plugin handed out a new
   * client certificate, in which case the old agent is retired (its watches run on) and a
   * new one made.
   */
  #agentFor(credentials: Credentials): RetirableAgent {
    const certificate = credentials.certificate;
    const identity = certificate === undefined ? '' : `${certificate.cert}\n${certificate.key}`;
    if (this.#agent === undefined || identity !== this.#agentIdentity) {
      this.#agent?.retire();
      const tls = certificate === undefined ? this.#agentConfig.tls : { ...this.#agentConfig.tls, cert: certificate.cert, key: certificate.key };
      this.#agent = createAgent({
        url: this.baseUrl,
        tls,
        ...(this.#agentConfig.proxy === undefined ? {} : { proxy: this.#agentConfig.proxy }),
        connectTimeoutMs: this.#agentConfig.connectTimeoutMs,
      });
      this.#agentIdentity = identity;
    }
    return this.#agent;
  }

  #requestHeaders(request: HttpRequest, credentials: Credentials): [string, string][] {
    return [...Object.entries(request.headers), ...this.#headers, ...credentials.headers.map(([name, value]): [string, string] => [name, value])];
  }
}

function optionsFromConfig(config: Config): ClientOptions {
  return {
    baseUrl: config.clusterUrl,
    defaultNamespace: config.defaultNamespace,
    authenticator: config.authenticator(),
    ...(config.impersonate === undefined ? {} : { impersonate: config.impersonate }),
    headers: config.headers,
    retry: config.retry,
    tls: config.tls,
    ...(config.proxy === undefined ? {} : { proxy: config.proxy }),
    connectTimeoutMs: config.connectTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    ...(config.maxLineLength === undefined ? {} : { maxLineLength: config.maxLineLength }),
    ...(config.onWarning === undefined ? {} : { onWarning: config.onWarning }),
    disableCompression: config.disableCompression,
  };
}

async function discard(response: FetchResponse): Promise<void> {
  try {
    await response.text();
  } catch {
    // the answer is being thrown away; a broken body does not matter
  }
}
