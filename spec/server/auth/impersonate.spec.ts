import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

describe('impersonation', () => {
  const env = useApiServer();

  it('should act as the impersonated user', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces', { headers: { 'impersonate-user': 'jane', 'impersonate-group': 'devs' } });
    expect(res.status).to.equal(200);
    expect(env.server.hooks.requests().at(-1)?.user).to.equal('jane');
  });

  it('should answer 500 in plain text for groups without a user', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces', { headers: { 'impersonate-group': 'devs' } });
    expect(res.status).to.equal(500);
    expect(res.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(res.text).to.contain('without impersonating a user');
  });

  it('should still require the impersonator to authenticate', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces', { auth: 'none', headers: { 'impersonate-user': 'jane' } });
    expect(res.status).to.equal(401);
  });
});
