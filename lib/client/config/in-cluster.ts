// The configuration of a pod: the API server from the service env vars, the service account's token, CA and namespace.
import { access, readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { Environment } from '../http/proxy-for-url.js';
import { ConfigError } from './config-error.js';
import type { ConfigInit } from './config-init.js';

/** Where the service account is mounted in every pod. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Options of {@link inClusterConfig}, to point it elsewhere in tests. */
export interface InClusterOptions {
  /** @default process.env */
  readonly env?: Environment;
  /** @default SERVICE_ACCOUNT_DIR */
  readonly serviceAccountDir?: string;
}

/**
 * The settings of an in-cluster Config (kube-rs `Config::incluster`, client-go
 * `rest.InClusterConfig`):
 *
 * - URL `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`, an IPv6 host bracketed;
 * - CA from `ca.crt`, namespace from `namespace` (`default` if the file is absent);
 * - auth from the `token` file, re-read whenever it changes (projected tokens rotate).
 *
 * @throws {ConfigError} `NotInCluster` when a variable or the token is missing, `ReadFailed`
 *   when the CA cannot be read.
 */
export async function inClusterConfig(options: InClusterOptions = {}): Promise<ConfigInit> {
  const env = options.env ?? process.env;
  const dir = options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  const host = env['KUBERNETES_SERVICE_HOST'];
  const port = env['KUBERNETES_SERVICE_PORT'];
  if (host === undefined || host === '') throw new ConfigError('NotInCluster', 'is not set: not running in a pod', { field: 'KUBERNETES_SERVICE_HOST' });
  if (port === undefined || port === '') throw new ConfigError('NotInCluster', 'is not set: not running in a pod', { field: 'KUBERNETES_SERVICE_PORT' });
  if (!/^\d{1,5}$/.test(port)) throw new ConfigError('InvalidField', `${JSON.stringify(port)} is not a port`, { field: 'KUBERNETES_SERVICE_PORT' });
  const authority = isIP(host) === 6 ? `[${host}]` : host;
  const clusterUrl = port === '443' ? `https://${authority}` : `https://${authority}:${port}`;
  const tokenPath = join(dir, 'token');
  try {
    await access(tokenPath);
  } catch (error) {
    throw new ConfigError('NotInCluster', 'the service account token is missing', { file: tokenPath }, { cause: error });
  }
  const caPath = join(dir, 'ca.crt');
  let ca: string;
  try {
    ca = await readFile(caPath, 'utf8');
  } catch (error) {
    throw new ConfigError('ReadFailed', `cannot read the service account CA (${String((error as { code?: unknown }).code ?? error)})`, { file: caPath }, { cause: error });
  }
  let namespace = 'default';
  try {
    namespace = (await readFile(join(dir, 'namespace'), 'utf8')).trim() || 'default';
  } catch {
    // no namespace file: the client-go default
  }
  return {
    clusterUrl,
    defaultNamespace: namespace,
    tls: { ca },
    auth: { type: 'tokenFile', path: tokenPath },
    env,
    source: `in-cluster service account ${dir}`,
  };
}
