// Spec fixture: one test cluster per describe block — kube-rx's embedded server by default, the real
// control plane under KUBE_RX_TEST_CLUSTER=real (npm run test:real) — with one set of test hooks.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Status } from '../../lib/core/index.js';
import type { ApiServer } from '../../lib/server/index.js';
import { startFaultProxy, startTestCluster, testClusterKind, type FaultProxy, type ProxyFaultFilter, type TestCluster, type TestClusterOptions } from '../../lib/testing/index.js';

/** One answered request, as either server's hooks record it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly code: number;
}

/** Test hooks that work against both kinds: the embedded server's own, or a fault proxy's. */
export interface ClusterHooks {
  /** Ends every open watch, cleanly or abruptly. */
  cutWatches(options?: { readonly abrupt?: boolean }): void;
  /** Makes every resourceVersion so far too old (410 on the next watch or continue from one). */
  expire(): Promise<void>;
  /** The next `count` matching requests answer `status` (default 503). */
  failNext(count: number, status?: Status, filter?: ProxyFaultFilter): void;
  activeWatches(): number;
  /** Resolves when the next watch whose path and query contain `urlPart` has started. */
  nextWatch(urlPart?: string): Promise<void>;
  requests(): SeenRequest[];
  clearRequests(): void;
  /** The store's current resourceVersion. */
  resourceVersion(): Promise<string>;
}

/** What a describe block gets. */
export interface ClusterFixture {
  readonly kind: 'embedded' | 'real';
  /** The cluster itself (for the real one, its direct address, bypassing the fault proxy). */
  readonly cluster: TestCluster;
  /** Where clients should point: the server, or the fault proxy in front of the real one. */
  readonly url: string;
  readonly caPem: string;
  readonly token: string;
  /** The admin client certificate (accepted through the proxy too). */
  readonly clientCertificate: { readonly certPem: string; readonly keyPem: string };
  /** A kubeconfig for clients (admin token, through the proxy for the real cluster). */
  readonly kubeconfig: string;
  /** The same, written to a file. */
  readonly kubeconfigPath: string;
  /** A kubeconfig authenticating by the admin token or the admin certificate (through the proxy for the real cluster). */
  kubeconfigFor(auth: 'token' | 'certificate'): string;
  readonly hooks: ClusterHooks;
  /** The embedded server, when that is what runs. */
  readonly embedded: ApiServer | undefined;
  /**
   * Skips the current test on the real cluster, saying which missing piece it needs (the title
   * shows it): `requireEmbedded(this, 'pods/log is served by a kubelet')`.
   */
  requireEmbedded(context: Mocha.Context, missing: string): void;
}

let printedVersion = false;

/**
 * Skips the enclosing describe block on the real cluster, naming the missing piece (the block's
 * title shows it). Register it before {@link useTestCluster}, so that no cluster is started.
 */
export function embeddedOnly(missing: string): void {
  before(function () {
    if (testClusterKind() === 'embedded') return;
    const suite = this.test?.parent;
    if (suite !== undefined) suite.title += ` [skipped on the real cluster: ${missing}]`;
    this.skip();
  });
}

/**
 * Starts a test cluster before the tests of the enclosing `describe` and stops it after them.
 * The kind comes from `KUBE_RX_TEST_CLUSTER` (embedded by default). Against the real control
 * plane, clients talk through a fault proxy so that the hooks work there too.
 */
export function useTestCluster(options: Omit<TestClusterOptions, 'kind'> = {}): ClusterFixture {
  const kind = testClusterKind();
  let cluster: TestCluster | undefined;
  let proxy: FaultProxy | undefined;
  let proxiedKubeconfigPath: string | undefined;
  before(async function () {
    this.timeout(120_000);
    cluster = await startTestCluster({ ...options, kind });
    if (kind === 'real') {
      if (!printedVersion) {
        printedVersion = true;
        console.log(`      (real control plane: kube-apiserver ${cluster.version})`);
      }
      proxy = await startFaultProxy({ target: cluster.url, targetCaPem: cluster.caPem, token: cluster.token });
      proxiedKubeconfigPath = join(await mkdtemp(join(tmpdir(), 'kube-rx-proxy-')), 'kubeconfig.yaml');
      await writeFile(proxiedKubeconfigPath, proxy.kubeconfigFor({ token: cluster.token }), { mode: 0o600 });
    }
  });
  after(async function () {
    this.timeout(60_000);
    await proxy?.close();
    await cluster?.close();
    if (proxiedKubeconfigPath !== undefined) {
      await rm(dirname(proxiedKubeconfigPath), { recursive: true, force: true });
    }
    cluster = undefined;
    proxy = undefined;
  });
  const running = (): TestCluster => {
    if (cluster === undefined) throw new Error('useTestCluster: the cluster only exists while the block runs');
    return cluster;
  };
  const embeddedHooks = (): ClusterHooks => {
    const server = running().embedded as ApiServer;
    return {
      cutWatches: (o) => server.hooks.dropWatches(o),
      expire: () => {
        server.hooks.compact();
        return Promise.resolve();
      },
      failNext: (count, status, filter) => server.hooks.failNext(count, status, filter),
      activeWatches: () => server.hooks.activeWatches(),
      nextWatch: (part) => server.hooks.nextWatch(part),
      requests: () => server.hooks.requests(),
      clearRequests: () => server.hooks.clearRequests(),
      resourceVersion: () => Promise.resolve(server.hooks.resourceVersion()),
    };
  };
  const proxyHooks = (): ClusterHooks => {
    const p = proxy as FaultProxy;
    const c = running();
    return {
      cutWatches: (o) => p.cutWatches(o),
      expire: () => p.expire(),
      failNext: (count, status, filter) => p.failNext(count, status, filter),
      activeWatches: () => p.activeWatches(),
      nextWatch: (part) => p.nextWatch(part),
      requests: () => p.requests().filter((r) => !r.injected || r.code !== 0),
      clearRequests: () => p.clearRequests(),
      resourceVersion: () => currentResourceVersion(c),
    };
  };
  return {
    kind,
    get cluster() {
      return running();
    },
    get url() {
      return proxy?.url ?? running().url;
    },
    get caPem() {
      return proxy?.caPem ?? running().caPem;
    },
    get token() {
      return running().token;
    },
    get clientCertificate() {
      return running().clientCertificate;
    },
    get kubeconfig() {
      return proxy?.kubeconfigFor({ token: running().token }) ?? running().kubeconfig;
    },
    get kubeconfigPath() {
      return proxiedKubeconfigPath ?? running().kubeconfigPath;
    },
    kubeconfigFor(auth) {
      const c = running();
      const user = auth === 'certificate' ? c.clientCertificate : { token: c.token };
      return proxy?.kubeconfigFor(user) ?? c.kubeconfigFor(user);
    },
    get hooks() {
      return kind === 'real' ? proxyHooks() : embeddedHooks();
    },
    get embedded() {
      return running().embedded;
    },
    requireEmbedded(context, missing) {
      if (kind === 'embedded') return;
      if (context.currentTest !== undefined) context.currentTest.title += ` [skipped on the real cluster: ${missing}]`;
      else if (context.test !== undefined) context.test.title += ` [skipped on the real cluster: ${missing}]`;
      context.skip();
    },
  };
}

/** The current resourceVersion of a cluster (a one-item list of namespaces). */
function currentResourceVersion(cluster: TestCluster): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${cluster.url}/api/v1/namespaces?limit=1`, { headers: { authorization: `Bearer ${cluster.token}` }, ca: cluster.caPem, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { metadata: { resourceVersion: string } }).metadata.resourceVersion));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
