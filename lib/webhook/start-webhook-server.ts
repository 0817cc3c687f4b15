// The HTTPS server of admission and conversion webhooks: routes, bounded bodies, health, reloadable certificates, graceful stop.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Subject, type Observable } from 'rxjs';
import { isAdmissionError } from '../core/index.js';
import { checkPair, readCertificateFiles, watchCertificateFiles, type CertificateFiles, type CertificateReload } from './certificates/certificate-files.js';
import type { CertificatePair } from './certificates/issue-certificate.js';
import { createWebhookCertificates } from './certificates/webhook-certificates.js';
import { readJsonBody } from './read-json-body.js';
import { WebhookError } from './webhook-error.js';
import type { WebhookRoute } from './webhook-route.js';

/** Options of {@link startWebhookServer}. */
export interface WebhookServerOptions {
  /** What each path answers, e.g. `{ '/validate': admissionRoute(...), '/convert': conversionRoute(...) }`. */
  readonly routes: Readonly<Record<string, WebhookRoute>>;
  /** @default 0 (an ephemeral port; in a cluster, the Service's targetPort, e.g. 9443) */
  readonly port?: number;
  /** @default '127.0.0.1' (in a cluster, '0.0.0.0') */
  readonly host?: string;
  /**
   * The serving certificate: PEM texts, or files read at start and read again whenever they
   * change. By default a CA and a certificate for 127.0.0.1, ::1 and localhost are made, and
   * the CA is offered as {@link WebhookServer.caBundle}.
   */
  readonly tls?: CertificatePair | CertificateFiles;
  /** Largest accepted request body (an AdmissionReview carries the object twice). @default 7340032 (7 MiB) */
  readonly maxBodyBytes?: number;
  /** Told of requests that could not be answered and of certificate reload failures. */
  readonly onError?: (error: unknown) => void;
}

/** A running webhook server. */
export interface WebhookServer {
  /** `https://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** The generated CA as `clientConfig.caBundle` wants it; `undefined` with your own certificate. */
  readonly caBundle: string | undefined;
  /** Each reload of the certificate files (and each failed attempt). Completes on close. */
  readonly certificateReloads: Observable<CertificateReload>;
  /** `clientConfig` for a webhook configuration or a CRD's conversion: `{ url, caBundle? }`. */
  clientConfig(path: string): { readonly url: string; readonly caBundle?: string };
  /**
   * Stops gracefully: `/readyz` answers 503, no new connection is accepted, requests in flight
   * finish (for at most `timeoutMs`, then connections are cut), idle connections close.
   */
  close(options?: { readonly timeoutMs?: number }): Promise<void>;
}

/** The default body limit: 7 MiB, as controller-runtime's webhook server. */
export const DEFAULT_MAX_WEBHOOK_BODY_BYTES = 7 * 1024 * 1024;

function text(res: ServerResponse, code: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * Starts an HTTPS server for admission and conversion webhooks (controller-runtime's webhook
 * server, as RxJS): each path answers reviews through its route's handler.
 *
 * ## Example
 * ```ts
 * const server = await startWebhookServer({
 *   routes: { '/validate': admissionRoute<ConfigMap>(map((r) => allowed(r))) },
 * });
 * const configuration = { ..., webhooks: [{ ..., clientConfig: server.clientConfig('/validate') }] };
 * ```
 *
 * ## Guarantees
 * - `POST <route>` with `Content-Type: application/json` gets the review answer (200); other
 *   methods 405, other content types 415, bodies over `maxBodyBytes` 413 (refused while
 *   arriving), bodies that are not JSON, too deep, or not a review of the route's type 400,
 *   unknown paths 404. `GET /healthz` and `GET /readyz` answer `ok` (readyz 503 once closing).
 * - A handler's failure or timeout is answered with the route's failure response, never a 5xx.
 * - A request whose client goes away unsubscribes its handler.
 * - Certificate files are read again when they change; a pair that does not load is reported
 *   (`certificateReloads`, `onError`) and the previous one keeps serving.
 *
 * @throws {WebhookError} `CertificateUnreadable` for unusable certificate files or PEM,
 *   `ListenFailed` when the port cannot be bound.
 */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BODY_BYTES;
  const onError = options.onError ?? (() => undefined);
  const reloads = new Subject<CertificateReload>();
  let caBundle: string | undefined;
  let pair: CertificatePair;
  const tls = options.tls;
  if (tls === undefined) {
    const generated = createWebhookCertificates();
    pair = generated.serving;
    caBundle = generated.caBundle;
  } else if ('certFile' in tls) {
    pair = readCertificateFiles(tls);
  } else {
    checkPair(tls, 'the tls certPem and keyPem');
    pair = tls;
  }
  const routes = new Map(Object.entries(options.routes));
  const inFlight = new Set<Promise<void>>();
  let ready = true;

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz' || path === '/readyz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
      return path === '/readyz' && !ready ? text(res, 503, 'shutting down\n') : text(res, 200, 'ok\n');
    }
    const route = routes.get(path);
    if (route === undefined) return text(res, 404, `no webhook at ${path}\n`);
    if (req.method !== 'POST') return text(res, 405, 'method not allowed\n', { allow: 'POST' });
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return text(res, 415, `content type ${JSON.stringify(type ?? '')} is not application/json\n`);
    const body = await readJsonBody(req, maxBodyBytes);
    if (!('value' in body)) {
      res.setHeader('connection', 'close');
      return text(res, body.code, `${body.message}\n`);
    }
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort(new Error('the client went away'));
    });
    let answer: unknown;
    try {
      answer = await route.answer(body.value, abort.signal);
    } catch (error) {
      if (abort.signal.aborted) return;
      if (isAdmissionError(error)) return text(res, 400, `${error.message}\n`);
      onError(error);
      return text(res, 500, 'the webhook could not answer\n');
    }
    const json = JSON.stringify(answer);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };

  const server: Server = createServer({ cert: pair.certPem, key: pair.keyPem }, (req, res) => {
    const task = serve(req, res).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) text(res, 500, 'the webhook could not answer\n');
      else res.destroy();
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  });
  server.keepAliveTimeout = 60_000;

  const stopWatching =
    tls !== undefined && 'certFile' in tls
      ? watchCertificateFiles(
          tls,
          pair,
          (next, reload) => {
            server.setSecureContext({ cert: next.certPem, key: next.keyPem });
            reloads.next(reload);
          },
          (reload) => {
            if (reload.type === 'Failed') onError(reload.error);
            reloads.next(reload);
          },
        )
      : () => undefined;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) => reject(new WebhookError('ListenFailed', `cannot listen on ${host}:${options.port ?? 0}: ${cause.message}`, { cause })));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `https://${urlHost}:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    caBundle,
    certificateReloads: reloads.asObservable(),
    clientConfig: (path) => ({ url: `${url}${path.startsWith('/') ? path : `/${path}`}`, ...(caBundle === undefined ? {} : { caBundle }) }),
    close: (closeOptions) => {
      closed ??= (async () => {
        ready = false;
        stopWatching();
        reloads.complete();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const deadline = closeOptions?.timeoutMs ?? 30_000;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.allSettled([...inFlight]), new Promise<void>((resolve) => (timer = setTimeout(resolve, deadline)))]);
        clearTimeout(timer);
        server.closeAllConnections();
        await stopped;
      })();
      return closed;
    },
  };
}
