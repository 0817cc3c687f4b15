import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import { ANONYMOUS, Authenticator } from '../../../lib/server/auth/authenticator.js';

function request(headers: Record<string, string>, socket: Record<string, unknown> = {}): IncomingMessage {
  return { headers, socket } as unknown as IncomingMessage;
}

const CERT = { subject: { CN: 'bob', O: ['ops', 'system:masters'] }, fingerprint256: 'AB:CD:EF' };

function tls(cert: unknown, authorized: boolean): Record<string, unknown> {
  return { authorized, getPeerCertificate: () => cert };
}

describe('Authenticator', () => {
  const auth = new Authenticator({ tokens: new Map([['t0k3n', { username: 'alice', groups: ['dev'], uid: 'a-1' }]]) });

  it('should map a known bearer token to its user plus system:authenticated', () => {
    expect(auth.authenticate(request({ authorization: 'Bearer t0k3n' }))).to.deep.equal({ username: 'alice', groups: ['dev', 'system:authenticated'], uid: 'a-1' });
    expect(auth.authenticate(request({ authorization: '  bearer t0k3n ' }))?.username, 'scheme case and outer spaces').to.equal('alice');
  });

  it('should answer 401 (undefined) for a presented token that does not authenticate', () => {
    expect(auth.authenticate(request({ authorization: 'Bearer nope' }))).to.equal(undefined);
  });

  it('should make requests without a credential anonymous, as kube-apiserver with --anonymous-auth', () => {
    expect(auth.authenticate(request({}))).to.deep.equal(ANONYMOUS);
    expect(ANONYMOUS).to.deep.equal({ username: 'system:anonymous', groups: ['system:unauthenticated'] });
    for (const header of ['Basic YTpi', 'Bearer', 'Bearer  t0k3n', 'Negotiate x']) {
      expect(auth.authenticate(request({ authorization: header })), header).to.deep.equal(ANONYMOUS);
    }
  });

  it('should answer 401 instead of anonymous when anonymous auth is off', () => {
    expect(new Authenticator({ anonymous: false }).authenticate(request({}))).to.equal(undefined);
  });

  it('should take CN as the user, every O as a group and the SHA-256 as credential id from a verified certificate', () => {
    expect(auth.authenticate(request({}, tls(CERT, true)))).to.deep.equal({
      username: 'bob',
      groups: ['ops', 'system:masters', 'system:authenticated'],
      extra: { 'authentication.kubernetes.io/credential-id': ['X509SHA256=abcdef'] },
    });
  });

  it('should prefer the certificate to a token, as the real union authenticator', () => {
    expect(auth.authenticate(request({ authorization: 'Bearer t0k3n' }, tls(CERT, true)))?.username).to.equal('bob');
  });

  it('should refuse an unverified certificate unless a token authenticates', () => {
    expect(auth.authenticate(request({}, tls(CERT, false)))).to.equal(undefined);
    expect(auth.authenticate(request({ authorization: 'Bearer t0k3n' }, tls(CERT, false)))?.username).to.equal('alice');
  });

  it('should treat a certificate without a CN as no credential', () => {
    expect(auth.authenticate(request({}, tls({ subject: { O: 'x' } }, true)))).to.deep.equal(ANONYMOUS);
    expect(auth.authenticate(request({}, tls({}, false)))).to.deep.equal(ANONYMOUS);
  });

  it('should look tokens up as data, never through a prototype', () => {
    expect(auth.authenticate(request({ authorization: 'Bearer __proto__' }))).to.equal(undefined);
    expect(auth.reviewToken('constructor', [])).to.deep.equal({ error: 'invalid bearer token' });
    expect(auth.reviewToken('t0k3n', [])).to.deep.include({ audiences: ['https://kubernetes.default.svc.cluster.local'] });
  });
});
