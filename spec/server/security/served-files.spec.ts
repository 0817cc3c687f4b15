// Security: the kubeconfig (it holds the admin token) is private, and its URL always matches the serving certificate.
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startApiServer } from '../../../lib/server/index.js';
import { serveCommand } from '../../../lib/cli/serve-command.js';

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { token: string } }[];
}

/** GET /version through the kubeconfig alone: its URL, its CA (with hostname checks), its token. */
function getVersion(kubeconfig: Kubeconfig): Promise<number> {
  const cluster = kubeconfig.clusters[0]?.cluster;
  const token = kubeconfig.users[0]?.user.token ?? '';
  return new Promise((resolve, reject) => {
    const req = request(new URL('/version', cluster?.server), { ca: Buffer.from(cluster?.['certificate-authority-data'] ?? '', 'base64'), headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('security: served files and addresses', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kube-rx-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should write the kubeconfig 0600 over an existing 0644 file', async () => {
    const path = join(dir, 'kubeconfig.yaml');
    await writeFile(path, 'old: content\n');
    await chmod(path, 0o644);
    const server = await startApiServer({ kubeconfigPath: path });
    try {
      expect((await stat(path)).mode & 0o777).to.equal(0o600);
      expect(await readFile(path, 'utf8')).to.contain(server.token);
    } finally {
      await server.close();
    }
  });

  it('should write it 0600 through `kube-rx serve --kubeconfig` too', async () => {
    const path = join(dir, 'served.yaml');
    await writeFile(path, '');
    await chmod(path, 0o666);
    const listeners: (() => void)[] = [];
    let output = '';
    const done = serveCommand(['--kubeconfig', path, '--no-simulate'], {
      write: (text) => {
        output += text;
        if (text.includes('Press Ctrl+C')) void stat(path).then(() => listeners.splice(0).forEach((l) => l()));
      },
      once: (_signal, listener) => listeners.push(listener),
      off: () => undefined,
    });
    expect(await done).to.equal(0);
    expect(output).to.contain(`kubeconfig written to ${path}`);
    expect((await stat(path)).mode & 0o777).to.equal(0o600);
  });

  it('should hand out a kubeconfig that verifies when listening off the default loopback address', async () => {
    // 127.0.0.2 is loopback on Linux but not in the default certificate: the server needs its own.
    const server = await startApiServer({ host: '127.0.0.2' });
    try {
      const kubeconfig = parse(server.kubeconfig) as Kubeconfig;
      expect(kubeconfig.clusters[0]?.cluster.server).to.equal(`https://127.0.0.2:${server.port}`);
      expect(await getVersion(kubeconfig)).to.equal(200);
    } finally {
      await server.close();
    }
  });

  it('should serve a certificate naming every name a wildcard kubeconfig or remote client would dial', async () => {
    // Not bound to 0.0.0.0 here (tests stay on loopback): the serving certificate and URL are what it would get.
    const { servingAddress } = await import('../../../lib/server/tls/serving-address.js');
    const { issueServerCertificate, serverCertificates } = await import('../../../lib/server/tls/server-certificates.js');
    const wildcard = servingAddress('0.0.0.0');
    const pair = await issueServerCertificate((await serverCertificates()).ca, wildcard.certificateNames ?? []);
    const cert = new X509Certificate(pair.certPem);
    expect(cert.checkIP(wildcard.urlHost)).to.equal(wildcard.urlHost);
    for (const name of wildcard.certificateNames ?? []) {
      expect(name.includes(':') || /^\d/.test(name) ? cert.checkIP(name) : cert.checkHost(name), name).to.equal(name);
    }
  });
});
