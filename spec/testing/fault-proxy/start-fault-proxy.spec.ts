// The fault proxy in front of an API server (here the embedded one): pass-through, and every fault.
import { expect } from 'chai';
import { failureStatus } from '../../../lib/core/status.js';
import { startApiServer, type ApiServer } from '../../../lib/server/index.js';
import { startFaultProxy, type FaultProxy } from '../../../lib/testing/index.js';
import { openStream, rawRequest, type RequestTarget } from '../../helpers/api-server.js';

describe('startFaultProxy', function () {
  this.timeout(20_000);
  let server: ApiServer;
  let proxy: FaultProxy;
  let through: RequestTarget;

  before(async () => {
    server = await startApiServer({ controllers: false });
    proxy = await startFaultProxy({ target: server.url, targetCaPem: server.caPem, token: server.token });
    through = { url: proxy.url, caPem: proxy.caPem, token: server.token, clientCertificate: server.clientCertificate };
  });
  after(async () => {
    await proxy.close();
    await server.close();
  });
  beforeEach(() => proxy.clearRequests());

  it('should pass requests and answers through unchanged, and record them without credentials', async () => {
    const created = await rawRequest(through, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: { metadata: { name: 'passed' }, data: { a: 'b' } } });
    expect(created.status).to.equal(201);
    const direct = await rawRequest(server, '/api/v1/namespaces/default/configmaps/passed');
    expect(direct.json()).to.deep.equal((await rawRequest(through, '/api/v1/namespaces/default/configmaps/passed')).json());
    expect(proxy.requests().map((r) => `${r.method} ${r.path} ${r.code}`)).to.deep.equal([
      'POST /api/v1/namespaces/default/configmaps 201',
      'GET /api/v1/namespaces/default/configmaps/passed 200',
    ]);
    expect(JSON.stringify(proxy.requests())).to.not.contain(server.token);
  });

  it('should pass a client certificate on as the admin impersonating its user and groups', async () => {
    const certificate = await server.hooks.issueClientCertificate('alice', ['team-a', 'system:masters']);
    const review = await rawRequest({ ...through, clientCertificate: certificate }, '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      method: 'POST',
      auth: 'certificate',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    expect(review.status, review.text).to.equal(201);
    const user = review.json<{ status: { userInfo: { username: string; groups: string[] } } }>().status.userInfo;
    expect(user.username).to.equal('alice');
    expect(user.groups).to.include.members(['team-a', 'system:masters']);
  });

  it('should answer the next matching requests with an injected Status, then pass again', async () => {
    proxy.failNext(2, failureStatus(500, 'InternalError', 'injected'), { method: 'GET', pathPrefix: '/api/v1/namespaces/default/' });
    expect((await rawRequest(through, '/api/v1/namespaces')).status, 'not matched').to.equal(200);
    expect((await rawRequest(through, '/api/v1/namespaces/default/configmaps')).json()).to.include({ code: 500, message: 'injected' });
    expect((await rawRequest(through, '/api/v1/namespaces/default/configmaps')).status).to.equal(500);
    expect((await rawRequest(through, '/api/v1/namespaces/default/configmaps')).status).to.equal(200);
    expect(proxy.requests().filter((r) => r.injected)).to.have.length(2);
  });

  it('should cut open watches, cleanly or abruptly, and count them', async () => {
    const started = proxy.nextWatch('/configmaps?');
    const stream = await openStream(through, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0');
    await started;
    expect(proxy.activeWatches()).to.equal(1);
    proxy.cutWatches();
    expect(proxy.activeWatches()).to.equal(0);
    await stream.ended();
    const abrupt = await openStream(through, '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0');
    proxy.cutWatches({ abrupt: true });
    await abrupt.ended();
    expect(proxy.activeWatches()).to.equal(0);
  });

  it('should expire older resourceVersions: an in-band 410 for watches, a 410 for old continue tokens', async () => {
    for (const name of ['e1', 'e2', 'e3']) await rawRequest(through, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: { metadata: { name } } });
    const page = (await rawRequest(through, '/api/v1/namespaces/default/configmaps?limit=1')).json<{ metadata: { continue: string; resourceVersion: string } }>();
    const old = Number(page.metadata.resourceVersion);
    await rawRequest(through, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: { metadata: { name: 'e4' } } });
    await proxy.expire();
    const expired = await openStream(through, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${old}`);
    const event = await expired.next<{ type: string; object: { code: number; reason: string } }>();
    expect(event.type).to.equal('ERROR');
    expect(event.object).to.include({ code: 410, reason: 'Expired' });
    const continued = await rawRequest(through, `/api/v1/namespaces/default/configmaps?limit=1&continue=${encodeURIComponent(page.metadata.continue)}`);
    expect(continued.status).to.equal(410);
    const current = (await rawRequest(through, '/api/v1/namespaces/default/configmaps')).json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    const fresh = await openStream(through, `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${current}`);
    expect(fresh.status, 'the current revision still serves').to.equal(200);
    proxy.cutWatches();
    await fresh.ended();
  });

  it('should hold stalled requests unanswered until released', async () => {
    const stall = proxy.stall({ pathPrefix: '/api/v1/namespaces/default/secrets' });
    let settled = false;
    const held = rawRequest(through, '/api/v1/namespaces/default/secrets').then(
      () => (settled = true),
      () => (settled = true),
    );
    expect((await rawRequest(through, '/api/v1/namespaces/default/configmaps')).status, 'others pass').to.equal(200);
    expect(settled).to.equal(false);
    stall.release();
    await held;
    expect(settled).to.equal(true);
    expect((await rawRequest(through, '/api/v1/namespaces/default/secrets')).status, 'released: passes again').to.equal(200);
  });
});
