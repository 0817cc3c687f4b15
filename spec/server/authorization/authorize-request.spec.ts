import { expect } from 'chai';
import WebSocket from 'ws';
import { openStream, rawRequest, useApiServer } from '../../helpers/api-server.js';
import { binding, createAll, role } from '../../helpers/rbac.js';

type Json = Record<string, any>;

/** The HTTP answer to a WebSocket upgrade that the server refuses: status and JSON body. */
function refusedUpgrade(url: string, token: string, ca: string): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['v5.channel.k8s.io'], { ca, headers: { authorization: `Bearer ${token}` } });
    ws.on('open', () => {
      ws.close();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Json }));
    });
    ws.on('error', () => undefined);
  });
}

describe('authorizeRequest', () => {
  const env = useApiServer({ users: [{ name: 'dev', token: 'dev-token' }] });

  before(async () => {
    await createAll(env.server, [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box', namespace: 'default' }, spec: { containers: [{ name: 'main', image: 'busybox' }] } },
      role('pod-exec', 'default', [
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
      ]),
      binding('dev-pods', 'default', 'Role:pod-exec', ['User:dev']),
    ]);
  });

  it('should authorize before routing: 403 for the unauthorized, 404 for the authorized, even for things that do not exist', async () => {
    const as = (token: string | undefined, path: string): Promise<number> =>
      rawRequest(env.server, path, token === undefined ? {} : { auth: { token } }).then((r) => r.status);
    expect(await as('dev-token', '/api/v1/namespaces/default/pods/nope')).to.equal(404);
    expect(await as('dev-token', '/api/v1/namespaces/default/widgets')).to.equal(403);
    expect(await as(undefined, '/api/v1/namespaces/default/widgets')).to.equal(404);
  });

  it('should authorize watches as verb watch, before the stream starts', async () => {
    const allowed = await openStream(env.server, '/api/v1/namespaces/default/pods?watch=true', { auth: { token: 'dev-token' } });
    expect(allowed.status).to.equal(200);
    allowed.close();
    const denied = await rawRequest(env.server, '/api/v1/namespaces/default/configmaps?watch=true', { auth: { token: 'dev-token' } });
    expect(denied.json<Json>()['message']).to.equal('configmaps is forbidden: User "dev" cannot watch resource "configmaps" in API group "" in the namespace "default"');
  });

  it('should authorize a WebSocket exec as get pods/exec (the upgrade is a GET), and POST as create', async () => {
    const url = `${env.server.url.replace(/^https/, 'wss')}/api/v1/namespaces/default/pods/box/exec?command=true&stdout=true`;
    const refused = await refusedUpgrade(url, 'dev-token', env.server.caPem);
    expect(refused.status).to.equal(403);
    expect(refused.body['message']).to.equal('pods "box" is forbidden: User "dev" cannot get resource "pods/exec" in API group "" in the namespace "default"');
    const post = await rawRequest(env.server, '/api/v1/namespaces/default/pods/box/exec?command=true', { method: 'POST', auth: { token: 'dev-token' } });
    expect(post.json<Json>()['message'], 'allowed: the plain POST then needs an upgrade').to.equal('Upgrade request required');
  });

  it('should answer a bad token on an upgrade with 401', async () => {
    const url = `${env.server.url.replace(/^https/, 'wss')}/api/v1/namespaces/default/pods/box/exec?command=true&stdout=true`;
    const refused = await refusedUpgrade(url, 'wrong', env.server.caPem);
    expect(refused.status).to.equal(401);
  });

  it('should record who was refused', async () => {
    await rawRequest(env.server, '/api/v1/secrets', { auth: { token: 'dev-token' } });
    expect(env.server.hooks.requests().at(-1)).to.include({ user: 'dev', code: 403, path: '/api/v1/secrets' });
  });
});
