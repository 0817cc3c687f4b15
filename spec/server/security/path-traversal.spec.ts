// Security: a path is routed on its raw segments, so `..`, `.` and `%2e%2e` never reach another object.
// Expected answers were read from a real kube-apiserver 1.32.13 given the same request lines.
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { rawRequest, useApiServer, type RawResponse } from '../../helpers/api-server.js';
import { installCrdOn } from '../../helpers/install-crd.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

type Json = Record<string, unknown>;

const NS = '/api/v1/namespaces/scratch';
const CM = `${NS}/configmaps`;
const invalidName = (name: string, why: string): string => `Name parameter invalid: ${JSON.stringify(name)}: ${why}`;

describe('security: path traversal', function () {
  this.timeout(60_000);
  const env = useApiServer({ users: [{ name: 'dev', token: 'dev-token' }] });

  /** Sends the request line as written: no client-side resolution of `..` or `%2e%2e`. */
  const send = async (method: string, path: string, body?: unknown, contentType = 'application/json', token?: string): Promise<RawResponse> => {
    const res = await rawRequest(env.server, path, {
      method,
      pathAsIs: true,
      ...(body === undefined ? {} : { body }),
      headers: { 'content-type': contentType },
      ...(token === undefined ? {} : { auth: { token } }),
    });
    expect(res.status, `${method} ${path}: ${res.text.slice(0, 200)}`).to.be.below(500);
    return res;
  };
  const status = (res: RawResponse): [number, string] => [res.status, String(res.json<Json>()['message'])];
  const scratchIntact = async (): Promise<void> => {
    expect((await send('GET', NS)).json<{ status: { phase: string } }>().status.phase).to.equal('Active');
    expect((await send('GET', `${CM}/base`)).status).to.equal(200);
  };

  before(async () => {
    const create = async (path: string, body: unknown): Promise<void> => {
      const res = await rawRequest(env.server, path, { method: 'POST', body });
      expect(res.status, `${path}: ${res.text}`).to.equal(201);
    };
    await create('/api/v1/namespaces', { metadata: { name: 'scratch' } });
    await create(CM, { metadata: { name: 'base' }, data: { a: 'b' } });
    await create(`${NS}/secrets`, { metadata: { name: 'top-secret' }, stringData: { password: 'hunter2' } });
    await create(`${NS}/pods`, { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await create(`${NS}/serviceaccounts`, { metadata: { name: 'sa' } });
    await installCrdOn(env.server, widgetCrd());
    // dev may read and delete configmaps in scratch, and nothing else.
    await create("/apis/rbac.authorization.k8s.io/v1/namespaces/scratch/roles", { metadata: { name: 'cm' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'delete'] }] });
    await create("/apis/rbac.authorization.k8s.io/v1/namespaces/scratch/rolebindings", { metadata: { name: 'dev-cm' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm' }, subjects: [{ kind: 'User', name: 'dev' }] });
  });

  it('should refuse DELETE of configmaps/%2e%2e instead of deleting the namespace', async () => {
    for (const dots of ['%2e%2e', '%2E%2E', '.%2e', '..', '..%2f']) {
      expect(status(await send('DELETE', `${CM}/${dots}`))).to.deep.equal([400, invalidName('..', "may not be '..'")]);
    }
    expect(status(await send('DELETE', `${CM}/%2e`))).to.deep.equal([400, invalidName('.', "may not be '.'")]);
    await scratchIntact();
  });

  it('should not list secrets through configmaps/base/../../secrets', async () => {
    for (const path of [`${CM}/base/../../secrets`, `${CM}/base/%2e%2e/%2e%2e/secrets`, `${CM}/../secrets`]) {
      const res = await send('GET', path);
      expect(res.text, path).to.not.include('hunter2');
      expect(res.text, path).to.not.include('top-secret');
      expect(res.status, path).to.be.oneOf([400, 404]);
    }
    expect(status(await send('GET', `${CM}/base/../../secrets`))).to.deep.equal([404, 'the server could not find the requested resource']);
  });

  it('should refuse dot and percent names on every verb and subresource that looks an object up', async () => {
    const dots = invalidName('..', "may not be '..'");
    const cases: [string, string, unknown, string?][] = [
      ['GET', `${CM}/..`, undefined],
      ['GET', `${CM}/%2e%2e?watch=1`, undefined],
      ['PUT', `${CM}/..`, { metadata: { name: '..' } }],
      ['PATCH', `${CM}/..`, {}, 'application/merge-patch+json'],
      ['PATCH', `${CM}/..?fieldManager=m`, { apiVersion: 'v1', kind: 'ConfigMap' }, 'application/apply-patch+yaml'],
      ['GET', `${NS}/pods/../status`, undefined],
      ['GET', `${NS}/pods/../log`, undefined],
      ['POST', `${NS}/serviceaccounts/../token`, {}],
      ['PATCH', '/apis/apps/v1/namespaces/scratch/deployments/../scale', { spec: { replicas: 1 } }, 'application/merge-patch+json'],
      ['GET', '/api/v1/nodes/..', undefined],
      ['GET', '/api/v1/namespaces/..', undefined],
      ['DELETE', '/api/v1/namespaces/%2e%2e', undefined],
      ['GET', '/apis/example.com/v1/namespaces/scratch/widgets/..', undefined],
    ];
    for (const [method, path, body, contentType] of cases) {
      expect(status(await send(method, path, body, contentType)), `${method} ${path}`).to.deep.equal([400, dots]);
    }
    expect(status(await send('GET', `${CM}/a%25b`))).to.deep.equal([400, invalidName('a%b', "may not contain '%'")]);
    // The body is decoded before the name is looked at, as kube-apiserver does.
    expect(status(await send('PUT', `${CM}/..`, '{'))[1]).to.match(/^the object provided is unrecognized/);
    // PUT needs the name in the body first: a Scale has none here.
    expect(status(await send('PUT', '/apis/apps/v1/namespaces/scratch/deployments/../scale', { spec: { replicas: 1 } }))).to.deep.equal([
      400,
      'the name of the object (.. based on URL) was undeterminable: name must be provided',
    ]);
    await scratchIntact();
  });

  it('should refuse a dot pod name on the exec WebSocket too', async () => {
    // A WebSocket client would resolve %2e%2e in its URL: send the upgrade by hand.
    const url = new URL(env.server.url);
    const code = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest({
        hostname: url.hostname,
        port: url.port,
        path: `${NS}/pods/%2e%2e/exec?command=ls&stdout=true`,
        ca: env.server.caPem,
        headers: {
          authorization: `Bearer ${env.server.token}`,
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': randomBytes(16).toString('base64'),
          'sec-websocket-protocol': 'v5.channel.k8s.io',
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('upgrade', (_res, socket) => {
        socket.destroy();
        reject(new Error('the upgrade was accepted'));
      });
      req.on('error', reject);
      req.end();
    });
    expect(code).to.equal(400);
  });

  it('should keep names with other dots, escapes and #, as names', async () => {
    expect(status(await send('GET', `${CM}/a..b`))).to.deep.equal([404, 'configmaps "a..b" not found']);
    expect(status(await send('GET', `${CM}/...`))).to.deep.equal([404, 'configmaps "..." not found']);
    expect(status(await send('GET', `${CM}/base%00`))).to.deep.equal([404, 'configmaps "base\\x00" not found']);
    expect(status(await send('GET', `${CM}/base#frag`))).to.deep.equal([404, 'configmaps "base#frag" not found']);
    expect((await send('GET', `${CM}/b%61se`)).status).to.equal(200);
    // %2F is a separator once decoded, as in Go: configmaps/a/b is a subresource nobody serves.
    expect(status(await send('GET', `${CM}/a%2fb`))).to.deep.equal([404, 'the server could not find the requested resource']);
  });

  it('should answer a malformed escape as Go does, before anything else', async () => {
    for (const path of [`${CM}/%`, `${CM}/base%2`, `${CM}/%zz`]) {
      const res = await send('GET', path);
      expect([res.status, res.text], path).to.deep.equal([400, '400 Bad Request']);
    }
  });

  it('should route and authorize the same segments: an empty namespace is cluster scope', async () => {
    // dev may list configmaps in scratch only.
    expect((await send('GET', CM, undefined, undefined, 'dev-token')).status).to.equal(200);
    const all = await send('GET', '/api/v1/namespaces//configmaps', undefined, undefined, 'dev-token');
    expect(status(all)).to.deep.equal([403, 'configmaps is forbidden: User "dev" cannot list resource "configmaps" in API group "" at the cluster scope']);
    const traversal = await send('GET', `${CM}/base/../../secrets`, undefined, undefined, 'dev-token');
    expect(traversal.status).to.equal(403);
    expect(traversal.text).to.not.include('hunter2');
    const deleteNamespace = await send('DELETE', `${CM}/%2e%2e`, undefined, undefined, 'dev-token');
    expect(status(deleteNamespace)).to.deep.equal([400, invalidName('..', "may not be '..'")]);
    await scratchIntact();
    // The admin lists across namespaces; named access needs a namespace.
    expect((await send('GET', '/api/v1/namespaces//configmaps')).json<{ items: unknown[] }>().items.length).to.be.above(0);
    expect(status(await send('GET', '/api/v1/namespaces//configmaps/base'))).to.deep.equal([400, 'Namespace parameter required.']);
    expect(status(await send('DELETE', '/api/v1/namespaces//configmaps'))).to.deep.equal([400, 'Namespace parameter required.']);
    expect(status(await send('POST', '/api/v1/namespaces//configmaps', { metadata: { name: 'zz' } }))).to.deep.equal([422, 'ConfigMap "zz" is invalid: metadata.namespace: Required value']);
  });
});
