// Everything a resource handler needs about one request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OutputFormat } from '../http/negotiate.js';
import type { ResourceRequestInfo } from '../http/request-info.js';
import type { Encoding } from '../http/respond.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import type { ServerContext, UserInfo } from '../server-context.js';
import type { WatchHub } from '../watch/watch-hub.js';

/** Server-wide settings the handlers read. */
export interface HandlerSettings {
  readonly hub: WatchHub;
  /** Largest accepted request body. */
  readonly maxBodyBytes: number;
  /** How long a request for a too-new resourceVersion waits before 504. */
  readonly resourceVersionBlockMs: number;
}

/** One request for a resource, resolved to its kind and namespace. */
export interface ResourceCall {
  readonly ctx: ServerContext;
  readonly settings: HandlerSettings;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
  readonly info: ResourceRequestInfo;
  readonly kind: ResourceKind;
  /** The namespace the request addresses (`undefined` for cluster scope or all namespaces). */
  readonly namespace: string | undefined;
  /** What the Accept header asked for (media type; object, metadata or Table), negotiated once per request. */
  readonly output: OutputFormat;
  /** How to write answers: the negotiated media type, pretty or not. */
  readonly encoding: Encoding;
  /** Warnings to send back as `Warning` headers. */
  readonly warnings: string[];
  readonly user: UserInfo;
}
