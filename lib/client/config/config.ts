// A resolved connection configuration: cluster URL, TLS, auth, proxy, impersonation, namespace.
import { inspect } from 'node:util';
import { toSecret } from '../../core/secret-string.js';
import type { AuthConfig } from '../auth/auth-config.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { WarningHandler } from '../http/api-warning.js';
import { createAuthenticator } from '../auth/create-authenticator.js';
import type { Impersonation } from '../auth/impersonation.js';
import type { TlsOptions } from '../http/create-agent.js';
import { proxyForUrl, type Environment } from '../http/proxy-for-url.js';
import { checkRetryPolicy, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../http/retry-policy.js';
import { ConfigError, isConfigError } from './config-error.js';
import type { ConfigInit } from './config-init.js';
import { configFromKubeconfig, type KubeconfigSelection } from './config-from-kubeconfig.js';
import { inClusterConfig, type InClusterOptions } from './in-cluster.js';
import { loadKubeconfig, type LoadKubeconfigOptions } from './load-kubeconfig.js';

/** Options of {@link Config.fromKubeconfig}: where to read, and which context/cluster/user to use. */
export interface KubeconfigOptions extends LoadKubeconfigOptions, KubeconfigSelection {}

/** Options of {@link Config.infer}: both sources' options. */
export interface InferOptions extends KubeconfigOptions, InClusterOptions {}

/** The default connect timeout (kube-rs and client-go use 30 s). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/** The default deadline of a one-shot request: kube-rs's read timeout, 295 s. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 295_000;

/**
 * Everything a {@link Client} needs to talk to one cluster as one user (kube-rs `Config`,
 * client-go `rest.Config`). Immutable.
 *
 * Credentials (tokens, passwords, private keys, proxy passwords, extra headers) are held in
 * private fields: `console.log(config)`, `JSON.stringify(config)` and error messages never
 * show them, and `auth`/`tls` hand out tokens, passwords and keys as {@link SecretString}s.
 *
 * ## Example
 * ```ts
 * const config = await Config.infer();                                 // kubeconfig, else in-cluster
 * const other = await Config.fromKubeconfig({ context: 'staging' });
 * const local = new Config({ clusterUrl: 'http://127.0.0.1:8001' });  // kubectl proxy
 * const client = new Client(config);
 * ```
 */
export class Config {
  /** The API server URL (a path prefix is kept). */
  readonly clusterUrl: URL;
  /** The namespace of `Api.defaultNamespaced`: the context's, else `default`. */
  readonly defaultNamespace: string;
  readonly impersonate: Impersonation | undefined;
  readonly connectTimeoutMs: number;
  /** The deadline of a one-shot request, ms (0: none). */
  readonly requestTimeoutMs: number;
  /** The longest line of a watch or followed log, in characters (`undefined`: the 16 MiB default). */
  readonly maxLineLength: number | undefined;
  /** What the Client does with server warnings (`undefined`: log each distinct one once). */
  readonly onWarning: WarningHandler | false | undefined;
  readonly retry: RetryPolicy | false;
  readonly disableCompression: boolean;
  /** Where the settings came from, e.g. `kubeconfig /home/me/.kube/config (context kind-dev)`. */
  readonly source: string;
  readonly #auth: AuthConfig;
  readonly #tls: TlsOptions;
  readonly #proxy: URL | undefined;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #env: Environment | undefined;

  /**
   * @throws {ConfigError} `InvalidField` for an unparsable or non-http(s) `clusterUrl` or
   *   proxy URL; `Unsupported` for a proxy scheme other than http/https.
   */
  constructor(init: ConfigInit) {
    let url: URL;
    try {
      url = new URL(String(init.clusterUrl));
    } catch (error) {
      throw new ConfigError('InvalidField', `${JSON.stringify(String(init.clusterUrl))} is not a URL`, { field: 'clusterUrl' }, { cause: error });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ConfigError('InvalidField', `must be an http or https URL, got ${url.protocol}`, { field: 'clusterUrl' });
    }
    if (url.username !== '' || url.password !== '') {
      throw new ConfigError('InvalidField', 'must not carry credentials: use auth', { field: 'clusterUrl' });
    }
    url.search = '';
    url.hash = '';
    this.clusterUrl = url;
    this.defaultNamespace = init.defaultNamespace === undefined || init.defaultNamespace === '' ? 'default' : init.defaultNamespace;
    this.impersonate = init.impersonate;
    this.#headers = { ...init.headers };
    this.connectTimeoutMs = init.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.requestTimeoutMs = init.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.maxLineLength = init.maxLineLength;
    this.onWarning = init.onWarning;
    this.retry = init.retry ?? DEFAULT_RETRY_POLICY;
    this.disableCompression = init.disableCompression ?? false;
    this.source = init.source ?? `explicit config for ${url.host}`;
    this.#auth = secretAuth(init.auth ?? { type: 'none' });
    this.#tls = init.tls?.key === undefined ? { ...init.tls } : { ...init.tls, key: toSecret(init.tls.key) };
    this.#env = init.env;
    this.#proxy = proxyForUrl(url, init.env ?? process.env, init.proxyUrl);
    checkConfig(this);
  }

  /** How to authenticate; tokens and passwords as {@link SecretString}s, safe to log. */
  get auth(): AuthConfig {
    return this.#auth;
  }

  /** TLS trust and client certificate; the private key as a {@link SecretString}. */
  get tls(): TlsOptions {
    return this.#tls;
  }

  /** Extra headers sent with every request (may carry credentials: not shown by inspect or JSON). */
  get headers(): Readonly<Record<string, string>> {
    return this.#headers;
  }

  /**
   * The {@link Authenticator} for this Config's credentials, as a Client uses it. Exec
   * plugins inherit the environment the Config was made with (`env` of `fromKubeconfig`),
   * else `process.env`.
   */
  authenticator(): Authenticator {
    return createAuthenticator(this.#auth, this.#env ?? process.env);
  }

  /** The proxy every connection is tunnelled through, if any (may hold a password). */
  get proxy(): URL | undefined {
    return this.#proxy;
  }

  /**
   * A Config from a kubeconfig: the given text or path, else `$KUBECONFIG`'s files merged,
   * else `~/.kube/config`; then the current (or given) context, its cluster and user.
   *
   * A string argument is kubeconfig text when it spans several lines or starts with `{` (a
   * JSON kubeconfig), and otherwise the path of a kubeconfig file: both
   * `Config.fromKubeconfig(server.kubeconfig)` and `Config.fromKubeconfig('/home/me/.kube/config')`
   * work. Use `{ text }` or `{ path }` to say which explicitly.
   *
   * @throws {ConfigError} naming the file and the field of anything malformed or missing.
   */
  static async fromKubeconfig(options: KubeconfigOptions | string = {}): Promise<Config> {
    const opts: KubeconfigOptions = typeof options === 'string' ? (looksLikeText(options) ? { text: options } : { path: options }) : options;
    const kubeconfig = await loadKubeconfig(opts);
    return new Config(await configFromKubeconfig(kubeconfig, opts, opts.env ?? process.env));
  }

  /**
   * The in-cluster Config of a pod: `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`,
   * the service account's CA and namespace, and its token, re-read as it rotates.
   *
   * @throws {ConfigError} `NotInCluster` outside a pod; `ReadFailed` for an unreadable CA.
   */
  static async inCluster(options: InClusterOptions = {}): Promise<Config> {
    return new Config(await inClusterConfig(options));
  }

  /**
   * The Config kubectl (and kube-rs's `Config::infer`) would use: the kubeconfig if one
   * loads, else the in-cluster config.
   *
   * @throws {ConfigError} `InferFailed` listing why each source failed (`causes` holds
   *   both errors); a non-ConfigError (a bug) is rethrown as is.
   */
  static async infer(options: InferOptions = {}): Promise<Config> {
    let kubeconfigError: ConfigError;
    try {
      return await Config.fromKubeconfig(options);
    } catch (error) {
      if (!isConfigError(error)) throw error;
      kubeconfigError = error;
    }
    try {
      return await Config.inCluster(options);
    } catch (error) {
      if (!isConfigError(error)) throw error;
      throw new ConfigError(
        'InferFailed',
        `no usable configuration: tried the kubeconfig (${kubeconfigError.message}) and the in-cluster service account (${error.message})`,
        {},
        { causes: [kubeconfigError, error] },
      );
    }
  }

  /** What `JSON.stringify` writes: the settings without any credential (header values hidden). */
  toJSON(): Record<string, unknown> {
    const auth = this.#auth;
    return {
      clusterUrl: this.clusterUrl.href,
      defaultNamespace: this.defaultNamespace,
      auth: auth.type === 'exec' ? { type: 'exec', command: auth.exec.command } : auth.type === 'tokenFile' ? { type: 'tokenFile', path: auth.path } : { type: auth.type },
      clientCertificate: this.#tls.cert !== undefined,
      ...(this.#proxy === undefined ? {} : { proxy: `${this.#proxy.protocol}//${this.#proxy.host}` }),
      ...(this.impersonate === undefined ? {} : { impersonate: this.impersonate }),
      headers: Object.keys(this.#headers),
      connectTimeoutMs: this.connectTimeoutMs,
      requestTimeoutMs: this.requestTimeoutMs,
      retry: this.retry,
      disableCompression: this.disableCompression,
      source: this.source,
    };
  }

  /** What `console.log` and `util.inspect` show: everything but credentials. */
  [inspect.custom](): string {
    const auth = this.#auth.type === 'exec' ? `exec ${this.#auth.exec.command}` : this.#auth.type === 'tokenFile' ? `tokenFile ${this.#auth.path}` : this.#auth.type;
    const proxy = this.#proxy === undefined ? '' : `, proxy ${this.#proxy.protocol}//${this.#proxy.host}`;
    return `Config { ${this.clusterUrl.href}, namespace ${this.defaultNamespace}, auth ${auth}${this.#tls.cert === undefined ? '' : ', client certificate'}${proxy}, from ${this.source} }`;
  }
}

/** The auth settings with every token and password as a SecretString. */
function secretAuth(auth: AuthConfig): AuthConfig {
  switch (auth.type) {
    case 'token':
      return { ...auth, token: toSecret(auth.token) };
    case 'basic':
      return { ...auth, password: toSecret(auth.password) };
    case 'none':
    case 'tokenFile':
    case 'exec':
      return auth;
  }
}

/** Kubeconfig text spans lines, or is JSON; a one-line string is a path. */
function looksLikeText(value: string): boolean {
  return value.includes('\n') || value.trimStart().startsWith('{');
}

/** Refuses numbers that would make the Client misbehave silently (NaN timeouts, negative retries). */
function checkConfig(config: Config): void {
  const nonNegative = (value: number, field: string): void => {
    if (!Number.isFinite(value) || value < 0) throw new ConfigError('InvalidField', `must be a number >= 0, got ${String(value)}`, { field });
  };
  nonNegative(config.connectTimeoutMs, 'connectTimeoutMs');
  nonNegative(config.requestTimeoutMs, 'requestTimeoutMs');
  if (config.maxLineLength !== undefined && !(Number.isInteger(config.maxLineLength) && config.maxLineLength > 0)) {
    throw new ConfigError('InvalidField', `must be an integer > 0, got ${String(config.maxLineLength)}`, { field: 'maxLineLength' });
  }
  if (config.retry !== false) checkRetryPolicy(config.retry, 'retry');
}
