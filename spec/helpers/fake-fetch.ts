// A sinon-stubbed fetch for client unit specs: canned answers, streamed bodies, and what was sent.
import sinon from 'sinon';
import type { FetchInit, FetchLike, FetchResponse } from '../../lib/client/http/fetch-like.js';

/** A stubbed fetch with typed calls. */
export type FetchStub = sinon.SinonStub<Parameters<FetchLike>, ReturnType<FetchLike>>;

/** A new stubbed fetch (no behaviour: add `.resolves()` / `.onCall(n)`). */
export function fakeFetch(): FetchStub {
  return sinon.stub<Parameters<FetchLike>, ReturnType<FetchLike>>();
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A text answer. */
export function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain', ...headers } });
}

/** A streamed answer driven by the spec. */
export interface StreamedAnswer {
  /** The response itself (for `fetch.resolves`). */
  readonly response: Response;
  /**
   * A fetch implementation answering with `response` that, like real fetches, errors the
   * body with an `AbortError` when the request's signal aborts: `fetch.callsFake(body.respond)`.
   */
  respond(url: string, init: FetchInit): Promise<FetchResponse>;
  push(chunk: string | Uint8Array): void;
  end(): void;
  fail(error: Error): void;
  /** Resolves when the body is cancelled by its reader, or its request aborted. */
  readonly closed: Promise<'cancelled' | 'aborted'>;
}

/** A streamed answer whose body the spec pushes chunk by chunk. */
export function streamed(status = 200): StreamedAnswer {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let onClosed!: (how: 'cancelled' | 'aborted') => void;
  const closed = new Promise<'cancelled' | 'aborted'>((resolve) => {
    onClosed = resolve;
  });
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      onClosed('cancelled');
    },
  });
  const encoder = new TextEncoder();
  const response = new Response(stream, { status, headers: { 'content-type': 'application/json' } });
  return {
    response,
    respond: (_url, init) => {
      init.signal?.addEventListener('abort', () => {
        controller.error(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }));
        onClosed('aborted');
      });
      return Promise.resolve(asFetchResponse(response));
    },
    push: (chunk) => controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk),
    end: () => controller.close(),
    fail: (error) => controller.error(error),
    closed,
  };
}

/** The init of call `n` (0-based). */
export function initOf(fetch: FetchStub, n = 0): FetchInit {
  const call = fetch.getCall(n);
  if (call === null) throw new Error(`fetch was not called ${n + 1} times`);
  return call.args[1];
}

/** The URL of call `n`. */
export function urlOf(fetch: FetchStub, n = 0): string {
  const call = fetch.getCall(n);
  if (call === null) throw new Error(`fetch was not called ${n + 1} times`);
  return call.args[0];
}

/** All values of header `name` (case-insensitive) sent in call `n`. */
export function headerValues(fetch: FetchStub, name: string, n = 0): string[] {
  return initOf(fetch, n)
    .headers.filter(([key]) => key.toLowerCase() === name.toLowerCase())
    .map(([, value]) => value);
}

/** Makes `Response` assignable where a `FetchResponse` is expected. */
export const asFetchResponse = (response: Response): FetchResponse => response as unknown as FetchResponse;
