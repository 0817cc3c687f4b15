// Makes a throw-away CA, a server certificate and a client certificate with the openssl CLI, for TLS specs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM material of a test PKI. */
export interface TestCertificates {
  readonly caPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

/**
 * A CA plus a server certificate valid for `serverNames` (DNS names and IPs) and a client
 * certificate for `CN=clientName, O=groups...`; EC P-256 keys, one day of validity.
 */
export function makeCertificates(serverNames: readonly string[] = ['localhost', '127.0.0.1'], clientName = 'admin', groups: readonly string[] = ['system:masters']): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'kube-rx-pki-'));
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  try {
    const ecKey = (name: string): void => run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', name);
    ecKey('ca.key');
    run('req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=kube-rx-test-ca', '-days', '1', '-out', 'ca.crt');
    const san = serverNames.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
    writeFileSync(join(dir, 'server.ext'), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
    ecKey('server.key');
    run('req', '-new', '-key', 'server.key', '-subj', '/CN=kube-rx-test-server', '-out', 'server.csr');
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', 'server.ext', '-out', 'server.crt');
    writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
    ecKey('client.key');
    const subject = `/CN=${clientName}${groups.map((g) => `/O=${g}`).join('')}`;
    run('req', '-new', '-key', 'client.key', '-subj', subject, '-out', 'client.csr');
    run('x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-extfile', 'client.ext', '-out', 'client.crt');
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    return { caPem: read('ca.crt'), serverCertPem: read('server.crt'), serverKeyPem: read('server.key'), clientCertPem: read('client.crt'), clientKeyPem: read('client.key') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
