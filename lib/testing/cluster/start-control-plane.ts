// Starts a real Kubernetes control plane on loopback: etcd, kube-apiserver and kube-controller-manager.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderKubeconfig } from '../../server/kubeconfig/render-kubeconfig.js';
import { serverCertificates, type CertificatePair } from '../../server/tls/server-certificates.js';
import { controlPlaneAssets, type ControlPlaneAssets } from './control-plane-assets.js';
import { startGuarded, type GuardedProcess } from './guarded-process.js';
import { TestClusterError } from './test-cluster-error.js';

/** A user the real kube-apiserver accepts by bearer token (its `--token-auth-file`). */
export interface TokenUserEntry {
  readonly token: string;
  readonly username: string;
  readonly uid?: string;
  readonly groups?: readonly string[];
}

/** Options of {@link startControlPlane}. */
export interface ControlPlaneOptions {
  /** Where the binaries are. @default {@link controlPlaneAssets}() */
  readonly assets?: ControlPlaneAssets;
  /**
   * Start kube-controller-manager when its binary is present: `true` runs its default set
   * (`*`: garbage collector, namespace, service-account and token, workload controllers...),
   * a list runs only the controllers named (kube-controller-manager's `--controllers` names,
   * e.g. `garbage-collector-controller`), `false` none. @default true
   */
  readonly controllers?: boolean | readonly string[];
  /** More bearer-token users, fixed at start (client certificates can be issued at any time). */
  readonly users?: readonly TokenUserEntry[];
  /** How long to wait for readiness, in milliseconds. @default 90000 */
  readonly startTimeoutMs?: number;
  /** Extra kube-apiserver flags (`--feature-gates=...`), appended last so that they win. */
  readonly apiserverFlags?: readonly string[];
}

/** A running control plane. */
export interface ControlPlane {
  /** `https://127.0.0.1:PORT`. */
  readonly url: string;
  /** The serving CA (it also signs client certificates). */
  readonly caPem: string;
  readonly ca: CertificatePair;
  /** The admin bearer token (user `admin`, group `system:masters`). */
  readonly token: string;
  /** `CN=admin, O=system:masters`. */
  readonly clientCertificate: CertificatePair;
  /** The `gitVersion` the server reports at `/version`. */
  readonly version: string;
  /** The temporary directory of etcd's data, the certificates and the logs (removed on stop). */
  readonly dir: string;
  /** Which processes run: always `etcd` and `kube-apiserver`, and `kube-controller-manager` when started. */
  readonly processes: readonly string[];
  /** Stops every process and removes the directory. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

function get(url: string, options: { ca?: string; token?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
    const request = url.startsWith('https:') ? httpsRequest(url, { headers, ca: options.ca, agent: false }) : httpRequest(url, { headers, agent: false });
    request.setTimeout(5000, () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    request.end();
  });
}

async function tail(file: string, lines = 30): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Polls `check` every 100 ms until it is true; fails early when `process` ends. */
async function waitFor(what: string, process: GuardedProcess, log: string, deadline: number, check: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (process.ended) {
      throw new TestClusterError('StartFailed', `${process.name} exited before ${what}; the end of its log (${log}):\n${await tail(log)}`);
    }
    try {
      if (await check()) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new TestClusterError('StartFailed', `${process.name}: no ${what} after the start timeout; the end of its log (${log}):\n${await tail(log)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function csvField(value: string): string {
  return /[",\s]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Starts etcd (on a fresh data directory, fsync off), kube-apiserver (serving certificates from
 * a generated CA, a service-account signing key, an admin token and client certificate in
 * `system:masters`, RBAC, the default admission plugins) and, when present,
 * kube-controller-manager, all on loopback with free ports, as envtest does, and waits until the
 * API server is ready (and the controllers have created the `default` ServiceAccount).
 *
 * Every process is guarded: it stops when {@link ControlPlane.stop} is called or when this
 * process ends in any way, SIGKILL included.
 *
 * @throws {TestClusterError} `AssetsMissing` when the binaries are not found, `StartFailed` when
 *   a process exits or the server is not ready in time (with the end of its log).
 */
export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const assets = options.assets ?? controlPlaneAssets();
  const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
  const dir = await mkdtemp(join(tmpdir(), 'kube-rx-control-plane-'));
  const started: GuardedProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const process of [...started].reverse()) await process.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const certificates = await serverCertificates();
    const path = (name: string): string => join(dir, name);
    await writeFile(path('ca.crt'), certificates.ca.certPem);
    await writeFile(path('ca.key'), certificates.ca.keyPem, { mode: 0o600 });
    await writeFile(path('apiserver.crt'), certificates.server.certPem);
    await writeFile(path('apiserver.key'), certificates.server.keyPem, { mode: 0o600 });
    const serviceAccountKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(path('sa.key'), serviceAccountKey.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    await writeFile(path('sa.pub'), serviceAccountKey.publicKey.export({ type: 'spki', format: 'pem' }));
    const token = randomBytes(24).toString('hex');
    const users: TokenUserEntry[] = [{ token, username: 'admin', uid: 'admin', groups: ['system:masters'] }, ...(options.users ?? [])];
    await writeFile(
      path('tokens.csv'),
      users.map((u) => [u.token, u.username, u.uid ?? u.username, csvField((u.groups ?? []).join(','))].map(csvField).join(',')).join('\n') + '\n',
      { mode: 0o600 },
    );

    const [etcdClient, etcdPeer, apiserverPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    const etcdLog = path('etcd.log');
    const etcd = startGuarded('etcd', assets.etcd, [
      `--data-dir=${path('etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
      '--unsafe-no-fsync',
      '--log-level=warn',
    ], etcdLog, { removeAfter: dir });
    started.push(etcd);
    await waitFor('health', etcd, etcdLog, deadline, async () => (await get(`${etcdUrl}/health`)).status === 200);

    const url = `https://127.0.0.1:${apiserverPort}`;
    const apiserverLog = path('kube-apiserver.log');
    const apiserver = startGuarded('kube-apiserver', assets.kubeApiserver, [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiserverPort}`,
      `--cert-dir=${path('certs')}`,
      `--tls-cert-file=${path('apiserver.crt')}`,
      `--tls-private-key-file=${path('apiserver.key')}`,
      `--client-ca-file=${path('ca.crt')}`,
      `--token-auth-file=${path('tokens.csv')}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${path('sa.pub')}`,
      `--service-account-signing-key-file=${path('sa.key')}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      '--authorization-mode=RBAC',
      '--allow-privileged=true',
      '--v=1',
      ...(options.apiserverFlags ?? []),
    ], apiserverLog);
    started.push(apiserver);
    await waitFor('/readyz', apiserver, apiserverLog, deadline, async () => (await get(`${url}/readyz`, { ca: certificates.ca.certPem, token })).status === 200);
    const version = (JSON.parse((await get(`${url}/version`, { ca: certificates.ca.certPem, token })).body) as { gitVersion?: string }).gitVersion ?? 'unknown';

    const processes = ['etcd', 'kube-apiserver'];
    const controllers = options.controllers ?? true;
    if (controllers !== false && (controllers === true || controllers.length > 0) && assets.kubeControllerManager !== undefined) {
      const kubeconfig = path('controller-manager.kubeconfig');
      await writeFile(kubeconfig, renderKubeconfig({ server: url, caPem: certificates.ca.certPem, user: certificates.admin, name: 'controller-manager' }), { mode: 0o600 });
      const log = path('kube-controller-manager.log');
      const controllerManager = startGuarded('kube-controller-manager', assets.kubeControllerManager, [
        `--kubeconfig=${kubeconfig}`,
        `--authentication-kubeconfig=${kubeconfig}`,
        `--authorization-kubeconfig=${kubeconfig}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        '--secure-port=0',
        `--service-account-private-key-file=${path('sa.key')}`,
        `--root-ca-file=${path('ca.crt')}`,
        '--use-service-account-credentials=false',
        `--controllers=${controllers === true ? '*' : controllers.join(',')}`,
        '--concurrent-gc-syncs=5',
        '--v=1',
      ], log);
      started.push(controllerManager);
      processes.push('kube-controller-manager');
      if (controllers === true || controllers.includes('serviceaccount-controller')) {
        await waitFor('default ServiceAccount', controllerManager, log, deadline, async () => {
          const answer = await get(`${url}/api/v1/namespaces/default/serviceaccounts/default`, { ca: certificates.ca.certPem, token });
          return answer.status === 200;
        });
      }
    }

    return {
      url,
      caPem: certificates.ca.certPem,
      ca: certificates.ca,
      token,
      clientCertificate: certificates.admin,
      version,
      dir,
      processes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
