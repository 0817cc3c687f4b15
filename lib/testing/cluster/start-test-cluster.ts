// One call for a cluster to test against: the embedded API server, or the real control plane.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer, type ApiServer, type ApiServerOptions } from '../../server/start-api-server.js';
import { versionInfo } from '../../server/discovery/version-info.js';
import { renderKubeconfig } from '../../server/kubeconfig/render-kubeconfig.js';
import { issueClientCertificate, type CertificatePair } from '../../server/tls/server-certificates.js';
import { controlPlaneAssets } from './control-plane-assets.js';
import { startControlPlane, type TokenUserEntry } from './start-control-plane.js';
import { TestClusterError } from './test-cluster-error.js';

/** Which server a test cluster runs. */
export type TestClusterKind = 'embedded' | 'real';

/** Options of {@link startTestCluster}. */
export interface TestClusterOptions {
  /**
   * `'embedded'`: kube-rx's in-memory API server (starts in milliseconds, has test hooks).
   * `'real'`: etcd + kube-apiserver (+ kube-controller-manager) from `assetsDir`.
   * @default the `KUBE_RX_TEST_CLUSTER` environment variable, else `'embedded'`
   */
  readonly kind?: TestClusterKind;
  /** Bearer-token users besides the admin (client certificates can be issued at any time). */
  readonly users?: readonly TokenUserEntry[];
  /** Options for the embedded server (ignored by the real one). */
  readonly embedded?: Omit<ApiServerOptions, 'tokens'>;
  /** Where the real binaries are. @default `KUBEBUILDER_ASSETS`, else `~/.cache/kube-rx/k8s-1.32.13` */
  readonly assetsDir?: string;
  /**
   * Run the real kube-controller-manager when its binary is there: all its default controllers
   * (`true`), only those named (`--controllers` names), or none. @default true
   */
  readonly controllers?: boolean | readonly string[];
}

/** A running test cluster: the same shape whichever server runs it. */
export interface TestCluster {
  readonly kind: TestClusterKind;
  /** `https://127.0.0.1:PORT`. */
  readonly url: string;
  /** A kubeconfig (YAML) with the admin bearer token (user `admin`, group `system:masters`). */
  readonly kubeconfig: string;
  /** The same kubeconfig, written to a file with mode 0600 (removed on close). */
  readonly kubeconfigPath: string;
  /** The admin bearer token. */
  readonly token: string;
  /** The CA certificate (PEM) to trust. */
  readonly caPem: string;
  /** The admin client certificate (`CN=admin, O=system:masters`) and key. */
  readonly clientCertificate: CertificatePair;
  /** The server's `/version` `gitVersion` (the embedded server claims the version it follows). */
  readonly version: string;
  /** The embedded server, with its test hooks; `undefined` for a real cluster. */
  readonly embedded: ApiServer | undefined;
  /** Issues a client certificate for `user` in `groups`, signed by the cluster's CA. */
  issueClientCertificate(user: string, groups?: readonly string[]): Promise<CertificatePair>;
  /** A kubeconfig for a user: by token, or by a certificate from {@link issueClientCertificate}. */
  kubeconfigFor(user: { readonly token: string } | CertificatePair): string;
  /** Stops everything the cluster started and removes its files. */
  close(): Promise<void>;
}

/** The kind `KUBE_RX_TEST_CLUSTER` asks for (`embedded` when unset). */
export function testClusterKind(env: NodeJS.ProcessEnv = process.env): TestClusterKind {
  const value = env['KUBE_RX_TEST_CLUSTER'] ?? '';
  if (value === '' || value === 'embedded') return 'embedded';
  if (value === 'real') return 'real';
  throw new TestClusterError('UnknownKind', `KUBE_RX_TEST_CLUSTER=${value} names no test cluster: use embedded or real`);
}

/**
 * Starts a Kubernetes API server to test against and returns one shape for both kinds: kube-rx's
 * embedded server, or a real control plane (etcd, kube-apiserver and, when its binary is there,
 * kube-controller-manager: envtest for Node). Both listen on loopback with generated
 * certificates and an admin credential in `system:masters`.
 *
 * ## Example
 * ```ts
 * const cluster = await startTestCluster();            // KUBE_RX_TEST_CLUSTER=real for the real one
 * const client = new Client(await Config.fromKubeconfig(cluster.kubeconfig));
 * // ... run your controller against it ...
 * client.close();
 * await cluster.close();
 * ```
 *
 * ## Guarantees
 * Everything started is stopped by `close()`, and also when the test process dies (SIGKILL
 * included): the real processes run under a guard that stops them when our pipe to it closes.
 *
 * @throws {TestClusterError} `UnknownKind` for a bad `KUBE_RX_TEST_CLUSTER`; `AssetsMissing`
 *   (real) when the binaries are not found; `StartFailed` when the real server does not start.
 */
export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const kind = options.kind ?? testClusterKind();
  switch (kind) {
    case 'embedded':
      return embeddedCluster(options);
    case 'real':
      return realCluster(options);
  }
}

async function embeddedCluster(options: TestClusterOptions): Promise<TestCluster> {
  const tokens: Record<string, { username: string; groups?: string[] }> = {};
  for (const user of options.users ?? []) tokens[user.token] = { username: user.username, ...(user.groups === undefined ? {} : { groups: [...user.groups] }) };
  const server = await startApiServer({ ...options.embedded, tokens });
  return {
    kind: 'embedded',
    url: server.url,
    kubeconfig: server.kubeconfig,
    kubeconfigPath: server.kubeconfigPath,
    token: server.token,
    caPem: server.caPem,
    clientCertificate: server.clientCertificate,
    version: versionInfo()['gitVersion'] ?? '',
    embedded: server,
    issueClientCertificate: (user, groups = []) => server.hooks.issueClientCertificate(user, groups),
    kubeconfigFor: (user) => renderKubeconfig({ server: server.url, caPem: server.caPem, user }),
    close: () => server.close(),
  };
}

async function realCluster(options: TestClusterOptions): Promise<TestCluster> {
  const plane = await startControlPlane({
    assets: controlPlaneAssets(options.assetsDir),
    ...(options.controllers === undefined ? {} : { controllers: options.controllers }),
    ...(options.users === undefined ? {} : { users: options.users }),
  });
  const kubeconfigFor = (user: { readonly token: string } | CertificatePair): string => renderKubeconfig({ server: plane.url, caPem: plane.caPem, user });
  const kubeconfig = kubeconfigFor({ token: plane.token });
  const dir = await mkdtemp(join(tmpdir(), 'kube-rx-cluster-'));
  const kubeconfigPath = join(dir, 'kubeconfig.yaml');
  await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 });
  let closed: Promise<void> | undefined;
  return {
    kind: 'real',
    url: plane.url,
    kubeconfig,
    kubeconfigPath,
    token: plane.token,
    caPem: plane.caPem,
    clientCertificate: plane.clientCertificate,
    version: plane.version,
    embedded: undefined,
    issueClientCertificate: (user, groups = []) => issueClientCertificate(plane.ca, user, groups),
    kubeconfigFor,
    close: () => {
      closed ??= (async () => {
        await plane.stop();
        await rm(dir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}
