// Specs of the Client: what goes on the wire, errors, retries with Retry-After, 401 refresh, aborts.
import { expect } from 'chai';
import sinon from 'sinon';
import { ApiError, isApiError } from '../../lib/core/errors/api-error.js';
import type { HttpRequest } from '../../lib/core/request/http-request.js';
import { failureStatus } from '../../lib/core/status.js';
import type { Authenticator } from '../../lib/client/auth/authenticator.js';
import { Client } from '../../lib/client/client.js';
import { ConfigError } from '../../lib/client/config/config-error.js';
import { ClientError, isClientError } from '../../lib/client/errors/client-error.js';
import type { Sleep } from '../../lib/client/http/sleep.js';
import { KUBE_RX_VERSION } from '../../lib/client/version.js';
import { fakeFetch, headerValues, initOf, json, streamed, text, urlOf, type FetchStub } from '../helpers/fake-fetch.js';

const GET: HttpRequest = { method: 'GET', path: '/api/v1/namespaces/default/pods/web', query: [], headers: { accept: 'application/json' } };
const POST: HttpRequest = { method: 'POST', path: '/api/v1/namespaces/default/configmaps', query: [], headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' };
const PUT: HttpRequest = { ...POST, method: 'PUT', path: '/api/v1/namespaces/default/configmaps/a' };
const DELETE: HttpRequest = { ...GET, method: 'DELETE' };
const MERGE: HttpRequest = { ...PUT, method: 'PATCH', headers: { accept: 'application/json', 'content-type': 'application/merge-patch+json' } };
const APPLY: HttpRequest = { ...PUT, method: 'PATCH', headers: { accept: 'application/json', 'content-type': 'application/apply-patch+yaml' } };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('Client', () => {
  let fetch: FetchStub;
  let sleep: sinon.SinonStub<Parameters<Sleep>, ReturnType<Sleep>>;
  let client: Client;

  beforeEach(() => {
    fetch = fakeFetch();
    sleep = sinon.stub<Parameters<Sleep>, ReturnType<Sleep>>().resolves();
    client = new Client({ baseUrl: 'https://k8s.test:6443', fetch, sleep, random: () => 0.999 });
  });

  describe('send', () => {
    it('should send the method, the canonical URL, the body and the request headers', async () => {
      fetch.resolves(json(201, { kind: 'ConfigMap' }));
      await client.requestJson({ ...POST, query: [['dryRun', 'All'], ['fieldManager', 'me']] });
      expect(urlOf(fetch)).to.equal('https://k8s.test:6443/api/v1/namespaces/default/configmaps?dryRun=All&fieldManager=me');
      expect(initOf(fetch).method).to.equal('POST');
      expect(initOf(fetch).body).to.equal('{}');
      expect(headerValues(fetch, 'content-type')).to.deep.equal(['application/json']);
      expect(headerValues(fetch, 'accept')).to.deep.equal(['application/json']);
    });

    it('should identify itself as kube-rx/<version>', async () => {
      fetch.resolves(json(200, {}));
      await client.requestJson(GET);
      expect(headerValues(fetch, 'user-agent')).to.deep.equal([`kube-rx/${KUBE_RX_VERSION}`]);
    });

    it('should keep a path prefix of the base URL (Rancher-style proxies)', async () => {
      client = new Client({ baseUrl: 'https://rancher.test/k8s/clusters/c-1/', fetch });
      fetch.resolves(json(200, {}));
      await client.requestJson(GET);
      expect(urlOf(fetch)).to.equal('https://rancher.test/k8s/clusters/c-1/api/v1/namespaces/default/pods/web');
    });

    it('should pass a keep-alive agent, the same one for every request', async () => {
      fetch.callsFake(() => Promise.resolve(json(200, {})));
      await client.requestJson(GET);
      await client.requestJson(GET);
      const agent = initOf(fetch, 0).agent as { keepAlive?: boolean };
      expect(agent).to.not.equal(undefined);
      expect(agent.keepAlive).to.equal(true);
      expect(initOf(fetch, 1).agent).to.equal(agent);
    });

    it('should switch to a new agent when an exec plugin hands out a new client certificate', async () => {
      const certificates = [{ cert: 'A', key: 'a' }, { cert: 'A', key: 'a' }, { cert: 'B', key: 'b' }];
      let n = 0;
      client = new Client({
        baseUrl: 'https://k8s.test',
        fetch,
        authenticator: { credentials: () => Promise.resolve({ headers: [], certificate: certificates[n++] ?? { cert: 'B', key: 'b' } }), refresh: () => Promise.resolve(false) },
      });
      fetch.callsFake(() => Promise.resolve(json(200, {})));
      for (let i = 0; i < 3; i++) await client.requestJson(GET);
      const agents = [0, 1, 2].map((i) => initOf(fetch, i).agent as { options: { cert?: string } });
      expect(agents[1]).to.equal(agents[0]);
      expect(agents[2]).to.not.equal(agents[0]);
      expect(agents.map((a) => a.options.cert)).to.deep.equal(['A', 'A', 'B']);
    });

    it('should send every impersonation header, repeating Impersonate-Group and Impersonate-Extra-* per value', async () => {
      client = new Client({
        baseUrl: 'https://k8s.test',
        fetch,
        impersonate: { user: 'jane', groups: ['dev', 'ops,admins'], uid: '42', extra: { scopes: ['view', 'edit'], 'acme.com/project': ['x'] } },
      });
      fetch.resolves(json(200, {}));
      await client.requestJson(GET);
      expect(headerValues(fetch, 'Impersonate-User')).to.deep.equal(['jane']);
      expect(headerValues(fetch, 'Impersonate-Group')).to.deep.equal(['dev', 'ops,admins']);
      expect(headerValues(fetch, 'Impersonate-Uid')).to.deep.equal(['42']);
      expect(headerValues(fetch, 'Impersonate-Extra-scopes')).to.deep.equal(['view', 'edit']);
      expect(headerValues(fetch, 'Impersonate-Extra-acme.com%2Fproject')).to.deep.equal(['x']);
    });

    it('should ask the authenticator before every attempt', async () => {
      const credentials = sinon.stub<[], ReturnType<Authenticator['credentials']>>();
      credentials.onCall(0).resolves({ headers: [['Authorization', 'Bearer one']] });
      credentials.onCall(1).resolves({ headers: [['Authorization', 'Bearer two']] });
      client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep, authenticator: { credentials, refresh: () => Promise.resolve(false) } });
      fetch.onCall(0).resolves(text(503, 'busy'));
      fetch.onCall(1).resolves(json(200, {}));
      await client.requestJson(GET);
      expect(headerValues(fetch, 'authorization', 0)).to.deep.equal(['Bearer one']);
      expect(headerValues(fetch, 'authorization', 1)).to.deep.equal(['Bearer two']);
    });
  });

  describe('requestJson', () => {
    it('should resolve the parsed body', async () => {
      fetch.resolves(json(200, { kind: 'Pod', metadata: { name: 'web' } }));
      expect(await client.requestJson(GET)).to.deep.equal({ kind: 'Pod', metadata: { name: 'web' } });
    });

    it('should reject with ApiError carrying the server Status', async () => {
      const status = failureStatus(404, 'NotFound', 'pods "web" not found', { name: 'web', kind: 'pods' });
      fetch.resolves(json(404, status));
      const error = await rejection(client.requestJson(GET));
      expect(isApiError(error)).to.equal(true);
      expect((error as ApiError).status).to.deep.equal(status);
      expect((error as ApiError).isNotFound()).to.equal(true);
      expect((error as ApiError).message).to.contain('pods "web" not found').and.contain('GET /api/v1/namespaces/default/pods/web');
    });

    it('should turn a plain-text error body into a Status with the HTTP code (404 page not found)', async () => {
      fetch.resolves(text(404, '404 page not found\n'));
      const error = (await rejection(client.requestJson(GET))) as ApiError;
      expect(error).to.be.instanceOf(ApiError);
      expect(error.code).to.equal(404);
      expect(error.isNotFound()).to.equal(true);
      expect(error.status.message).to.equal('404 page not found');
    });

    it('should keep the Retry-After of a plain-text 429 once retries are exhausted', async () => {
      client = new Client({ baseUrl: 'https://k8s.test', fetch, retry: false });
      fetch.resolves(text(429, 'Too many requests, please try again later.', { 'retry-after': '1' }));
      const error = (await rejection(client.requestJson(GET))) as ApiError;
      expect(error.isTooManyRequests()).to.equal(true);
      expect(error.retryAfterSeconds).to.equal(1);
    });

    it('should reject with ClientError BodyDecodeFailed when a 2xx body is not JSON', async () => {
      fetch.resolves(text(200, '<html>proxy login</html>'));
      const error = await rejection(client.requestJson(GET));
      expect(isClientError(error) && error.reason).to.equal('BodyDecodeFailed');
    });

    it('should never put a credential from an error body into the message', async () => {
      client = new Client({ baseUrl: 'https://k8s.test', fetch, authenticator: { credentials: () => Promise.resolve({ headers: [['Authorization', 'Bearer s3cr3t.t0k3n']] }), refresh: () => Promise.resolve(false) } });
      fetch.resolves(text(400, 'bad header Authorization: Bearer s3cr3t.t0k3n'));
      const error = (await rejection(client.requestJson(GET))) as Error;
      expect(error.message).to.not.contain('s3cr3t');
    });
  });

  describe('retries', () => {
    for (const [request, name] of [
      [GET, 'GET'],
      [PUT, 'PUT'],
      [DELETE, 'DELETE'],
      [APPLY, 'an apply PATCH'],
    ] as const) {
      for (const code of [429, 503, 504]) {
        it(`should retry ${name} answered ${code}`, async () => {
          fetch.onCall(0).resolves(text(code, 'not now'));
          fetch.onCall(1).resolves(json(200, { ok: true }));
          expect(await client.requestJson(request)).to.deep.equal({ ok: true });
          expect(fetch.callCount).to.equal(2);
          expect(sleep.callCount).to.equal(1);
        });
      }
    }

    it('should never retry a POST (a create that timed out may have created)', async () => {
      fetch.resolves(text(503, 'unavailable'));
      const error = (await rejection(client.requestJson(POST))) as ApiError;
      expect(error.code).to.equal(503);
      expect(fetch.callCount).to.equal(1);
    });

    it('should retry a merge PATCH on 429 only (it may not be idempotent)', async () => {
      fetch.onCall(0).resolves(text(429, 'slow down'));
      fetch.onCall(1).resolves(text(504, 'timeout'));
      const error = (await rejection(client.requestJson(MERGE))) as ApiError;
      expect(error.code).to.equal(504);
      expect(fetch.callCount).to.equal(2);
    });

    it('should not retry other failures (500, 409, 404)', async () => {
      for (const code of [500, 409, 404]) {
        fetch.resetHistory();
        fetch.resolves(json(code, failureStatus(code, '', 'no')));
        await rejection(client.requestJson(GET));
        expect(fetch.callCount, String(code)).to.equal(1);
      }
    });

    it('should wait at least Retry-After seconds', async () => {
      client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep, retry: { jitter: false } });
      fetch.onCall(0).resolves(text(429, 'Too many requests', { 'retry-after': '3' }));
      fetch.onCall(1).resolves(json(200, {}));
      await client.requestJson(GET);
      expect(sleep.firstCall.args[0]).to.equal(3000);
    });

    it('should honour a Retry-After given as an HTTP date', async () => {
      client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep, retry: { jitter: false } });
      const date = new Date(Date.now() + 10_000).toUTCString();
      fetch.onCall(0).resolves(text(503, 'busy', { 'retry-after': date }));
      fetch.onCall(1).resolves(json(200, {}));
      await client.requestJson(GET);
      expect(sleep.firstCall.args[0]).to.be.within(8000, 10_000);
    });

    it('should back off exponentially from initialDelayMs, capped at maxDelayMs', async () => {
      client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep, retry: { jitter: false, initialDelayMs: 100, maxDelayMs: 500, maxRetries: 5 } });
      fetch.callsFake(() => Promise.resolve(text(503, 'busy')));
      await rejection(client.requestJson(GET));
      expect(sleep.getCalls().map((call) => call.args[0])).to.deep.equal([100, 200, 400, 500, 500]);
      expect(fetch.callCount).to.equal(6);
    });

    it('should jitter each wait to between half and all of the backoff', async () => {
      client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep, random: () => 0, retry: { initialDelayMs: 1000, maxRetries: 1 } });
      fetch.onCall(0).resolves(text(503, 'busy'));
      fetch.onCall(1).resolves(json(200, {}));
      await client.requestJson(GET);
      expect(sleep.firstCall.args[0]).to.equal(500);
    });

    it('should give up with the ApiError after maxRetries', async () => {
      client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep, retry: { maxRetries: 2 } });
      fetch.callsFake(() => Promise.resolve(text(504, 'gateway timeout')));
      const error = (await rejection(client.requestJson(GET))) as ApiError;
      expect(error.code).to.equal(504);
      expect(fetch.callCount).to.equal(3);
    });

    it('should not wait out a Retry-After longer than maxDelayMs', async () => {
      client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep, retry: { maxDelayMs: 5000 } });
      fetch.resolves(text(429, 'Too many requests', { 'retry-after': '60' }));
      const error = (await rejection(client.requestJson(GET))) as ApiError;
      expect(error.code).to.equal(429);
      expect(sleep.callCount).to.equal(0);
    });

    it('should not retry at all with retry: false', async () => {
      client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep, retry: false });
      fetch.resolves(text(503, 'busy'));
      await rejection(client.requestJson(GET));
      expect(fetch.callCount).to.equal(1);
    });

    it('should stop waiting and reject Aborted when the signal aborts during a retry wait', async () => {
      const controller = new AbortController();
      client = new Client({
        baseUrl: 'https://k8s.test',
        fetch,
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => reject(signal.reason as Error));
            controller.abort();
          }),
      });
      fetch.resolves(text(503, 'busy'));
      const error = await rejection(client.requestJson(GET, { signal: controller.signal }));
      expect(isClientError(error) && error.reason).to.equal('Aborted');
      expect(fetch.callCount).to.equal(1);
    });
  });

  describe('401 refresh', () => {
    it('should refresh a refreshable credential once and send the request again', async () => {
      let token = 'old';
      const refresh = sinon.stub<[], Promise<boolean>>().callsFake(() => {
        token = 'new';
        return Promise.resolve(true);
      });
      client = new Client({ baseUrl: 'https://k8s.test', fetch, authenticator: { credentials: () => Promise.resolve({ headers: [['Authorization', `Bearer ${token}`]] }), refresh } });
      fetch.onCall(0).resolves(json(401, failureStatus(401, 'Unauthorized', 'Unauthorized')));
      fetch.onCall(1).resolves(json(200, { ok: 1 }));
      expect(await client.requestJson(POST)).to.deep.equal({ ok: 1 });
      expect(headerValues(fetch, 'authorization', 1)).to.deep.equal(['Bearer new']);
      expect(refresh.callCount).to.equal(1);
    });

    it('should reject with the 401 when the credential is still refused after one refresh', async () => {
      client = new Client({ baseUrl: 'https://k8s.test', fetch, authenticator: { credentials: () => Promise.resolve({ headers: [] }), refresh: () => Promise.resolve(true) } });
      fetch.callsFake(() => Promise.resolve(json(401, failureStatus(401, 'Unauthorized', 'Unauthorized'))));
      const error = (await rejection(client.requestJson(GET))) as ApiError;
      expect(error.isUnauthorized()).to.equal(true);
      expect(fetch.callCount).to.equal(2);
    });

    it('should not resend when the credential cannot be refreshed', async () => {
      fetch.resolves(json(401, failureStatus(401, 'Unauthorized', 'Unauthorized')));
      await rejection(client.requestJson(GET));
      expect(fetch.callCount).to.equal(1);
    });
  });

  describe('transport errors', () => {
    const cases: [string, unknown, string][] = [
      ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' }), 'ConnectFailed'],
      ['an unknown host (undici style, code in cause)', Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo ENOTFOUND k8s.test'), { code: 'ENOTFOUND' }) }), 'ConnectFailed'],
      ['an untrusted certificate', Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'TlsFailed'],
      ['a wrong host name in the certificate', Object.assign(new Error("Hostname/IP does not match certificate's altnames"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'TlsFailed'],
      ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'ConnectionReset'],
      ['a connect timeout', Object.assign(new Error('no connection after 30000 ms'), { code: 'KUBE_RX_CONNECT_TIMEOUT' }), 'ConnectTimeout'],
      ['a refused proxy tunnel', Object.assign(new Error('proxy refused CONNECT'), { code: 'KUBE_RX_PROXY_FAILED' }), 'ProxyFailed'],
      ['something else', new Error('boom'), 'RequestFailed'],
    ];
    for (const [what, thrown, reason] of cases) {
      it(`should reject with ClientError ${reason} for ${what}`, async () => {
        fetch.rejects(thrown);
        const error = (await rejection(client.requestJson(GET))) as ClientError;
        expect(error).to.be.instanceOf(ClientError);
        expect(error.reason).to.equal(reason);
        expect(error.cause).to.equal(thrown);
        expect(error.message).to.contain('GET https://k8s.test:6443/api/v1/namespaces/default/pods/web');
      });
    }

    it('should reject Aborted without sending when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(client.requestJson(GET, { signal: controller.signal }));
      expect(isClientError(error) && error.reason).to.equal('Aborted');
      expect(fetch.callCount).to.equal(0);
    });

    it('should pass a signal that follows the caller\'s to fetch and reject Aborted when it fires mid-request', async () => {
      const controller = new AbortController();
      let abortedInFetch: boolean | undefined;
      fetch.callsFake((_url, init) => {
        controller.abort();
        abortedInFetch = init.signal?.aborted;
        return Promise.reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError', signal: init.signal }));
      });
      const error = await rejection(client.requestJson(GET, { signal: controller.signal }));
      expect(isClientError(error) && error.reason).to.equal('Aborted');
      expect(abortedInFetch, 'the signal fetch got aborted with the caller\'s').to.equal(true);
    });
  });

  describe('warnings', () => {
    const warned = (header: string) => json(200, {}, { warning: header });

    it('should hand each server warning to onWarning and warnings$, with the request it answered', async () => {
      const seen: unknown[] = [];
      const streamed: unknown[] = [];
      client = new Client({ baseUrl: 'https://k8s.test', fetch, onWarning: (w) => seen.push(w) });
      client.warnings$.subscribe((w) => streamed.push(w));
      fetch.resolves(warned('299 - "unknown field \\"spec.nots\\"", 299 - "v1beta1 is deprecated"'));
      await client.requestJson(POST);
      const expected = [
        { code: 299, agent: '-', text: 'unknown field "spec.nots"', request: { method: 'POST', path: POST.path } },
        { code: 299, agent: '-', text: 'v1beta1 is deprecated', request: { method: 'POST', path: POST.path } },
      ];
      expect(seen).to.deep.equal(expected);
      expect(streamed).to.deep.equal(expected);
    });

    it('should log each distinct warning once by default, through process.emitWarning', async () => {
      const emit = sinon.stub(process, 'emitWarning');
      try {
        client = new Client({ baseUrl: 'https://k8s.test', fetch });
        fetch.callsFake(() => Promise.resolve(warned('299 - "unknown field \\"spec.nots\\""')));
        await client.requestJson(POST);
        await client.requestJson(POST);
        fetch.callsFake(() => Promise.resolve(warned('299 - "another"')));
        await client.requestJson(POST);
      } finally {
        emit.restore();
      }
      expect(emit.args).to.deep.equal([
        ['unknown field "spec.nots"', 'KubernetesWarning'],
        ['another', 'KubernetesWarning'],
      ]);
    });

    it('should not log with onWarning: false, but still emit on warnings$', async () => {
      const emit = sinon.stub(process, 'emitWarning');
      const streamed: unknown[] = [];
      try {
        client = new Client({ baseUrl: 'https://k8s.test', fetch, onWarning: false });
        client.warnings$.subscribe((w) => streamed.push(w));
        fetch.resolves(warned('299 - "quiet"'));
        await client.requestJson(POST);
      } finally {
        emit.restore();
      }
      expect(emit.callCount).to.equal(0);
      expect(streamed).to.have.length(1);
    });
  });

  describe('options', () => {
    it('should refuse a retry policy that would retry at once (NaN delay) or never stop', () => {
      expect(() => new Client({ baseUrl: 'https://k8s.test', fetch, retry: { initialDelayMs: Number.NaN } })).to.throw(ConfigError, 'retry.initialDelayMs: must be a number of milliseconds >= 0, got NaN');
      expect(() => new Client({ baseUrl: 'https://k8s.test', fetch, retry: { maxRetries: Number.POSITIVE_INFINITY } })).to.throw(ConfigError, 'retry.maxRetries');
      expect(() => new Client({ baseUrl: 'https://k8s.test', fetch, retry: false })).to.not.throw();
    });
  });

  describe('request timeout', () => {
    let clock: sinon.SinonFakeTimers;
    /** A fetch that never answers, but rejects with an AbortError when its signal aborts, as real ones do. */
    const hanging = (_url: string, init: { signal?: AbortSignal }) =>
      new Promise<never>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })));
      });

    beforeEach(() => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => clock.restore());

    it('should reject a request that gets no answer with a ClientError Timeout after requestTimeoutMs', async () => {
      client = new Client({ baseUrl: 'https://k8s.test:6443', fetch, sleep, requestTimeoutMs: 1000 });
      fetch.callsFake(hanging);
      let settled = false;
      const pending = rejection(client.requestJson(GET)).finally(() => (settled = true));
      await clock.tickAsync(999);
      expect(settled, 'still waiting at 999 ms').to.equal(false);
      await clock.tickAsync(1);
      const error = await pending;
      expect(isClientError(error) && [error.reason, error.responseStarted]).to.deep.equal(['Timeout', false]);
      expect((error as Error).message).to.contain('1000 ms').and.contain('GET https://k8s.test:6443/api/v1/namespaces/default/pods/web');
    });

    it('should bound the body too: an answer whose body stalls times out with responseStarted', async () => {
      client = new Client({ baseUrl: 'https://k8s.test:6443', fetch, sleep, requestTimeoutMs: 1000 });
      const body = streamed();
      fetch.callsFake(body.respond);
      const pending = rejection(client.requestJson(GET));
      body.push('{"kind":');
      await clock.tickAsync(1000);
      const error = await pending;
      expect(isClientError(error) && [error.reason, error.responseStarted]).to.deep.equal(['Timeout', true]);
    });

    it('should default to 295 s, kube-rs\'s read timeout', async () => {
      fetch.callsFake(hanging);
      let settled = false;
      const pending = rejection(client.requestJson(GET)).finally(() => (settled = true));
      await clock.tickAsync(294_999);
      expect(settled).to.equal(false);
      await clock.tickAsync(1);
      expect(isClientError(await pending) && 'Timeout').to.equal('Timeout');
    });

    it('should still say Aborted when the caller\'s signal fires first', async () => {
      client = new Client({ baseUrl: 'https://k8s.test:6443', fetch, sleep, requestTimeoutMs: 1000 });
      fetch.callsFake(hanging);
      const controller = new AbortController();
      const pending = rejection(client.requestJson(GET, { signal: controller.signal }));
      await clock.tickAsync(10);
      controller.abort();
      expect(isClientError(await pending) && (await pending as ClientError).reason).to.equal('Aborted');
    });

    it('should leave no timer behind once the request is done', async () => {
      fetch.resolves(json(200, {}));
      await client.requestJson(GET);
      expect(clock.countTimers()).to.equal(0);
    });

    it('should have no deadline with requestTimeoutMs 0', async () => {
      client = new Client({ baseUrl: 'https://k8s.test:6443', fetch, sleep, requestTimeoutMs: 0 });
      fetch.callsFake(hanging);
      void client.requestJson(GET).catch(() => undefined);
      await clock.tickAsync(0);
      expect(clock.countTimers()).to.equal(0);
    });
  });
});
