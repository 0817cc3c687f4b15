// Makes a CA, a server certificate and an admin client certificate with the openssl CLI, once per process.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { KubeError } from '../../core/index.js';
import { DEFAULT_SERVING_NAMES } from './serving-address.js';

/** A certificate and its private key, PEM-encoded. */
export interface CertificatePair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** Everything TLS needs: the CA, the server's pair (SAN 127.0.0.1, ::1, localhost) and the admin client pair. */
export interface ServerCertificates {
  readonly ca: CertificatePair;
  readonly server: CertificatePair;
  /** `CN=admin, O=system:masters`. */
  readonly admin: CertificatePair;
}

/** Why certificates could not be made. */
export type CertificateErrorReason = 'OpensslFailed';

/** The openssl CLI failed (missing, or refused the arguments). */
export class CertificateError extends KubeError<CertificateErrorReason> {
  override name = 'CertificateError' as const;
}

/** `instanceof CertificateError` that also holds across two copies of this package. */
export function isCertificateError(error: unknown): error is CertificateError {
  return error instanceof CertificateError || (error as { name?: unknown } | null)?.name === 'CertificateError';
}

function openssl(args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd }, (error, _stdout, stderr) => {
      if (error === null) resolve();
      else reject(new CertificateError('OpensslFailed', `openssl ${args[0] ?? ''} failed: ${stderr.trim() || error.message}`, { cause: error }));
    });
  });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function signed(dir: string, name: string, subject: string, extensions: string): Promise<CertificatePair> {
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl(['req', '-new', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
  const serial = `0x${randomBytes(12).toString('hex')}`;
  await openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', serial, '-days', '3650', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.crt`],
    dir,
  );
  return { certPem: await readFile(join(dir, `${name}.crt`), 'utf8'), keyPem: await readFile(join(dir, `${name}.key`), 'utf8') };
}

/**
 * Issues a client certificate signed by `ca`: `CN=<user>`, one `O=` per group (how
 * kube-apiserver reads users and groups from certificates).
 *
 * @throws {CertificateError} when openssl fails.
 */
export async function issueClientCertificate(ca: CertificatePair, user: string, groups: readonly string[]): Promise<CertificatePair> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-rx-cert-'));
  try {
    await writeFile(join(dir, 'ca.crt'), ca.certPem);
    await writeFile(join(dir, 'ca.key'), ca.keyPem, { mode: 0o600 });
    const subject = `${groups.map((g) => `/O=${escapeSubject(g)}`).join('')}/CN=${escapeSubject(user)}`;
    return await signed(dir, 'client', subject, 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An X.509 subjectAltName list: IP entries for addresses, DNS entries for names. */
function subjectAltNames(names: readonly string[]): string {
  return names.map((name) => (isIP(name) === 0 ? `DNS:${name}` : `IP:${name}`)).join(',');
}

const SERVER_EXTENSIONS = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n';

/**
 * Issues a serving certificate signed by `ca` for these names (see `servingAddress`), for a
 * server listening elsewhere than loopback.
 *
 * @throws {CertificateError} when openssl fails (or refuses a name).
 */
export async function issueServerCertificate(ca: CertificatePair, names: readonly string[]): Promise<CertificatePair> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-rx-cert-'));
  try {
    await writeFile(join(dir, 'ca.crt'), ca.certPem);
    await writeFile(join(dir, 'ca.key'), ca.keyPem, { mode: 0o600 });
    return await signed(dir, 'server', '/CN=kube-rx-apiserver', `${SERVER_EXTENSIONS}subjectAltName=${subjectAltNames(names)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function escapeSubject(value: string): string {
  return value.replace(/[/=+\\]/g, (c) => `\\${c}`);
}

async function makeCertificates(): Promise<ServerCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-rx-pki-'));
  try {
    await openssl(
      [
        'req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-sha256', '-subj', '/CN=kube-rx-ca',
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
      ],
      dir,
    );
    const [server, admin] = await Promise.all([
      signed(
        dir,
        'server',
        '/CN=kube-rx-apiserver',
        `${SERVER_EXTENSIONS}subjectAltName=${subjectAltNames(DEFAULT_SERVING_NAMES)}\n`,
      ),
      signed(dir, 'admin', '/O=system:masters/CN=admin', 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n'),
    ]);
    return {
      ca: { certPem: await readFile(join(dir, 'ca.crt'), 'utf8'), keyPem: await readFile(join(dir, 'ca.key'), 'utf8') },
      server,
      admin,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let cached: Promise<ServerCertificates> | undefined;

/**
 * The process's certificates: made with `openssl` (EC P-256) on first use, then reused by
 * every server this process starts, so only the first start pays for them.
 *
 * @throws {CertificateError} `OpensslFailed` when the openssl CLI is missing or fails.
 */
export function serverCertificates(): Promise<ServerCertificates> {
  if (cached === undefined) {
    cached = makeCertificates();
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}
