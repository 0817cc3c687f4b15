// The settings a Config is made from: everything a Client needs to reach and authenticate to a cluster.
import type { AuthConfig } from '../auth/auth-config.js';
import type { Impersonation } from '../auth/impersonation.js';
import type { TlsOptions } from '../http/create-agent.js';
import type { Environment } from '../http/proxy-for-url.js';
import type { WarningHandler } from '../http/api-warning.js';
import type { RetryPolicy } from '../http/retry-policy.js';

/** What `new Config(init)` takes; `Config.fromKubeconfig` and `Config.inCluster` make one for you. */
export interface ConfigInit {
  /** The API server, e.g. `https://10.0.0.1:6443`; a path prefix (Rancher's `/k8s/clusters/x`) is kept. */
  readonly clusterUrl: string | URL;
  /** @default 'default' */
  readonly defaultNamespace?: string;
  /** CA, client certificate, `insecure-skip-tls-verify`, `tls-server-name`. */
  readonly tls?: TlsOptions;
  /** @default { type: 'none' } */
  readonly auth?: AuthConfig;
  readonly impersonate?: Impersonation;
  /** The kubeconfig's `proxy-url`: always used when set. */
  readonly proxyUrl?: string;
  /** Where `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` are read when there is no `proxyUrl`. @default process.env */
  readonly env?: Environment;
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds for TCP + proxy + TLS set-up. @default 30_000 */
  readonly connectTimeoutMs?: number;
  /**
   * Milliseconds a one-shot request may take, retries included, before it fails with a
   * `ClientError` `Timeout`; watches, followed logs and WebSocket streams have none (the
   * watcher has its own idle watchdog). `0` disables it. @default 295_000
   */
  readonly requestTimeoutMs?: number;
  /** The longest line of a watch or followed log, in characters. @default 16 MiB */
  readonly maxLineLength?: number;
  /**
   * What to do with the warnings the API server attaches to answers (unknown fields,
   * deprecated APIs); `false` ignores them (a Client's `warnings$` still emits them).
   * @default each distinct text logged once (process.emitWarning, type KubernetesWarning)
   */
  readonly onWarning?: WarningHandler | false;
  /** Retries of 429/503/504 answers; `false` disables them. @default DEFAULT_RETRY_POLICY */
  readonly retry?: RetryPolicy | false;
  /** Do not ask for gzip-compressed answers (`disable-compression`). @default false */
  readonly disableCompression?: boolean;
  /** A description of where the settings came from, for messages (never holds a credential). */
  readonly source?: string;
}
