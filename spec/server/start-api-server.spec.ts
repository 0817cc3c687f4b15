import { expect } from 'chai';
import { parse } from 'yaml';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { Client } from '../../lib/client/client.js';
import { Config } from '../../lib/client/config/config.js';
import { startApiServer } from '../../lib/server/index.js';
import { rawRequest, useApiServer } from '../helpers/api-server.js';

describe('startApiServer', () => {
  const env = useApiServer();

  it('should serve HTTPS on an ephemeral loopback port', () => {
    expect(env.server.url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(env.server.caPem).to.contain('BEGIN CERTIFICATE');
  });

  it('should answer 401 with the exact Unauthorized Status for a credential that does not authenticate', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces', { auth: { token: 'wrong' } });
    expect(res.status).to.equal(401);
    expect(res.text.trim()).to.equal('{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}');
  });

  it('should take a request without a credential as system:anonymous, whom RBAC denies with 403', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces', { auth: 'none' });
    expect(res.status).to.equal(403);
    expect(res.text.trim()).to.equal(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"namespaces is forbidden: User \\"system:anonymous\\" cannot list resource \\"namespaces\\" in API group \\"\\" at the cluster scope","reason":"Forbidden","details":{"kind":"namespaces"},"code":403}',
    );
    expect(env.server.hooks.requests().at(-1)).to.include({ user: 'system:anonymous', code: 403 });
  });

  it('should answer 401 without a credential when anonymous auth is off', async () => {
    const server = await startApiServer({ anonymous: false });
    try {
      expect((await rawRequest(server, '/healthz', { auth: 'none' })).status).to.equal(401);
    } finally {
      await server.close();
    }
  });

  it('should answer 401 for a wrong bearer token', async () => {
    const res = await rawRequest(env.server, '/api', { auth: { token: 'nope' } });
    expect(res.status).to.equal(401);
  });

  it('should authenticate the admin client certificate', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces/default', { auth: 'certificate' });
    expect(res.status).to.equal(200);
    expect(env.server.hooks.requests().at(-1)).to.include({ user: 'admin', path: '/api/v1/namespaces/default' });
  });

  it('should map a certificate CN to the user name', async () => {
    const pair = await env.server.hooks.issueClientCertificate('alice', ['dev']);
    const { request } = await import('node:https');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(new URL('/version', env.server.url), { ca: env.server.caPem, cert: pair.certPem, key: pair.keyPem, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).to.equal(200);
    expect(env.server.hooks.requests().at(-1)).to.include({ user: 'alice' });
  });

  it('should accept extra tokens from the hooks', async () => {
    env.server.hooks.addToken('bob-token', 'bob');
    const res = await rawRequest(env.server, '/version', { auth: { token: 'bob-token' } });
    expect(res.status).to.equal(200);
    expect(env.server.hooks.requests().at(-1)).to.include({ user: 'bob' });
  });

  it('should write a kubeconfig with the CA, the server and the token', async () => {
    const config = parse(await readFile(env.server.kubeconfigPath, 'utf8')) as {
      clusters: { cluster: Record<string, string> }[];
      users: { user: Record<string, string> }[];
      'current-context': string;
    };
    expect(config.clusters[0]?.cluster['server']).to.equal(env.server.url);
    expect(Buffer.from(config.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString()).to.equal(env.server.caPem);
    expect(config.users[0]?.user['token']).to.equal(env.server.token);
    const cert = parse(env.server.kubeconfigFor('certificate')) as { users: { user: Record<string, string> }[] };
    expect(Buffer.from(cert.users[0]?.user['client-certificate-data'] ?? '', 'base64').toString()).to.equal(env.server.clientCertificate.certPem);
  });

  it('should create the default namespaces', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces');
    const names = res.json<{ items: { metadata: { name: string } }[] }>().items.map((n) => n.metadata.name);
    expect(names).to.include.members(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
  });

  it('should answer the plain-text 404 page for unknown paths, and a Status under built-in groups', async () => {
    for (const path of ['/nope', '/apis/example.com/v1/widgets']) {
      const res = await rawRequest(env.server, path);
      expect(res.status, path).to.equal(404);
      expect(res.text, path).to.equal('404 page not found\n');
      expect(res.headers['content-type']).to.equal('text/plain; charset=utf-8');
    }
    // Built-in group versions are go-restful route tables: a path they lack is a JSON 404 there.
    for (const path of ['/api/v1/nothings', '/api/v1/namespaces/default/nodes/x', '/apis/apps/v9/deployments']) {
      const res = await rawRequest(env.server, path);
      expect(res.status, path).to.equal(404);
      expect(res.json<Record<string, unknown>>()['message'], path).to.equal('the server could not find the requested resource');
    }
  });

  it('should answer /version with a semver gitVersion', async () => {
    const res = await rawRequest(env.server, '/version');
    expect(res.json()).to.include({ major: '1', minor: '32', gitVersion: 'v1.32.13' });
  });

  describe('users and kubeconfigAs', () => {
    const withUsers = useApiServer({ users: [{ name: 'alice', groups: ['devs'], token: 'alice-token', uid: 'a-1' }] });

    async function whoami(kubeconfig: string): Promise<Record<string, unknown>> {
      const client = new Client(await Config.fromKubeconfig(kubeconfig));
      try {
        const review = await client.requestJson<{ status: { userInfo: Record<string, unknown> } }>({
          method: 'POST',
          path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
          query: [],
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: '{}',
        });
        return review.status.userInfo;
      } finally {
        client.close();
      }
    }

    it('should authenticate a configured user by its token', async () => {
      expect((await rawRequest(withUsers.server, '/api', { auth: { token: 'alice-token' } })).status).to.equal(200);
      expect(await whoami(await withUsers.server.kubeconfigAs({ user: 'alice' }))).to.deep.equal({ username: 'alice', uid: 'a-1', groups: ['devs', 'system:authenticated'] });
    });

    it('should make a token for a user it was not given, and a client certificate on request', async () => {
      expect(await whoami(await withUsers.server.kubeconfigAs({ user: 'bob', groups: ['ops'] }))).to.deep.equal({ username: 'bob', groups: ['ops', 'system:authenticated'] });
      const cert = await whoami(await withUsers.server.kubeconfigAs({ user: 'carol', groups: ['qa', 'devs'], auth: 'certificate' }));
      expect(cert).to.deep.include({ username: 'carol', groups: ['qa', 'devs', 'system:authenticated'] });
    });

    it('should mint a ServiceAccount token, and refuse a ServiceAccount that does not exist', async () => {
      await rawRequest(withUsers.server, '/api/v1/namespaces/default/serviceaccounts', { method: 'POST', body: { metadata: { name: 'robot' } } });
      expect(await whoami(await withUsers.server.kubeconfigAs({ serviceAccount: 'robot', namespace: 'default' }))).to.deep.include({
        username: 'system:serviceaccount:default:robot',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
      });
      let error: unknown;
      try {
        await withUsers.server.kubeconfigAs({ serviceAccount: 'ghost', namespace: 'default' });
      } catch (e) {
        error = e;
      }
      expect((error as { status?: { message?: string } }).status?.message).to.equal('serviceaccounts "ghost" not found');
    });
  });

  describe('hooks.failNext', () => {
    it('should fail the next requests with 503 and then recover', async () => {
      env.server.hooks.failNext(2, undefined, { pathPrefix: '/api/v1/namespaces/default/configmaps' });
      const first = await rawRequest(env.server, '/api/v1/namespaces/default/configmaps');
      const second = await rawRequest(env.server, '/api/v1/namespaces/default/configmaps');
      const third = await rawRequest(env.server, '/api/v1/namespaces/default/configmaps');
      expect([first.status, second.status, third.status]).to.deep.equal([503, 503, 200]);
      expect(first.json()).to.include({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
    });

    it('should answer the given Status with Retry-After when it asks for one', async () => {
      env.server.hooks.failNext(1, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'TooManyRequests', message: 'slow down', code: 429, details: { retryAfterSeconds: 2 } });
      const res = await rawRequest(env.server, '/api/v1/namespaces');
      expect(res.status).to.equal(429);
      expect(res.headers['retry-after']).to.equal('2');
    });
  });

  describe('with auth: certificate', () => {
    it('should write a kubeconfig that authenticates with the admin certificate', async () => {
      const server = await startApiServer({ auth: 'certificate' });
      try {
        const user = (parse(server.kubeconfig) as { users: { user: Record<string, string> }[] }).users[0]?.user ?? {};
        expect(user).to.have.property('client-certificate-data');
        expect(user).to.not.have.property('token');
      } finally {
        await server.close();
      }
    });
  });

  describe('with tls: false', () => {
    it('should serve plain HTTP and still require a token', async () => {
      const server = await startApiServer({ tls: false });
      try {
        expect(server.url).to.match(/^http:\/\//);
        expect((await rawRequest(server, '/api', { auth: 'none' })).status).to.equal(403);
        expect((await rawRequest(server, '/api', { auth: { token: 'wrong' } })).status).to.equal(401);
        expect((await rawRequest(server, '/api')).status).to.equal(200);
        expect(parse(server.kubeconfig).clusters[0].cluster).to.not.have.property('certificate-authority-data');
      } finally {
        await server.close();
      }
    });
  });

  describe('close', () => {
    it('should remove the kubeconfig file and stop listening', async () => {
      const server = await startApiServer();
      const path = server.kubeconfigPath;
      await server.close();
      expect(existsSync(path)).to.equal(false);
      let failed = false;
      try {
        await rawRequest(server, '/version');
      } catch {
        failed = true;
      }
      expect(failed).to.equal(true);
    });
  });
});
