// Resolves a kubeconfig's context, cluster and user into the settings of a Config.
import { readFile } from 'node:fs/promises';
import type { AuthConfig, ExecClusterInfo } from '../auth/auth-config.js';
import type { Impersonation } from '../auth/impersonation.js';
import type { TlsOptions } from '../http/create-agent.js';
import type { Environment } from '../http/proxy-for-url.js';
import { ConfigError } from './config-error.js';
import type { ConfigInit } from './config-init.js';
import { decodeBase64 } from './decode-base64.js';
import type { Kubeconfig, KubeconfigCluster, KubeconfigUser, NamedCluster, NamedContext, NamedUser } from './kubeconfig.js';

/** Which context, cluster and user to use, and overrides (kubectl's `--context`, `--cluster`, `--user`, `-n`). */
export interface KubeconfigSelection {
  /** @default the kubeconfig's `current-context` */
  readonly context?: string;
  /** @default the context's cluster */
  readonly cluster?: string;
  /** @default the context's user */
  readonly user?: string;
  /** @default the context's namespace, else `default` */
  readonly namespace?: string;
}

const SUPPORTED_EXEC_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
const EXEC_EXTENSION = 'client.authentication.k8s.io/exec';

/**
 * The {@link ConfigInit} for a selection of a kubeconfig: reads the referenced files (CA,
 * client certificate and key), decodes the `*-data` fields, picks the auth method.
 *
 * Auth precedence, as client-go: `tokenFile`, then `token`, then basic, then `exec`, then an
 * OIDC `auth-provider`'s static `id-token`; token and basic together are an error.
 *
 * @throws {ConfigError} naming the file and field: `MissingField` (no current-context, no
 *   server, a certificate without its key, ...), `NotFound` (an unknown context, cluster or
 *   user), `InvalidField`, `ConflictingFields`, `Unsupported`, `ReadFailed`.
 */
export async function configFromKubeconfig(kubeconfig: Kubeconfig, selection: KubeconfigSelection, env: Environment): Promise<ConfigInit> {
  const files = kubeconfig.files.join(', ') || '<empty kubeconfig>';
  const contextName = selection.context ?? kubeconfig['current-context'];
  let context: NamedContext | undefined;
  if (contextName !== undefined && contextName !== '') {
    context = kubeconfig.contexts.find((entry) => entry.name === contextName);
    if (context === undefined) {
      throw new ConfigError('NotFound', `context ${JSON.stringify(contextName)} is not in the kubeconfig (contexts: ${names(kubeconfig.contexts)})`, { file: files, field: 'contexts' });
    }
  } else if (selection.cluster === undefined) {
    throw new ConfigError('MissingField', 'is not set and no context was chosen', { file: files, field: 'current-context' });
  }
  const contextField = context === undefined ? undefined : `contexts[name=${context.name}].context`;

  const clusterName = selection.cluster ?? context?.context.cluster;
  if (clusterName === undefined || clusterName === '') {
    throw new ConfigError('MissingField', 'is required', { file: context?.file ?? files, field: `${contextField ?? 'context'}.cluster` });
  }
  const namedCluster = kubeconfig.clusters.find((entry) => entry.name === clusterName);
  if (namedCluster === undefined) {
    throw new ConfigError('NotFound', `cluster ${JSON.stringify(clusterName)} is not in the kubeconfig (clusters: ${names(kubeconfig.clusters)})`, { file: files, field: 'clusters' });
  }

  const userName = selection.user ?? context?.context.user;
  let namedUser: NamedUser | undefined;
  if (userName !== undefined && userName !== '') {
    namedUser = kubeconfig.users.find((entry) => entry.name === userName);
    if (namedUser === undefined) {
      throw new ConfigError('NotFound', `user ${JSON.stringify(userName)} is not in the kubeconfig (users: ${names(kubeconfig.users)})`, { file: files, field: 'users' });
    }
  }

  const cluster = namedCluster.cluster;
  const clusterAt = { file: namedCluster.file ?? files, field: `clusters[name=${namedCluster.name}].cluster` };
  if (cluster.server === undefined || cluster.server === '') {
    throw new ConfigError('MissingField', 'is required', { ...clusterAt, field: `${clusterAt.field}.server` });
  }
  let server: URL;
  try {
    server = new URL(cluster.server);
  } catch (error) {
    throw new ConfigError('InvalidField', `${JSON.stringify(cluster.server)} is not a URL`, { ...clusterAt, field: `${clusterAt.field}.server` }, { cause: error });
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:') {
    throw new ConfigError('InvalidField', `must be an http or https URL, got ${server.protocol}`, { ...clusterAt, field: `${clusterAt.field}.server` });
  }

  const tls = await clusterTls(namedCluster, clusterAt.file);
  const user = namedUser?.user ?? {};
  const userAt = { file: namedUser?.file ?? files, field: `users[name=${namedUser?.name ?? ''}].user` };
  const clientTls = await userTls(user, userAt.file, userAt.field);
  const auth = await userAuth(user, userAt.file, userAt.field, namedCluster, tls.ca);
  const impersonate = userImpersonation(user, userAt.file, userAt.field);
  const contextNote = context === undefined ? '' : ` (context ${context.name})`;

  return {
    clusterUrl: server,
    defaultNamespace: selection.namespace ?? context?.context.namespace ?? 'default',
    tls: { ...tls, ...clientTls },
    auth,
    ...(impersonate === undefined ? {} : { impersonate }),
    ...(cluster['proxy-url'] === undefined || cluster['proxy-url'] === '' ? {} : { proxyUrl: cluster['proxy-url'] }),
    env,
    disableCompression: cluster['disable-compression'] === true,
    source: `kubeconfig ${files}${contextNote}`,
  };
}

function names(entries: readonly { name: string }[]): string {
  return entries.length === 0 ? 'none' : entries.map((entry) => entry.name).join(', ');
}

async function clusterTls(named: NamedCluster, file: string): Promise<TlsOptions> {
  const cluster: KubeconfigCluster = named.cluster;
  const at = `clusters[name=${named.name}].cluster`;
  const ca =
    cluster['certificate-authority-data'] !== undefined && cluster['certificate-authority-data'] !== ''
      ? decodeBase64(cluster['certificate-authority-data'], { file, field: `${at}.certificate-authority-data` })
      : cluster['certificate-authority'] !== undefined && cluster['certificate-authority'] !== ''
        ? await readReferenced(cluster['certificate-authority'], file, `${at}.certificate-authority`)
        : undefined;
  const insecure = cluster['insecure-skip-tls-verify'] === true;
  if (insecure && ca !== undefined) {
    throw new ConfigError('ConflictingFields', 'cannot be combined with a certificate authority (kubectl refuses it too)', { file, field: `${at}.insecure-skip-tls-verify` });
  }
  return {
    ...(ca === undefined ? {} : { ca }),
    ...(insecure ? { insecureSkipTlsVerify: true } : {}),
    ...(cluster['tls-server-name'] === undefined || cluster['tls-server-name'] === '' ? {} : { serverName: cluster['tls-server-name'] }),
  };
}

async function userTls(user: KubeconfigUser, file: string, at: string): Promise<Pick<TlsOptions, 'cert' | 'key'>> {
  const cert = await dataOrFile(user['client-certificate-data'], user['client-certificate'], file, `${at}.client-certificate`);
  const key = await dataOrFile(user['client-key-data'], user['client-key'], file, `${at}.client-key`);
  if (cert !== undefined && key === undefined) throw new ConfigError('MissingField', 'is required with a client certificate', { file, field: `${at}.client-key` });
  if (key !== undefined && cert === undefined) throw new ConfigError('MissingField', 'is required with a client key', { file, field: `${at}.client-certificate` });
  return cert === undefined || key === undefined ? {} : { cert, key };
}

async function dataOrFile(data: string | undefined, path: string | undefined, file: string, field: string): Promise<string | undefined> {
  if (data !== undefined && data !== '') return decodeBase64(data, { file, field: `${field}-data` });
  if (path !== undefined && path !== '') return readReferenced(path, file, field);
  return undefined;
}

async function readReferenced(path: string, file: string, field: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError('ReadFailed', `cannot read ${path} (${String(code ?? error)})`, { file, field }, { cause: error });
  }
}

async function userAuth(user: KubeconfigUser, file: string, at: string, cluster: NamedCluster, caPem: string | undefined): Promise<AuthConfig> {
  const hasToken = (user.token !== undefined && user.token !== '') || (user.tokenFile !== undefined && user.tokenFile !== '');
  const hasBasic = (user.username !== undefined && user.username !== '') || (user.password !== undefined && user.password !== '');
  if (hasToken && hasBasic) {
    throw new ConfigError('ConflictingFields', 'a token and a username/password are both set; only one authentication method is allowed', { file, field: at });
  }
  if (user.exec !== undefined && user['auth-provider'] !== undefined) {
    throw new ConfigError('ConflictingFields', 'exec and auth-provider are both set; only one is allowed', { file, field: at });
  }
  if (user.tokenFile !== undefined && user.tokenFile !== '') return { type: 'tokenFile', path: user.tokenFile };
  if (user.token !== undefined && user.token !== '') return { type: 'token', token: user.token };
  if (hasBasic) {
    if (user.username === undefined || user.username === '') throw new ConfigError('MissingField', 'is required with a password', { file, field: `${at}.username` });
    if (user.password === undefined) throw new ConfigError('MissingField', 'is required with a username', { file, field: `${at}.password` });
    return { type: 'basic', username: user.username, password: user.password };
  }
  if (user.exec !== undefined) {
    const exec = user.exec;
    if (!SUPPORTED_EXEC_VERSIONS.includes(exec.apiVersion)) {
      throw new ConfigError('Unsupported', `exec plugin API version ${JSON.stringify(exec.apiVersion)} is not one of ${SUPPORTED_EXEC_VERSIONS.join(', ')}`, { file, field: `${at}.exec.apiVersion` });
    }
    if (exec.apiVersion === 'client.authentication.k8s.io/v1' && exec.interactiveMode === undefined) {
      throw new ConfigError('MissingField', `is required by ${exec.apiVersion}`, { file, field: `${at}.exec.interactiveMode` });
    }
    const where = `${file}: ${at}.exec`;
    const server = cluster.cluster.server ?? '';
    if (exec.provideClusterInfo !== true) return { type: 'exec', exec, server, where };
    return { type: 'exec', exec, server, cluster: execClusterInfo(cluster, caPem), where };
  }
  const provider = user['auth-provider'];
  if (provider !== undefined) {
    const idToken = provider.config?.['id-token'];
    if (provider.name === 'oidc' && idToken !== undefined && idToken !== '') return { type: 'token', token: idToken };
    throw new ConfigError(
      'Unsupported',
      `auth-provider ${JSON.stringify(provider.name)} is not supported (only oidc with a static id-token): use an exec credential plugin, e.g. kubelogin or gke-gcloud-auth-plugin`,
      { file, field: `${at}.auth-provider` },
    );
  }
  return { type: 'none' };
}

function execClusterInfo(named: NamedCluster, caPem: string | undefined): ExecClusterInfo {
  const cluster = named.cluster;
  const extension = cluster.extensions?.find((entry) => entry.name === EXEC_EXTENSION);
  return {
    server: cluster.server ?? '',
    ...(cluster['tls-server-name'] === undefined ? {} : { 'tls-server-name': cluster['tls-server-name'] }),
    ...(cluster['insecure-skip-tls-verify'] === true ? { 'insecure-skip-tls-verify': true } : {}),
    ...(caPem === undefined ? {} : { 'certificate-authority-data': Buffer.from(caPem).toString('base64') }),
    ...(cluster['proxy-url'] === undefined ? {} : { 'proxy-url': cluster['proxy-url'] }),
    ...(cluster['disable-compression'] === true ? { 'disable-compression': true } : {}),
    ...(extension === undefined ? {} : { config: extension.extension }),
  };
}

function userImpersonation(user: KubeconfigUser, file: string, at: string): Impersonation | undefined {
  const groups = user['as-groups'] ?? [];
  const extra = user['as-user-extra'] ?? {};
  const hasOther = groups.length > 0 || (user['as-uid'] ?? '') !== '' || Object.keys(extra).length > 0;
  if (user.as === undefined || user.as === '') {
    if (hasOther) throw new ConfigError('MissingField', 'is required when as-groups, as-uid or as-user-extra is set', { file, field: `${at}.as` });
    return undefined;
  }
  return {
    user: user.as,
    ...(groups.length === 0 ? {} : { groups }),
    ...(user['as-uid'] === undefined || user['as-uid'] === '' ? {} : { uid: user['as-uid'] }),
    ...(Object.keys(extra).length === 0 ? {} : { extra }),
  };
}
