import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { issueClientCertificate, issueServerCertificate, serverCertificates } from '../../../lib/server/tls/server-certificates.js';

describe('serverCertificates', () => {
  it('should make a CA, a loopback server certificate and an admin client certificate, once', async () => {
    const first = serverCertificates();
    expect(serverCertificates()).to.equal(first);
    const certs = await first;
    const ca = new X509Certificate(certs.ca.certPem);
    const server = new X509Certificate(certs.server.certPem);
    const admin = new X509Certificate(certs.admin.certPem);
    expect(ca.ca).to.equal(true);
    expect(server.verify(ca.publicKey)).to.equal(true);
    expect(server.checkIP('127.0.0.1')).to.equal('127.0.0.1');
    expect(server.checkHost('localhost')).to.equal('localhost');
    expect(admin.verify(ca.publicKey)).to.equal(true);
    expect(admin.subject).to.contain('CN=admin').and.contain('O=system:masters');
  });
});

describe('issueClientCertificate', () => {
  it('should issue CN=user with one O per group, signed by the CA', async () => {
    const { ca } = await serverCertificates();
    const pair = await issueClientCertificate(ca, 'carol', ['a', 'b']);
    const cert = new X509Certificate(pair.certPem);
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).to.equal(true);
    expect(cert.subject.split('\n')).to.include.members(['O=a', 'O=b', 'CN=carol']);
  });
});

describe('issueServerCertificate', () => {
  it('should issue a serving certificate naming each address and host, signed by the CA', async () => {
    const { ca } = await serverCertificates();
    const pair = await issueServerCertificate(ca, ['127.0.0.1', '::1', 'localhost', '10.1.2.3', 'build-host.example']);
    const cert = new X509Certificate(pair.certPem);
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).to.equal(true);
    expect(cert.checkIP('10.1.2.3')).to.equal('10.1.2.3');
    expect(cert.checkHost('build-host.example')).to.equal('build-host.example');
    expect(cert.checkIP('10.1.2.4')).to.equal(undefined);
  });
});
