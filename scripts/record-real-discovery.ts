// Records the discovery documents of a real kube-apiserver 1.32 into spec/fixtures/real-discovery-1.32.json.
//
// spec/server/discovery/real-discovery.spec.ts compares the embedded server's discovery with this
// recording, group by group: every resource, verb, short name, category, subresource and storage
// version hash. The recording is made by starting etcd and kube-apiserver from the binaries that
// scripts build into ~/.cache/kube-rx/k8s-1.32.13 (override with KUBE_RX_ASSETS), on loopback, in a
// temporary directory, and reading /api, /apis, every group version's resource list and aggregated
// discovery v2. Run: `npx tsx scripts/record-real-discovery.ts`.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverCertificates } from '../lib/server/tls/server-certificates.js';

/** Where the recording goes. */
export const REAL_DISCOVERY_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../spec/fixtures/real-discovery-1.32.json');

const ASSETS = process.env['KUBE_RX_ASSETS'] ?? join(homedir(), '.cache/kube-rx/k8s-1.32.13');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function get(url: string, ca: string, token: string, accept = 'application/json'): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { ca, headers: { authorization: `Bearer ${token}`, accept }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`no ${what} within two minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-rx-record-discovery-'));
  const processes: ChildProcess[] = [];
  try {
    const certificates = await serverCertificates();
    const file = (name: string): string => join(dir, name);
    await writeFile(file('ca.crt'), certificates.ca.certPem);
    await writeFile(file('server.crt'), certificates.server.certPem);
    await writeFile(file('server.key'), certificates.server.keyPem);
    const saKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(file('sa.key'), saKey.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(file('sa.pub'), saKey.publicKey.export({ type: 'spki', format: 'pem' }));
    const token = randomBytes(16).toString('hex');
    await writeFile(file('tokens.csv'), `${token},admin,admin,system:masters\n`);
    const [client, peer, secure] = [await freePort(), await freePort(), await freePort()];
    const etcd = `http://127.0.0.1:${client}`;
    processes.push(
      spawn(join(ASSETS, 'etcd'), [
        `--data-dir=${file('etcd')}`, `--listen-client-urls=${etcd}`, `--advertise-client-urls=${etcd}`,
        `--listen-peer-urls=http://127.0.0.1:${peer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
        `--initial-cluster=default=http://127.0.0.1:${peer}`, '--unsafe-no-fsync', '--log-level=error',
      ], { stdio: 'ignore' }),
    );
    const url = `https://127.0.0.1:${secure}`;
    processes.push(
      spawn(join(ASSETS, 'kube-apiserver'), [
        `--etcd-servers=${etcd}`, '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${secure}`,
        `--cert-dir=${file('certs')}`, `--tls-cert-file=${file('server.crt')}`, `--tls-private-key-file=${file('server.key')}`,
        `--client-ca-file=${file('ca.crt')}`, `--token-auth-file=${file('tokens.csv')}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local', `--service-account-key-file=${file('sa.pub')}`,
        `--service-account-signing-key-file=${file('sa.key')}`, '--service-cluster-ip-range=10.0.0.0/24', '--authorization-mode=RBAC',
      ], { stdio: 'ignore' }),
    );
    const ca = certificates.ca.certPem;
    await until('/readyz', async () => (await get(`${url}/readyz`, ca, token)).status === 200);
    const json = async (path: string, accept?: string): Promise<Record<string, unknown>> => {
      const answer = await get(`${url}${path}`, ca, token, accept);
      if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.body}`);
      return JSON.parse(answer.body) as Record<string, unknown>;
    };
    const version = await json('/version');
    const api = await json('/api');
    delete api['serverAddressByClientCIDRs'];
    const apis = await json('/apis');
    const groups = apis['groups'] as { name: string; versions: { groupVersion: string }[] }[];
    const resources: Record<string, unknown> = { v1: await json('/api/v1') };
    for (const group of groups) for (const v of group.versions) resources[v.groupVersion] = await json(`/apis/${v.groupVersion}`);
    const aggregatedAccept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
    const aggregated = { api: await json('/api', aggregatedAccept), apis: await json('/apis', aggregatedAccept) };
    const recording = { gitVersion: version['gitVersion'], api, apis, resources, aggregated };
    await writeFile(REAL_DISCOVERY_FILE, `${JSON.stringify(recording, null, 2)}\n`);
    console.log(`recorded ${Object.keys(resources).length} group versions of ${String(version['gitVersion'])} to ${REAL_DISCOVERY_FILE}`);
  } finally {
    for (const child of processes.reverse()) {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    }
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
