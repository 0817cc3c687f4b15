import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defer, filter, firstValueFrom, map, mergeMap, Observable, Subject, take } from 'rxjs';
import { allowed, denied, patched, type AdmissionResponse } from '../../lib/core/index.js';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { admissionRoute, conversionRoute } from '../../lib/webhook/webhook-route.js';
import { convertEach } from '../../lib/webhook/serve-conversion.js';
import { startWebhookServer, type WebhookServer } from '../../lib/webhook/start-webhook-server.js';
import { createWebhookCertificates } from '../../lib/webhook/certificates/webhook-certificates.js';

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly fingerprint: string;
}

function send(server: WebhookServer, path: string, options: { method?: string; body?: string; headers?: Record<string, string>; ca?: string } = {}): Promise<Answer> {
  const ca = options.ca ?? Buffer.from(server.caBundle ?? '', 'base64').toString('utf8');
  const url = new URL(server.url);
  const init: RequestOptions = { host: url.hostname, port: url.port, path, method: options.method ?? 'POST', ca, agent: false, headers: { 'content-type': 'application/json', ...options.headers } };
  return new Promise((resolve, reject) => {
    const req = request(init, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, fingerprint: new X509Certificate((res.socket as TLSSocket).getPeerX509Certificate()?.raw ?? Buffer.alloc(0)).fingerprint256 }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function review(uid: string, labels: Record<string, string> = {}): string {
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid,
      kind: { group: '', version: 'v1', kind: 'ConfigMap' },
      resource: { group: '', version: 'v1', resource: 'configmaps' },
      operation: 'CREATE',
      userInfo: { username: 'admin' },
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: uid, labels } },
    },
  });
}

describe('startWebhookServer', function () {
  this.timeout(20_000);
  let server: WebhookServer;
  const gate = new Subject<void>();
  /** Emits the uid of each request whose handler has started. */
  const arrivals = new Subject<string>();
  let unsubscribed: () => void = () => undefined;

  before(async () => {
    server = await startWebhookServer({
      routes: {
        '/validate': admissionRoute<ConfigMap>(map((r) => (r.object?.metadata?.labels?.['admission'] === 'deny' ? denied(r, 'forbidden label') : allowed(r)))),
        '/mutate': admissionRoute<ConfigMap>(map((r) => patched(r, { ...(r.object as ConfigMap), data: { injected: 'true' } }))),
        '/hang': admissionRoute<ConfigMap>(
          mergeMap(
            (r) =>
              new Observable<AdmissionResponse>(() => {
                arrivals.next(r.uid);
                return () => unsubscribed();
              }),
          ),
        ),
        '/convert': conversionRoute(convertEach((o, to) => ({ ...o, apiVersion: to }))),
      },
      maxBodyBytes: 64 * 1024,
    });
  });
  after(async () => {
    await server.close();
  });

  it('should answer admission reviews over TLS signed by its generated CA', async () => {
    const ok = await send(server, '/validate', { body: review('u1') });
    expect(ok.status).to.equal(200);
    expect(JSON.parse(ok.text)).to.deep.equal({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u1', allowed: true } });
    const no = JSON.parse((await send(server, '/validate', { body: review('u2', { admission: 'deny' }) })).text) as { response: AdmissionResponse };
    expect(no.response).to.deep.include({ uid: 'u2', allowed: false });
    expect(no.response.status?.message).to.equal('forbidden label');
    const mutated = JSON.parse((await send(server, '/mutate', { body: review('u3') })).text) as { response: AdmissionResponse };
    expect(JSON.parse(Buffer.from(mutated.response.patch ?? '', 'base64').toString())).to.deep.equal([{ op: 'add', path: '/data', value: { injected: 'true' } }]);
    expect(server.clientConfig('/validate')).to.deep.equal({ url: `${server.url}/validate`, caBundle: server.caBundle });
  });

  it('should answer conversion reviews', async () => {
    const body = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid: 'c1', desiredAPIVersion: 'g/v2', objects: [{ apiVersion: 'g/v1', kind: 'W', metadata: { name: 'w' } }] } };
    const answer = JSON.parse((await send(server, '/convert', { body: JSON.stringify(body) })).text) as { response: unknown };
    expect(answer.response).to.deep.equal({ uid: 'c1', result: { metadata: {}, status: 'Success' }, convertedObjects: [{ apiVersion: 'g/v2', kind: 'W', metadata: { name: 'w' } }] });
  });

  it('should refuse what is not a review of a route, with the right code', async () => {
    expect((await send(server, '/nowhere', { body: '{}' })).status).to.equal(404);
    expect((await send(server, '/validate', { method: 'GET' })).status).to.equal(405);
    expect((await send(server, '/validate', { body: review('x'), headers: { 'content-type': 'application/yaml' } })).status).to.equal(415);
    expect((await send(server, '/validate', { body: '{"apiVersion":' })).status).to.equal(400);
    expect((await send(server, '/validate', { body: `${'['.repeat(600)}${']'.repeat(600)}` })).text).to.equal('request body is nested deeper than 512 levels\n');
    const wrongKind = await send(server, '/convert', { body: review('x') });
    expect([wrongKind.status, wrongKind.text]).to.deep.equal([400, 'malformed ConversionReview: unsupported apiVersion "admission.k8s.io/v1"\n']);
    const large = JSON.stringify({ pad: 'x'.repeat(70 * 1024) });
    const big = await send(server, '/validate', { body: large });
    expect([big.status, big.text]).to.deep.equal([413, `request body of ${large.length} bytes is larger than the limit of 65536 bytes\n`]);
    const chunked = await send(server, '/validate', { body: JSON.stringify({ pad: 'x'.repeat(70 * 1024) }), headers: { 'transfer-encoding': 'chunked' } });
    expect([chunked.status, chunked.text]).to.deep.equal([413, 'request body is larger than the limit of 65536 bytes\n']);
  });

  it('should answer health checks', async () => {
    expect(await send(server, '/healthz', { method: 'GET' })).to.include({ status: 200, text: 'ok\n' });
    expect(await send(server, '/readyz', { method: 'GET' })).to.include({ status: 200, text: 'ok\n' });
  });

  it('should unsubscribe the handler of a request whose client goes away', async () => {
    const gone = new Promise<void>((resolve) => (unsubscribed = resolve));
    const url = new URL(server.url);
    const req = request({ host: url.hostname, port: url.port, path: '/hang', method: 'POST', ca: Buffer.from(server.caBundle ?? '', 'base64').toString(), agent: false, headers: { 'content-type': 'application/json' } });
    req.on('error', () => undefined);
    const arrived = firstValueFrom(arrivals.pipe(filter((uid) => uid === 'h1')));
    req.end(review('h1'));
    await arrived;
    req.destroy();
    await gone;
  });

  it('should finish requests in flight when closing, and refuse new connections', async () => {
    const gated = admissionRoute<ConfigMap>(
      mergeMap((r) =>
        defer(() => {
          arrivals.next(r.uid);
          return gate.pipe(take(1), map(() => allowed(r)));
        }),
      ),
    );
    const other = await startWebhookServer({ routes: { '/gated': gated } });
    const arrived = firstValueFrom(arrivals.pipe(filter((uid) => uid === 'g1')));
    const pending = send(other, '/gated', { body: review('g1') });
    await arrived;
    const closing = other.close();
    let refused = false;
    await send(other, '/healthz', { method: 'GET' }).catch(() => (refused = true));
    expect(refused).to.equal(true);
    gate.next();
    expect((await pending).status).to.equal(200);
    await closing;
  });

  it('should serve certificate files and read them again when they change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-rx-webhook-certs-'));
    const files = { certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key') };
    const first = createWebhookCertificates();
    writeFileSync(files.certFile, first.serving.certPem);
    writeFileSync(files.keyFile, first.serving.keyPem);
    const reloading = await startWebhookServer({ tls: files, routes: {} });
    try {
      const ca1 = first.ca.certPem;
      const before = await send(reloading, '/healthz', { method: 'GET', ca: ca1 });
      expect(before.fingerprint).to.equal(new X509Certificate(first.serving.certPem).fingerprint256);
      expect(reloading.caBundle).to.equal(undefined);

      const second = createWebhookCertificates();
      const failed = firstValueFrom(reloading.certificateReloads.pipe(filter((r) => r.type === 'Failed')));
      writeFileSync(files.certFile, second.serving.certPem); // the key is still the old one: mid-rotation
      expect((await failed).type).to.equal('Failed');
      expect((await send(reloading, '/healthz', { method: 'GET', ca: ca1 })).fingerprint).to.equal(before.fingerprint);

      const reloaded = firstValueFrom(reloading.certificateReloads.pipe(filter((r) => r.type === 'Reloaded')));
      writeFileSync(files.keyFile, second.serving.keyPem);
      const event = await reloaded;
      const expected = new X509Certificate(second.serving.certPem).fingerprint256;
      expect(event).to.include({ type: 'Reloaded', fingerprint256: expected });
      expect((await send(reloading, '/healthz', { method: 'GET', ca: second.ca.certPem })).fingerprint).to.equal(expected);
    } finally {
      await reloading.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
