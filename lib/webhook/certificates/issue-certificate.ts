// Issues X.509 v3 certificates (EC P-256, ECDSA with SHA-256) with node:crypto alone: no openssl process.
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { bitString, boolean, explicit, implicit, integer, octetString, oid, sequence, set, time, utf8String } from './der.js';

/** A certificate and its private key, PEM-encoded. */
export interface CertificatePair {
  readonly certPem: string;
  readonly keyPem: string;
}

/** What {@link issueCertificate} makes. */
export interface CertificateRequest {
  readonly commonName: string;
  /** DNS names and IP addresses the certificate serves (its subjectAltName). */
  readonly hosts?: readonly string[];
  /** A CA certificate (it can sign others) instead of a serving one. @default false */
  readonly ca?: boolean;
  /** The CA that signs it; a self-signed certificate when absent. */
  readonly issuer?: CertificatePair;
  /** How long it is valid from `now` (it is valid from an hour before, for clock skew). @default 365 */
  readonly validDays?: number;
  /** @default new Date() */
  readonly now?: Date;
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

function name(commonName: string): Uint8Array {
  return sequence(set(sequence(oid('2.5.4.3'), utf8String(commonName))));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** The key usage bits, most significant first (RFC 5280 §4.2.1.3), with unused trailing bits counted. */
function keyUsage(bits: readonly number[]): Uint8Array {
  const byte = bits.reduce((b, bit) => b | (0x80 >> bit), 0);
  const unused = 7 - Math.max(...bits);
  return Uint8Array.of(0x03, 0x02, unused, byte);
}

function ipBytes(ip: string): Uint8Array {
  if (isIP(ip) === 4) return Uint8Array.from(ip.split('.').map(Number));
  const [head = '', tail = ''] = ip.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = ip.includes('::') ? groups(tail) : [];
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return Uint8Array.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}

function subjectAltName(hosts: readonly string[]): Uint8Array {
  return sequence(...hosts.map((host) => (isIP(host) !== 0 ? implicit(7, ipBytes(host)) : implicit(2, new TextEncoder().encode(host)))));
}

/** The SHA-1 of the subjectPublicKey bits (RFC 5280 §4.2.1.2, method 1). */
function keyIdentifier(spki: Uint8Array): Uint8Array {
  // The SPKI of an EC key is SEQUENCE { SEQUENCE { algorithm }, BIT STRING }: the key is its last 65 bytes.
  return new Uint8Array(createHash('sha1').update(spki.subarray(spki.length - 65)).digest());
}

function spkiOf(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ type: 'spki', format: 'der' }));
}

function pem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${base64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/**
 * Issues a certificate with a fresh EC P-256 key: a CA (`ca: true`: basicConstraints CA,
 * keyCertSign) or a serving certificate (serverAuth, with `hosts` as DNS and IP subject
 * alternative names, which Go's TLS verification requires), self-signed or signed by `issuer`.
 * Go's crypto/x509 and Node's TLS both accept the result.
 *
 * ## Example
 * ```ts
 * const ca = issueCertificate({ commonName: 'webhook-ca', ca: true });
 * const serving = issueCertificate({ commonName: 'webhook', hosts: ['127.0.0.1', 'my-hook.default.svc'], issuer: ca });
 * ```
 */
export function issueCertificate(request: CertificateRequest): CertificatePair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = request.now ?? new Date();
  const notBefore = new Date(now.getTime() - 3600_000);
  const notAfter = new Date(now.getTime() + (request.validDays ?? 365) * 86400_000);
  const spki = spkiOf(publicKey);
  const issuerCert = request.issuer === undefined ? undefined : new X509Certificate(request.issuer.certPem);
  const issuerKey = request.issuer === undefined ? privateKey : createPrivateKey(request.issuer.keyPem);
  const issuerName = issuerCert === undefined ? name(request.commonName) : new Uint8Array(issuerDer(issuerCert));
  const authorityKeyId = issuerCert === undefined ? keyIdentifier(spki) : keyIdentifier(spkiOf(issuerCert.publicKey));
  const extensions = request.ca === true
    ? [
        extension('2.5.29.19', true, sequence(boolean(true))),
        extension('2.5.29.15', true, keyUsage([0, 5, 6])),
        extension('2.5.29.14', false, octetString(keyIdentifier(spki))),
      ]
    : [
        extension('2.5.29.19', true, sequence()),
        extension('2.5.29.15', true, keyUsage([0, 2])),
        extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
        extension('2.5.29.35', false, sequence(implicit(0, authorityKeyId))),
        ...((request.hosts ?? []).length > 0 ? [extension('2.5.29.17', false, subjectAltName(request.hosts ?? []))] : []),
      ];
  const serial = randomBytes(16);
  serial[0] = (serial[0] as number) & 0x7f;
  const tbs = sequence(
    explicit(0, integer(Uint8Array.of(2))),
    integer(serial),
    ECDSA_WITH_SHA256,
    issuerName,
    sequence(time(notBefore), time(notAfter)),
    name(request.commonName),
    spki,
    explicit(3, sequence(...extensions)),
  );
  const signature = new Uint8Array(sign('sha256', tbs, issuerKey));
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
  return { certPem: pem('CERTIFICATE', certificate), keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** The DER of a certificate's subject, to name it as the issuer of another. */
function issuerDer(certificate: X509Certificate): Uint8Array {
  // tbsCertificate: version [0], serial, signature algorithm, issuer, validity, subject, ...
  const der = new Uint8Array(certificate.raw);
  const elements = children(children(der)[0] as Uint8Array);
  return elements[5] as Uint8Array;
}

/** The TLV elements inside a constructed DER element. */
function children(element: Uint8Array): Uint8Array[] {
  const { headerLength, contentLength } = header(element, 0);
  const out: Uint8Array[] = [];
  for (let at = headerLength; at < headerLength + contentLength; ) {
    const h = header(element, at);
    out.push(element.subarray(at, at + h.headerLength + h.contentLength));
    at += h.headerLength + h.contentLength;
  }
  return out;
}

function header(bytes: Uint8Array, at: number): { headerLength: number; contentLength: number } {
  const first = bytes[at + 1] as number;
  if (first < 0x80) return { headerLength: 2, contentLength: first };
  const count = first & 0x7f;
  let contentLength = 0;
  for (let i = 0; i < count; i += 1) contentLength = contentLength * 256 + (bytes[at + 2 + i] as number);
  return { headerLength: 2 + count, contentLength };
}
