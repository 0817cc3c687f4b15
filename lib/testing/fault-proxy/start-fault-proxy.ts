// A reverse proxy in front of any API server that injects the faults real networks and servers produce.
import { Agent as HttpsAgent, createServer, request as httpsRequest } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { failureStatus, type Status } from '../../core/status.js';
import { renderKubeconfig } from '../../server/kubeconfig/render-kubeconfig.js';
import { serverCertificates } from '../../server/tls/server-certificates.js';

/** Which requests a fault applies to. */
export interface ProxyFaultFilter {
  /** Only this HTTP method (`GET`, `POST`, ...). */
  readonly method?: string;
  /** Only paths starting with this (e.g. `/api/v1/namespaces/default/configmaps`). */
  readonly pathPrefix?: string;
  /** Only watch requests (`true`) or only other requests (`false`). */
  readonly watch?: boolean;
}

/** One request the proxy passed on or answered itself (credentials are never recorded). */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  /** The query string, without the leading `?`. */
  readonly query: string;
  readonly userAgent: string | undefined;
  readonly accept: string | undefined;
  readonly contentType: string | undefined;
  /** The status the client got (for watches: the status the stream started with). */
  readonly code: number;
  /** True when the proxy answered itself (an injected fault). */
  readonly injected: boolean;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The API server to forward to (`https://127.0.0.1:PORT`). */
  readonly target: string;
  /** The CA that signed the target's serving certificate. */
  readonly targetCaPem: string;
  /**
   * An admin bearer token (a `system:masters` user) of the target. The proxy uses it for its own
   * reads (the current resourceVersion, for `expire()`), and to pass on clients that authenticate
   * by certificate: a TLS proxy cannot forward a client certificate, so it verifies it against
   * `clientCaPem` and forwards the request as the admin, impersonating the certificate's user
   * (`CN`) and groups (`O`).
   */
  readonly token: string;
  /** The CA that signs client certificates the target accepts. @default targetCaPem */
  readonly clientCaPem?: string;
}

/** A running fault proxy. */
export interface FaultProxy {
  /** `https://127.0.0.1:PORT`: point clients here instead of at the target. */
  readonly url: string;
  /** The CA clients must trust (the proxy serves a certificate for 127.0.0.1, ::1 and localhost). */
  readonly caPem: string;
  /** A kubeconfig for the proxy: a bearer token, or a client certificate, that the target accepts. */
  kubeconfigFor(user: { readonly token: string } | { readonly certPem: string; readonly keyPem: string }): string;
  /** The next `count` matching requests answer `status` (default 503 ServiceUnavailable) without reaching the target. */
  failNext(count: number, status?: Status, filter?: ProxyFaultFilter): void;
  /** Ends every open watch: cleanly (the response ends) or `abrupt`ly (the client's socket is destroyed). */
  cutWatches(options?: { readonly abrupt?: boolean }): void;
  /**
   * Makes every resourceVersion older than the target's current one too old, as an etcd
   * compaction at the current revision would: watches from such a resourceVersion get an in-band
   * `ERROR` 410 Expired event (as kube-apiserver sends), lists with a continue token issued at one
   * get 410. Resolves once in force.
   */
  expire(): Promise<void>;
  /** Matching requests are accepted and never answered until `release()` (or close). */
  stall(filter?: ProxyFaultFilter): { release(): void };
  /** How many watch streams are open through the proxy. */
  activeWatches(): number;
  /** Resolves when the next watch (whose path and query contain `urlPart`) has its response headers. */
  nextWatch(urlPart?: string): Promise<void>;
  /** The requests seen so far, oldest first. */
  requests(): ProxiedRequest[];
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** Stops listening and ends every connection. */
  close(): Promise<void>;
}

const SERVICE_UNAVAILABLE: Status = failureStatus(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');

interface Fault {
  remaining: number;
  readonly status: Status;
  readonly filter: ProxyFaultFilter;
}

interface Stall {
  readonly filter: ProxyFaultFilter;
  readonly held: ServerResponse[];
  released: boolean;
}

function matches(filter: ProxyFaultFilter, method: string, path: string, watch: boolean): boolean {
  return (
    (filter.method === undefined || filter.method.toUpperCase() === method) &&
    (filter.pathPrefix === undefined || path.startsWith(filter.pathPrefix)) &&
    (filter.watch === undefined || filter.watch === watch)
  );
}

function isWatch(url: URL): boolean {
  const value = url.searchParams.get('watch');
  return value === 'true' || value === '1' || url.pathname.includes('/watch/');
}

/** The resourceVersion a continue token was issued at (kube-apiserver's tokens are base64 JSON `{"v","rv","start"}`). */
function continueRevision(token: string): number | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { rv?: unknown };
    return typeof decoded.rv === 'number' ? decoded.rv : undefined;
  } catch {
    return undefined;
  }
}

function sendStatus(res: ServerResponse, status: Status): void {
  const body = JSON.stringify(status);
  res.writeHead(status.code ?? 500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Starts an HTTPS reverse proxy in front of an API server (the real kube-apiserver, or any other)
 * that can cut watches, answer chosen failures, expire resourceVersions and stall requests: the
 * test hooks of kube-rx's embedded server, for servers that have none. Everything else passes
 * through unchanged, streaming (watches, logs) included; WebSocket upgrades are not proxied.
 *
 * ## Example
 * ```ts
 * const cluster = await startTestCluster({ kind: 'real' });
 * const proxy = await startFaultProxy({ target: cluster.url, targetCaPem: cluster.caPem, token: cluster.token });
 * const client = new Client(await Config.fromKubeconfig(proxy.kubeconfigFor({ token: cluster.token })));
 * proxy.cutWatches({ abrupt: true });   // the watcher must resume without losing events
 * await proxy.expire();                 // the next resume gets 410 and must relist
 * ```
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const certificates = await serverCertificates();
  const target = new URL(options.target);
  const agent = new HttpsAgent({ keepAlive: true, ca: options.targetCaPem });
  const faults: Fault[] = [];
  const stalls: Stall[] = [];
  const watches = new Set<{ res: ServerResponse; upstream: IncomingMessage | undefined; socket: Socket }>();
  const waiters: { part: string; resolve: () => void }[] = [];
  const sockets = new Set<Socket>();
  let log: ProxiedRequest[] = [];
  let expiredAt = 0;

  const record = (req: IncomingMessage, url: URL, code: number, injected: boolean): void => {
    log.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      userAgent: req.headers['user-agent'],
      accept: req.headers['accept'],
      contentType: req.headers['content-type'],
      code,
      injected,
    });
    if (log.length > 5000) log = log.slice(-5000);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'https://proxy.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const watch = isWatch(url);
    const faultIndex = faults.findIndex((f) => matches(f.filter, method, url.pathname, watch));
    if (faultIndex >= 0) {
      const fault = faults[faultIndex] as Fault;
      if (--fault.remaining === 0) faults.splice(faultIndex, 1);
      req.resume();
      record(req, url, fault.status.code ?? 500, true);
      sendStatus(res, fault.status);
      return;
    }
    const stall = stalls.find((s) => !s.released && matches(s.filter, method, url.pathname, watch));
    if (stall !== undefined) {
      req.resume();
      record(req, url, 0, true);
      stall.held.push(res);
      return;
    }
    const rv = Number(url.searchParams.get('resourceVersion') ?? '');
    // As after an etcd compaction at `expiredAt`: older revisions are gone, that one still serves.
    if (watch && expiredAt > 0 && Number.isInteger(rv) && rv > 0 && rv < expiredAt) {
      req.resume();
      record(req, url, 200, true);
      const status = failureStatus(410, 'Expired', `too old resource version: ${rv} (${expiredAt})`);
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      return;
    }
    const token = url.searchParams.get('continue');
    const issued = token === null ? undefined : continueRevision(token);
    if (expiredAt > 0 && issued !== undefined && issued < expiredAt) {
      req.resume();
      record(req, url, 410, true);
      sendStatus(res, failureStatus(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'));
      return;
    }
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: target.host };
    const peer = (req.socket as TLSSocket).authorized ? (req.socket as TLSSocket).getPeerCertificate() : undefined;
    if (headers['authorization'] === undefined && peer?.subject !== undefined) {
      const subject = peer.subject as unknown as Record<string, string | string[] | undefined>;
      const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
      headers['authorization'] = `Bearer ${options.token}`;
      headers['impersonate-user'] = list(subject['CN'])[0] ?? '';
      headers['impersonate-group'] = list(subject['O']);
    }
    const upstream = httpsRequest({ host: target.hostname, port: target.port, method, path: `${url.pathname}${url.search}`, headers, agent });
    const entry = watch ? { res, upstream: undefined as IncomingMessage | undefined, socket: req.socket } : undefined;
    if (entry !== undefined) watches.add(entry);
    const forget = (): void => {
      if (entry !== undefined) watches.delete(entry);
    };
    res.on('close', () => {
      forget();
      upstream.destroy();
    });
    upstream.on('error', () => {
      forget();
      if (!res.headersSent) sendStatus(res, failureStatus(502, 'InternalError', 'the fault proxy could not reach the API server'));
      else res.destroy();
    });
    upstream.on('response', (answer) => {
      if (entry !== undefined) entry.upstream = answer;
      record(req, url, answer.statusCode ?? 0, false);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (watch) {
        res.flushHeaders();
        const text = `${url.pathname}${url.search}`;
        for (const waiter of waiters.filter((w) => text.includes(w.part))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    req.pipe(upstream);
  };

  const server = createServer(
    { key: certificates.server.keyPem, cert: certificates.server.certPem, ca: options.clientCaPem ?? options.targetCaPem, requestCert: true, rejectUnauthorized: false },
    handle,
  );
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const url = `https://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;

  const currentRevision = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const request = httpsRequest({ host: target.hostname, port: target.port, path: '/api/v1/namespaces?limit=1', headers: { authorization: `Bearer ${options.token}` }, agent });
      request.on('error', reject);
      request.on('response', (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          try {
            resolve(Number((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ?? '0'));
          } catch (error) {
            reject(error as Error);
          }
        });
      });
      request.end();
    });

  return {
    url,
    caPem: certificates.ca.certPem,
    kubeconfigFor: (user) => renderKubeconfig({ server: url, caPem: certificates.ca.certPem, user }),
    failNext(count, status = SERVICE_UNAVAILABLE, filter = {}) {
      if (count > 0) faults.push({ remaining: count, status, filter });
    },
    cutWatches(cut = {}) {
      for (const watch of [...watches]) {
        watches.delete(watch);
        watch.upstream?.unpipe(watch.res);
        watch.upstream?.destroy();
        if (cut.abrupt === true) watch.socket.destroy();
        else watch.res.end();
      }
    },
    async expire() {
      expiredAt = await currentRevision();
    },
    stall(filter = {}) {
      const stall: Stall = { filter, held: [], released: false };
      stalls.push(stall);
      return {
        release() {
          stall.released = true;
          for (const res of stall.held.splice(0)) res.destroy();
        },
      };
    },
    activeWatches: () => watches.size,
    nextWatch: (part = '') => new Promise<void>((resolve) => waiters.push({ part, resolve })),
    requests: () => [...log],
    clearRequests() {
      log = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stall of stalls) stall.released = true;
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        agent.destroy();
      }),
  };
}
