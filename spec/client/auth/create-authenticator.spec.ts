// Specs of createAuthenticator: each auth kind's header, and exec plugins shared per cluster and user.
import { expect } from 'chai';
import { createAuthenticator } from '../../../lib/client/auth/create-authenticator.js';
import { ExecPlugin } from '../../../lib/client/auth/exec-plugin.js';
import { TokenFile } from '../../../lib/client/auth/token-file.js';

const exec = { command: '/usr/bin/true', apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Never' as const, args: ['create-authenticator-spec'] };

describe('createAuthenticator', () => {
  it('should send no Authorization header for none', async () => {
    expect((await createAuthenticator({ type: 'none' }).credentials()).headers).to.deep.equal([]);
  });

  it('should send a bearer token', async () => {
    expect((await createAuthenticator({ type: 'token', token: 't' }).credentials()).headers).to.deep.equal([['Authorization', 'Bearer t']]);
  });

  it('should send basic credentials', async () => {
    const headers = (await createAuthenticator({ type: 'basic', username: 'admin', password: 'p:ss' }).credentials()).headers;
    expect(headers).to.deep.equal([['Authorization', `Basic ${Buffer.from('admin:p:ss').toString('base64')}`]]);
  });

  it('should not refresh static credentials', async () => {
    expect(await createAuthenticator({ type: 'token', token: 't' }).refresh()).to.equal(false);
  });

  it('should read token files', () => {
    expect(createAuthenticator({ type: 'tokenFile', path: '/nowhere' })).to.be.instanceOf(TokenFile);
  });

  it('should share one exec plugin (one credential cache) per plugin and cluster', () => {
    const a = createAuthenticator({ type: 'exec', exec, server: 'https://one.test' });
    const b = createAuthenticator({ type: 'exec', exec: { ...exec }, server: 'https://one.test' });
    const other = createAuthenticator({ type: 'exec', exec, server: 'https://two.test' });
    expect(a).to.be.instanceOf(ExecPlugin);
    expect(b).to.equal(a);
    expect(other).to.not.equal(a);
  });
});
