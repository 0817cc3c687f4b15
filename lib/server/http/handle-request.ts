// The server's request entry point: request log, injected faults, authentication, then routing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DiscoveryHandler } from '../discovery/discovery-handler.js';
import { versionInfo } from '../discovery/version-info.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { Authorizer } from '../authorization/authorizer.js';
import { authorizeRequest } from '../authorization/authorize-request.js';
import { routeResource, type SubresourceHandler } from '../handlers/route-resource.js';
import type { HandlerSettings } from '../handlers/resource-call.js';
import type { ServerContext, UserInfo } from '../server-context.js';
import type { FaultInjector } from './fault-injector.js';
import { queryBool } from './query-values.js';
import { parseRequestInfo } from './request-info.js';
import type { RequestLog } from './request-log.js';
import { writeBadRequestPage, writeError, writeNotFoundPage, writeObject, writeStatus } from './respond.js';
import { parseRequestTarget } from './request-target.js';
import { negotiateErrorMedia, wantsPretty } from './negotiate.js';

/** The parts of a request target a path handler reads (a `URL` has them too); `pathname` is decoded and not normalized. */
export interface RequestUrl {
  readonly pathname: string;
  readonly search: string;
  readonly searchParams: URLSearchParams;
}

/** A handler of a non-resource path (e.g. OpenAPI), answering or returning false. */
export type PathHandler = (req: IncomingMessage, res: ServerResponse, url: RequestUrl, pretty: boolean) => boolean | Promise<boolean>;

/** The parts the entry point dispatches to. */
export interface RequestHandlerParts {
  readonly ctx: ServerContext;
  readonly settings: HandlerSettings;
  readonly authenticator: Authenticator;
  readonly authorizer: Authorizer;
  readonly discovery: DiscoveryHandler;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  /** Extra resource handlers by `verb` or `subresource:verb` (patch, pods/log, ...). */
  readonly resourceHandlers: ReadonlyMap<string, SubresourceHandler>;
  /** Extra non-resource path handlers, tried in order. */
  readonly pathHandlers: readonly PathHandler[];
}

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/**
 * Builds the `request` listener of the HTTP(S) server. Order: record the request, answer
 * an injected failure if one is queued, authenticate (401 for a bad credential; none is
 * `system:anonymous`), impersonate and authorize (403 as kube-apiserver words it; see
 * `authorizeRequest`), then `/version`, health, discovery, extra paths, and resources. A thrown
 * `ApiError` becomes its Status; anything else a 500; the server never crashes on input.
 */
export function createRequestHandler(parts: RequestHandlerParts): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(parts, req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else writeError(res, error, { pretty: false, media: negotiateErrorMedia(req.headers.accept) });
    });
  };
}

async function handle(parts: RequestHandlerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const target = parseRequestTarget(req.url ?? '/');
  if (target === undefined) {
    req.resume();
    writeBadRequestPage(res);
    return;
  }
  const path = target.path;
  const query = new URLSearchParams(target.rawQuery);
  const url: RequestUrl = { pathname: path, search: target.rawQuery === '' ? '' : `?${target.rawQuery}`, searchParams: query };
  const pretty = wantsPretty(query, req.headers['user-agent']);
  // Status answers (faults, 401, errors) go in the media type the client accepts, as ErrorNegotiated picks it.
  const statusEncoding = { pretty, media: negotiateErrorMedia(req.headers.accept) };
  const isWatch = queryBool(query, 'watch') || path.includes('/watch/');
  let user: UserInfo | undefined;
  const started = (): void =>
    parts.log.add({
      method,
      path,
      query: url.search.replace(/^\?/, ''),
      userAgent: req.headers['user-agent'],
      contentType: req.headers['content-type'],
      accept: req.headers.accept,
      user: user?.username,
      code: res.statusCode,
    });
  if (isWatch) res.once('close', started);
  else res.once('finish', started);

  const fault = parts.faults.take(method, path, isWatch);
  if (fault !== undefined) {
    req.resume();
    writeStatus(res, fault, statusEncoding);
    return;
  }
  const admission = authorizeRequest(parts, req, method, path, query);
  user = admission.user;
  switch (admission.type) {
    case 'refused':
      req.resume();
      writeError(res, admission.error, statusEncoding);
      return;
    case 'invalid':
      req.resume();
      res.statusCode = 500;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(`Internal Server Error: ${JSON.stringify(req.url ?? path)}: ${admission.message}\n`);
      return;
    case 'allowed':
      break;
  }
  const requester = admission.user;
  const warnings: string[] = [];
  try {
    const info = parseRequestInfo(method, path, isWatch);
    if (info.type === 'nonresource') {
      if (method !== 'GET' && method !== 'HEAD') {
        req.resume();
        writeNotFoundPage(res);
        return;
      }
      if (path === '/version' || path === '/version/') {
        writeObject(res, 200, versionInfo(), { pretty });
        return;
      }
      if (HEALTH.has(path)) {
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('ok');
        return;
      }
      if (DiscoveryHandler.handles(path)) {
        parts.discovery.serve(req, res, path, pretty);
        return;
      }
      for (const handler of parts.pathHandlers) if (await handler(req, res, url, pretty)) return;
      writeNotFoundPage(res);
      return;
    }
    await routeResource(
      { ctx: parts.ctx, settings: parts.settings, req, res, query, info, pretty, user: requester, warnings },
      parts.resourceHandlers,
    );
  } catch (error) {
    req.resume();
    if (res.headersSent) {
      res.end();
      return;
    }
    writeError(res, error, statusEncoding, warnings);
  }
}
