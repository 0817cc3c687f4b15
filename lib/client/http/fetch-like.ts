// The narrow fetch seam the Client sends every request through (node-fetch by default).

/** What the Client passes to `fetch`: headers as pairs so that repeated headers stay separate. */
export interface FetchInit {
  method: string;
  /** Header pairs; a name may repeat (`Impersonate-Group`), and is sent as separate lines. */
  headers: [string, string][];
  body?: string;
  signal?: AbortSignal;
  /** The Node `http(s).Agent` (node-fetch's `agent` option); ignored by other fetches. */
  agent?: unknown;
}

/** The part of a fetch `Response` the Client reads. */
export interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  /** The body as chunks: a Node stream (node-fetch) or a web `ReadableStream` (global fetch). */
  readonly body: AsyncIterable<Uint8Array | string> | null;
  text(): Promise<string>;
}

/**
 * A `fetch` function: node-fetch's and the global one both fit, as does a sinon stub
 * resolving `new Response(...)` in unit specs.
 *
 * ## Example
 * ```ts
 * const fetch = sinon.stub<Parameters<FetchLike>, ReturnType<FetchLike>>();
 * fetch.resolves(new Response('{"kind":"Pod"}', { status: 200 }));
 * const client = new Client({ baseUrl: 'https://k8s.test', fetch });
 * ```
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;
