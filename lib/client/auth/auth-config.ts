// How a Client authenticates, as data: the part of a Config that carries credentials.
import type { SecretString } from '../../core/secret-string.js';
import type { ExecConfig } from '../config/kubeconfig.js';

/**
 * What an exec plugin is told about the cluster with `provideClusterInfo: true`
 * (`ExecCredential.spec.cluster`, client-go's `Cluster`).
 */
export interface ExecClusterInfo {
  server: string;
  'tls-server-name'?: string;
  'insecure-skip-tls-verify'?: boolean;
  /** Base64 PEM, as in the kubeconfig. */
  'certificate-authority-data'?: string;
  'proxy-url'?: string;
  'disable-compression'?: boolean;
  /** The cluster's `client.authentication.k8s.io/exec` extension, if any. */
  config?: unknown;
}

/**
 * The credential source of a Config (a client certificate is TLS material, in `tls`):
 *
 * - `none`: no `Authorization` header.
 * - `token`: a fixed bearer token.
 * - `tokenFile`: a bearer token read from a file and re-read whenever the file changes
 *   (service-account tokens rotate about every hour).
 * - `basic`: HTTP basic authentication.
 * - `exec`: a credential plugin run on demand, its answer cached until it expires.
 *
 * Tokens and passwords may be given as plain strings or as {@link SecretString}s; a
 * `Config` hands them out as SecretStrings only, so logging `config.auth` shows no secret.
 */
export type AuthConfig =
  | { readonly type: 'none' }
  | { readonly type: 'token'; readonly token: string | SecretString }
  | { readonly type: 'tokenFile'; readonly path: string }
  | { readonly type: 'basic'; readonly username: string; readonly password: string | SecretString }
  | {
      readonly type: 'exec';
      readonly exec: ExecConfig;
      /** The cluster's URL: credentials are cached per cluster and plugin. */
      readonly server?: string;
      /** Passed to the plugin when the kubeconfig says `provideClusterInfo: true`. */
      readonly cluster?: ExecClusterInfo;
      /** Where the plugin is configured, for messages. */
      readonly where?: string;
    };
