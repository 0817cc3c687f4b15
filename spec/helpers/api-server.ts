// Spec fixture: one embedded API server per describe block, plus raw HTTP helpers to talk to it.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LineDecoder } from '../../lib/core/watch/line-decoder.js';
import { startApiServer, type ApiServer, type ApiServerOptions } from '../../lib/server/index.js';

/** The running server of a describe block (available inside `it`, `beforeEach`, ...). */
export interface ApiServerFixture {
  /** The server; throws when read outside the block's tests. */
  readonly server: ApiServer;
}

/**
 * Starts an embedded API server before the tests of the enclosing `describe` and closes it
 * after them. The first server of a process pays for certificate creation (~150 ms); the
 * next ones start in a few milliseconds.
 *
 * ## Example
 * ```ts
 * describe('my controller', () => {
 *   const env = useApiServer();
 *   it('should ...', async () => {
 *     const config = Config.fromKubeconfig(env.server.kubeconfig);
 *   });
 * });
 * ```
 */
export function useApiServer(options: ApiServerOptions = {}): ApiServerFixture {
  let server: ApiServer | undefined;
  before(async () => {
    server = await startApiServer(options);
  });
  after(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    get server(): ApiServer {
      if (server === undefined) throw new Error('useApiServer: the server only exists while the block runs');
      return server;
    },
  };
}

/** Options of {@link rawRequest}. */
export interface RawRequestOptions {
  readonly method?: string;
  /** A string or bytes are sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** How to authenticate: the admin token (default), the admin certificate, or not at all. */
  readonly auth?: 'token' | 'certificate' | 'none' | { readonly token: string };
  /** Send the path byte for byte (`..` and `%2e%2e` segments kept), where a `URL` would resolve it. */
  readonly pathAsIs?: boolean;
}

/** A complete answer. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body as bytes (protobuf answers). */
  readonly bytes: Buffer;
  /** The body parsed as JSON. */
  json<T = Record<string, unknown>>(): T;
}

/** What raw requests need of a server: the embedded one, or a test cluster fixture. */
export interface RequestTarget {
  readonly url: string;
  readonly caPem: string;
  /** The admin bearer token. */
  readonly token: string;
  /** The admin client certificate. */
  readonly clientCertificate: { readonly certPem: string; readonly keyPem: string };
}

function send(server: RequestTarget, path: string, options: RawRequestOptions): Promise<IncomingMessage> {
  const url = new URL(path, server.url);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const auth = options.auth ?? 'token';
  if (auth === 'token') headers['authorization'] = `Bearer ${server.token}`;
  else if (typeof auth === 'object') headers['authorization'] = `Bearer ${auth.token}`;
  let body: string | Uint8Array | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' || options.body instanceof Uint8Array ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const tls = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const common = { method: options.method ?? 'GET', headers, agent: false as const };
    // With pathAsIs the request line carries `path` untouched; `url` only gives host and port.
    const target = options.pathAsIs === true ? { hostname: url.hostname, port: url.port, path } : {};
    const req = tls
      ? httpsRequest(url, {
          ...target,
          ...common,
          ca: server.caPem,
          ...(auth === 'certificate' ? { cert: server.clientCertificate.certPem, key: server.clientCertificate.keyPem } : {}),
        })
      : httpRequest(url, { ...common, ...target });
    req.on('response', resolve);
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends one request to the server and reads the whole answer. */
export async function rawRequest(server: RequestTarget, path: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  const res = await send(server, path, options);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const text = bytes.toString('utf8');
  return { status: res.statusCode ?? 0, headers: res.headers, text, bytes, json: <T>() => JSON.parse(text) as T };
}

/** An open streaming answer (a watch), read line by line. */
export interface RawStream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The next JSON line; rejects when the stream ends first. */
  next<T = { type: string; object: Record<string, unknown> }>(): Promise<T>;
  /** Resolves when the server ends the stream; with every line not yet read. */
  ended(): Promise<string[]>;
  /** Closes the connection from the client side. */
  close(): void;
}

/** Opens a streaming request (a watch) once its headers have arrived. */
export async function openStream(server: RequestTarget, path: string, options: RawRequestOptions = {}): Promise<RawStream> {
  const res = await send(server, path, options);
  const lines: string[] = [];
  const waiters: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  const decoder = new LineDecoder();
  let done = false;
  const endWaiters: (() => void)[] = [];
  res.on('data', (chunk: Buffer) => {
    for (const line of decoder.push(chunk)) {
      const waiter = waiters.shift();
      if (waiter !== undefined) waiter.resolve(line);
      else lines.push(line);
    }
  });
  const finish = (): void => {
    if (done) return;
    done = true;
    for (const waiter of waiters.splice(0)) waiter.reject(new Error('the stream ended'));
    for (const resolve of endWaiters.splice(0)) resolve();
  };
  res.on('end', finish);
  res.on('close', finish);
  res.on('error', finish);
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    next: <T>() =>
      new Promise<T>((resolve, reject) => {
        const line = lines.shift();
        if (line !== undefined) resolve(JSON.parse(line) as T);
        else if (done) reject(new Error('the stream ended'));
        else waiters.push({ resolve: (l) => resolve(JSON.parse(l) as T), reject });
      }),
    ended: () =>
      new Promise<string[]>((resolve) => {
        if (done) resolve(lines.splice(0));
        else endWaiters.push(() => resolve(lines.splice(0)));
      }),
    close: () => {
      res.destroy();
    },
  };
}
