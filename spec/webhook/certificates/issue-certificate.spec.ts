import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueCertificate } from '../../../lib/webhook/certificates/issue-certificate.js';
import { createWebhookCertificates, withCaBundle } from '../../../lib/webhook/certificates/webhook-certificates.js';

describe('issueCertificate', () => {
  const ca = issueCertificate({ commonName: 'test-ca', ca: true, now: new Date('2026-01-01T00:00:00Z'), validDays: 30 });
  const serving = issueCertificate({ commonName: 'hook', hosts: ['127.0.0.1', '::1', 'localhost', 'hook.default.svc'], issuer: ca, now: new Date('2026-01-01T00:00:00Z'), validDays: 30 });

  it('should make a CA and a serving certificate it signed, with SANs and validity', () => {
    const caCert = new X509Certificate(ca.certPem);
    const cert = new X509Certificate(serving.certPem);
    expect(caCert.ca).to.equal(true);
    expect(cert.ca).to.equal(false);
    expect(caCert.verify(caCert.publicKey)).to.equal(true);
    expect(cert.verify(caCert.publicKey)).to.equal(true);
    expect(cert.checkIssued(caCert)).to.equal(true);
    expect(cert.subjectAltName).to.equal('IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost, DNS:hook.default.svc');
    expect(cert.checkHost('hook.default.svc')).to.equal('hook.default.svc');
    expect(cert.checkIP('127.0.0.1')).to.equal('127.0.0.1');
    expect(new Date(cert.validFrom).toISOString()).to.equal('2025-12-31T23:00:00.000Z');
    expect(new Date(cert.validTo).toISOString()).to.equal('2026-01-31T00:00:00.000Z');
    expect(cert.keyUsage).to.deep.equal(['1.3.6.1.5.5.7.3.1']);
  });

  it('should be read by openssl as a v3 certificate with the expected extensions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-rx-cert-spec-'));
    try {
      writeFileSync(join(dir, 'ca.crt'), ca.certPem);
      writeFileSync(join(dir, 'tls.crt'), serving.certPem);
      const text = execFileSync('openssl', ['x509', '-in', join(dir, 'tls.crt'), '-noout', '-text'], { encoding: 'utf8' });
      expect(text).to.contain('Version: 3 (0x2)');
      expect(text).to.contain('ecdsa-with-SHA256');
      expect(text).to.match(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
      expect(text).to.match(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment/);
      expect(text).to.match(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication/);
      expect(text).to.contain('X509v3 Authority Key Identifier');
      const verified = execFileSync('openssl', ['verify', '-attime', String(Date.parse('2026-01-02T00:00:00Z') / 1000), '-CAfile', join(dir, 'ca.crt'), join(dir, 'tls.crt')], { encoding: 'utf8' });
      expect(verified.trim()).to.equal(`${join(dir, 'tls.crt')}: OK`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('createWebhookCertificates', () => {
  it('should serve TLS that a client trusting only the caBundle accepts', async () => {
    const certs = createWebhookCertificates();
    const server = createServer({ cert: certs.serving.certPem, key: certs.serving.keyPem }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const ca = Buffer.from(certs.caBundle, 'base64').toString('utf8');
      const body = await new Promise<string>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, ca, agent: false }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      });
      expect(body).to.equal('ok');
      expect(ca).to.equal(certs.ca.certPem);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('should render the caBundle into webhook configurations and CRD conversion, leaving the input alone', () => {
    const configuration = { kind: 'ValidatingWebhookConfiguration', webhooks: [{ name: 'a.b.c', clientConfig: { url: 'https://127.0.0.1:1/v' } }, { name: 'd.b.c' }] };
    const rendered = withCaBundle(configuration, 'QUJD');
    expect(rendered.webhooks.map((w) => w.clientConfig)).to.deep.equal([{ url: 'https://127.0.0.1:1/v', caBundle: 'QUJD' }, { caBundle: 'QUJD' }]);
    expect(configuration.webhooks[0]?.clientConfig).to.deep.equal({ url: 'https://127.0.0.1:1/v' });
    const crd = { kind: 'CustomResourceDefinition', spec: { conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { url: 'https://x/convert' } } } } };
    expect(withCaBundle(crd, '-----BEGIN CERTIFICATE-----\nx\n').spec.conversion.webhook.clientConfig).to.deep.equal({
      url: 'https://x/convert',
      caBundle: Buffer.from('-----BEGIN CERTIFICATE-----\nx\n').toString('base64'),
    });
  });
});
