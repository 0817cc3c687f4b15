// Specs of watchStream: incremental decoding, in-band errors, completion, and unsubscribe aborting.
import { expect } from 'chai';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { isApiError, type ApiError } from '../../lib/core/errors/api-error.js';
import type { HttpRequest } from '../../lib/core/request/http-request.js';
import { failureStatus } from '../../lib/core/status.js';
import type { WatchEvent } from '../../lib/core/watch/watch-event.js';
import { Client } from '../../lib/client/client.js';
import { isClientError } from '../../lib/client/errors/client-error.js';
import { watchStream } from '../../lib/client/watch-stream.js';
import { fakeFetch, initOf, json, streamed, text, type FetchStub } from '../helpers/fake-fetch.js';

const WATCH: HttpRequest = {
  method: 'GET',
  path: '/api/v1/namespaces/default/configmaps',
  query: [['watch', 'true'], ['resourceVersion', '10']],
  headers: { accept: 'application/json' },
};

const cm = (name: string, rv: string): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: rv } });
const line = (type: string, object: unknown): string => `${JSON.stringify({ type, object })}\n`;

/** Resolves once the microtask queue and pending I/O callbacks have run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('watchStream', () => {
  let fetch: FetchStub;
  let client: Client;

  beforeEach(() => {
    fetch = fakeFetch();
    client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep: () => Promise.resolve() });
  });

  it('should not send anything until subscribed (cold)', async () => {
    watchStream(client, WATCH);
    await settle();
    expect(fetch.callCount).to.equal(0);
  });

  it('should send one request per subscription', async () => {
    fetch.callsFake(() => Promise.resolve(text(200, '')));
    const events$ = watchStream(client, WATCH);
    await lastValueFrom(events$.pipe(toArray()));
    await lastValueFrom(events$.pipe(toArray()));
    expect(fetch.callCount).to.equal(2);
  });

  it('should decode an event split across chunks, and many events in one chunk', async () => {
    const body = streamed();
    fetch.resolves(body.response);
    const events: WatchEvent<ConfigMap>[] = [];
    let completed = false;
    watchStream<ConfigMap>(client, WATCH).subscribe({ next: (e) => events.push(e), complete: () => (completed = true) });
    const first = line('ADDED', cm('a', '11'));
    body.push(first.slice(0, 7));
    body.push(first.slice(7, 30));
    await settle();
    expect(events).to.have.length(0);
    body.push(first.slice(30) + line('MODIFIED', cm('a', '12')) + line('DELETED', cm('a', '13')).slice(0, 5));
    await settle();
    expect(events.map((e) => e.type)).to.deep.equal(['ADDED', 'MODIFIED']);
    body.push(line('DELETED', cm('a', '13')).slice(5));
    body.push(line('BOOKMARK', { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: '20' } }));
    body.end();
    await settle();
    expect(events.map((e) => e.type)).to.deep.equal(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);
    expect(events[1]?.object).to.deep.equal(cm('a', '12'));
    expect(completed).to.equal(true);
  });

  it('should emit each event as soon as its line is complete, before the body ends', async () => {
    const body = streamed();
    fetch.callsFake(body.respond);
    const first = firstValueFrom(watchStream<ConfigMap>(client, WATCH));
    body.push(line('ADDED', cm('a', '11')));
    expect((await first).type).to.equal('ADDED');
    expect(await body.closed).to.equal('aborted');
  });

  it('should decode a multi-byte character split across chunks', async () => {
    const body = streamed();
    fetch.resolves(body.response);
    const events$ = lastValueFrom(watchStream<ConfigMap>(client, WATCH).pipe(toArray()));
    const bytes = new TextEncoder().encode(line('ADDED', { ...cm('a', '1'), data: { greeting: 'héllo ☃' } }));
    const cut = bytes.indexOf(0xe2) + 1; // inside the snowman's three bytes
    body.push(bytes.slice(0, cut));
    body.push(bytes.slice(cut));
    body.end();
    const [event] = await events$;
    expect((event?.object as ConfigMap).data).to.deep.equal({ greeting: 'héllo ☃' });
  });

  it('should complete when the server ends the stream', async () => {
    fetch.resolves(text(200, line('ADDED', cm('a', '11'))));
    const events = await lastValueFrom(watchStream<ConfigMap>(client, WATCH).pipe(toArray()));
    expect(events).to.have.length(1);
  });

  it('should error with ApiError on an in-band ERROR event (410 Expired)', async () => {
    const expired = failureStatus(410, 'Expired', 'too old resource version: 5 (100)');
    fetch.resolves(text(200, line('ADDED', cm('a', '11')) + line('ERROR', expired)));
    const events: WatchEvent<ConfigMap>[] = [];
    const error = await new Promise<unknown>((resolve) => watchStream<ConfigMap>(client, WATCH).subscribe({ next: (e) => events.push(e), error: resolve }));
    expect(events.map((e) => e.type)).to.deep.equal(['ADDED']);
    expect(isApiError(error)).to.equal(true);
    expect((error as ApiError).isGone()).to.equal(true);
    expect((error as ApiError).status).to.deep.equal(expired);
    expect((error as ApiError).inBand, 'the Status came in the stream, after a 200').to.equal(true);
  });

  it('should mark an in-band ERROR as such even when it is the first line', async () => {
    fetch.resolves(text(200, line('ERROR', failureStatus(500, 'InternalError', 'etcd is down'))));
    const error = await lastValueFrom(watchStream(client, WATCH)).catch((e: unknown) => e);
    expect(isApiError(error) && error.inBand).to.equal(true);
  });

  it('should error with ApiError on a non-2xx answer', async () => {
    fetch.resolves(json(403, failureStatus(403, 'Forbidden', 'configmaps is forbidden: User "bob" cannot watch resource "configmaps"')));
    const error = await lastValueFrom(watchStream(client, WATCH)).catch((e: unknown) => e);
    expect(isApiError(error) && error.isForbidden()).to.equal(true);
    expect(isApiError(error) && error.inBand, 'an HTTP answer is not in-band').to.equal(false);
  });

  it('should error with ApiError on a plain-text non-2xx answer', async () => {
    fetch.resolves(text(404, '404 page not found'));
    const error = await lastValueFrom(watchStream(client, WATCH)).catch((e: unknown) => e);
    expect(isApiError(error) && error.isNotFound()).to.equal(true);
  });

  it('should error with WatchDecodeError on a line that is not a watch event', async () => {
    fetch.resolves(text(200, 'not json\n'));
    const error = (await lastValueFrom(watchStream(client, WATCH)).catch((e: unknown) => e)) as Error;
    expect(error.name).to.equal('WatchDecodeError');
  });

  it('should error with ClientError ConnectionReset when the connection breaks mid-stream', async () => {
    const body = streamed();
    fetch.resolves(body.response);
    const result = lastValueFrom(watchStream<ConfigMap>(client, WATCH).pipe(toArray())).catch((e: unknown) => e);
    body.push(line('ADDED', cm('a', '11')));
    await settle();
    body.fail(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const error = await result;
    expect(isClientError(error) && error.reason).to.equal('ConnectionReset');
    expect(isClientError(error) && error.responseStarted, 'the 200 had arrived').to.equal(true);
  });

  it('should say the response had not started when the connection fails before the answer', async () => {
    fetch.rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const error = await lastValueFrom(watchStream(client, WATCH)).catch((e: unknown) => e);
    expect(isClientError(error) && [error.reason, error.responseStarted]).to.deep.equal(['ConnectionReset', false]);
  });

  it('should fail with a LineTooLongError, and abort, when a line exceeds maxLineLength', async () => {
    const body = streamed();
    fetch.callsFake(body.respond);
    const result = lastValueFrom(watchStream<ConfigMap>(client, WATCH, { maxLineLength: 1000 }).pipe(toArray())).catch((e: unknown) => e);
    body.push(line('ADDED', cm('a', '11')));
    for (let i = 0; i < 5; i++) body.push('x'.repeat(300)); // no newline: an endless line
    const error = (await result) as Error;
    expect(error.name).to.equal('LineTooLongError');
    expect(error.message).to.contain('1000');
    expect(await body.closed, 'the body is let go').to.be.oneOf(['aborted', 'cancelled']);
  });

  it('should cap lines at the Client\'s maxLineLength', async () => {
    client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep: () => Promise.resolve(), maxLineLength: 100 });
    fetch.resolves(text(200, line('ADDED', { ...cm('a', '11'), data: { big: 'y'.repeat(200) } })));
    const error = (await lastValueFrom(client.watch(WATCH)).catch((e: unknown) => e)) as Error;
    expect(error.name).to.equal('LineTooLongError');
  });

  it('should abort the request when unsubscribed mid-stream, and emit nothing more', async () => {
    const body = streamed();
    fetch.callsFake(body.respond);
    const seen: string[] = [];
    const subscription = watchStream<ConfigMap>(client, WATCH).subscribe({ next: (e) => seen.push(e.type), error: (e: unknown) => seen.push(`error ${String(e)}`) });
    body.push(line('ADDED', cm('a', '11')));
    await settle();
    subscription.unsubscribe();
    expect(initOf(fetch).signal?.aborted).to.equal(true);
    expect(await body.closed).to.equal('aborted');
    await settle();
    expect(seen).to.deep.equal(['ADDED']);
  });

  it('should abort a request still waiting for its answer when unsubscribed', async () => {
    let signal: AbortSignal | undefined;
    fetch.callsFake((_url, init) => {
      signal = init.signal;
      return new Promise(() => undefined);
    });
    const subscription = watchStream(client, WATCH).subscribe();
    await settle();
    subscription.unsubscribe();
    expect(signal?.aborted).to.equal(true);
  });
});
