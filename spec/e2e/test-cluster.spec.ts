// startTestCluster itself, for whichever kind KUBE_RX_TEST_CLUSTER selects: one shape, every process
// stopped on close, and nothing left behind when the test process is killed.
import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Api } from '../../lib/client/api.js';
import { Client } from '../../lib/client/client.js';
import { Config } from '../../lib/client/config/config.js';
import { Namespace } from '../../lib/core/resources/core-v1.js';
import { startTestCluster, testClusterKind } from '../../lib/testing/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/** The command lines of live processes whose arguments mention `text`. */
async function processesMentioning(text: string): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'args']).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

describe(`startTestCluster (${testClusterKind()})`, function () {
  this.timeout(120_000);

  it('should serve the admin by token and by certificate, and issue certificates for other users', async () => {
    const cluster = await startTestCluster();
    try {
      expect(cluster.kind).to.equal(testClusterKind());
      expect(cluster.version).to.equal('v1.32.13');
      expect(cluster.url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(cluster.embedded !== undefined).to.equal(cluster.kind === 'embedded');
      expect(readFileSync(cluster.kubeconfigPath, 'utf8')).to.equal(cluster.kubeconfig);
      for (const user of [{ token: cluster.token }, cluster.clientCertificate]) {
        const client = new Client(await Config.fromKubeconfig(cluster.kubeconfigFor(user)));
        expect((await Api.all(client, Namespace).get('default')).metadata?.name).to.equal('default');
        client.close();
      }
      const alice = new Client(await Config.fromKubeconfig(cluster.kubeconfigFor(await cluster.issueClientCertificate('alice', ['team-a']))));
      const refused = await Api.all(alice, Namespace).list().catch((e: unknown) => e);
      expect((refused as { code?: number }).code, 'RBAC grants alice nothing').to.equal(403);
      alice.close();
    } finally {
      await cluster.close();
    }
    expect(existsSync(cluster.kubeconfigPath)).to.equal(false);
  });

  it('should leave no process and no file behind when the test process is killed', async () => {
    const script = "import { startTestCluster } from './lib/testing/index.js'; const c = await startTestCluster(); console.log(c.kubeconfigPath); setInterval(() => {}, 1000);";
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const kubeconfigPath = await new Promise<string>((resolvePath, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('\n')) resolvePath(out.trim());
      });
      child.once('exit', (code) => reject(new Error(`the child exited early (${code})`)));
    });
    expect(existsSync(kubeconfigPath)).to.equal(true);
    let dir = '';
    if (testClusterKind() === 'real') {
      // The control plane's directory, from its kube-apiserver (found by the port in the kubeconfig).
      const port = /server: https:\/\/127\.0\.0\.1:(\d+)/.exec(readFileSync(kubeconfigPath, 'utf8'))?.[1] ?? '';
      const apiserver = (await processesMentioning(`--secure-port=${port}`)).find((line) => line.includes('kube-apiserver')) ?? '';
      dir = /--cert-dir=(\S+)\/certs/.exec(apiserver)?.[1] ?? '';
      expect(dir, 'the real kube-apiserver runs').to.match(/kube-rx-control-plane-/);
      expect(await processesMentioning(dir)).to.have.length.at.least(3);
    }
    child.kill('SIGKILL');
    await new Promise((resolveExit) => child.once('exit', resolveExit));
    if (testClusterKind() === 'real') {
      // The guards stop etcd, kube-apiserver and kube-controller-manager once our pipes close, and
      // etcd's guard removes the directory.
      const deadline = Date.now() + 20_000;
      while (((await processesMentioning(dir)).length > 0 || existsSync(dir)) && Date.now() < deadline);
      expect(await processesMentioning(dir), 'still running after the kill').to.deep.equal([]);
      expect(existsSync(dir), 'the control plane directory is removed').to.equal(false);
    }
  });
});
