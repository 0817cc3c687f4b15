import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

describe('DefaultServiceAccounts', () => {
  const env = useApiServer();

  async function defaultAccount(namespace: string): Promise<number> {
    await env.server.hooks.settle();
    return (await rawRequest(env.server, `/api/v1/namespaces/${namespace}/serviceaccounts/default`)).status;
  }

  it('should give the built-in namespaces and every new one a default ServiceAccount', async () => {
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) expect(await defaultAccount(ns), ns).to.equal(200);
    await rawRequest(env.server, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'team-a' } } });
    expect(await defaultAccount('team-a')).to.equal(200);
  });

  it('should create it again when it is deleted', async () => {
    await rawRequest(env.server, '/api/v1/namespaces/default/serviceaccounts/default', { method: 'DELETE' });
    expect(await defaultAccount('default')).to.equal(200);
  });

  describe('with controllers off', () => {
    const still = useApiServer({ controllers: false });

    it('should leave namespaces without one', async () => {
      await still.server.hooks.settle();
      expect((await rawRequest(still.server, '/api/v1/namespaces/default/serviceaccounts/default')).status).to.equal(404);
    });
  });
});
