import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import { Authenticator } from '../../../lib/server/auth/authenticator.js';

function request(headers: Record<string, string>, socket: Record<string, unknown> = {}): IncomingMessage {
  return { headers, socket } as unknown as IncomingMessage;
}

describe('Authenticator', () => {
  const auth = new Authenticator(new Map([['t0k3n', { username: 'alice', groups: ['dev'] }]]));

  it('should map a known bearer token to its user plus system:authenticated', () => {
    expect(auth.authenticate(request({ authorization: 'Bearer t0k3n' }))).to.deep.equal({ username: 'alice', groups: ['dev', 'system:authenticated'] });
  });

  it('should refuse unknown tokens and requests without credentials', () => {
    expect(auth.authenticate(request({ authorization: 'Bearer nope' }))).to.equal(undefined);
    expect(auth.authenticate(request({}))).to.equal(undefined);
  });

  it('should take CN as the user and every O as a group from a verified certificate', () => {
    const socket = { authorized: true, getPeerCertificate: () => ({ subject: { CN: 'bob', O: ['ops', 'system:masters'] } }) };
    expect(auth.authenticate(request({}, socket))).to.deep.equal({ username: 'bob', groups: ['ops', 'system:masters', 'system:authenticated'] });
    expect(auth.authenticate(request({}, { ...socket, authorized: false }))).to.equal(undefined);
  });
});
