// Serves discovery: legacy documents, and aggregated discovery by content negotiation with ETags.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { notAcceptable } from '../errors/status-errors.js';
import { parseAccept } from '../http/negotiate.js';
import { encodeBody, writeNotFoundPage } from '../http/respond.js';
import type { ResourceRegistry } from '../registry/resource-registry.js';
import { aggregatedDiscovery, apiGroupDocument, apiGroupList, apiResourceList, apiVersions } from './discovery-documents.js';

type Variant = 'legacy' | 'v2' | 'v2beta1';

function variantOf(accept: string | undefined): Variant {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return 'legacy';
  for (const range of ranges) {
    const g = range.params.get('g');
    const as = range.params.get('as');
    const v = range.params.get('v');
    if (g === 'apidiscovery.k8s.io' && as === 'APIGroupDiscoveryList' && (v === 'v2' || v === 'v2beta1') && range.subtype === 'json') return v;
    if (range.params.size === 0 && ((range.type === 'application' && (range.subtype === 'json' || range.subtype === '*')) || range.type === '*')) {
      return 'legacy';
    }
  }
  throw notAcceptable('only the following media types are accepted: application/json, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
}

/**
 * Answers discovery requests from the registry, caching each document until the set of
 * served resources changes. `/api` and `/apis` answer aggregated discovery
 * (`apidiscovery.k8s.io/v2`, or `v2beta1`) when the Accept header lists it before plain
 * JSON, with `ETag`, `Vary: Accept` and `304 Not Modified` on a matching `If-None-Match`.
 */
export class DiscoveryHandler {
  readonly #registry: ResourceRegistry;
  readonly #serverAddress: () => string;
  readonly #cache = new Map<string, { body: string; etag: string } | null>();
  #revision = -1;

  constructor(registry: ResourceRegistry, serverAddress: () => string) {
    this.#registry = registry;
    this.#serverAddress = serverAddress;
  }

  /** Whether `path` is a discovery path this handler answers. */
  static handles(path: string): boolean {
    const parts = path.split('/').filter((p) => p !== '');
    if (parts[0] === 'api') return parts.length <= 2;
    if (parts[0] === 'apis') return parts.length <= 3;
    return false;
  }

  /** Answers one discovery request. @throws {ApiError} 406 for an unacceptable Accept. */
  serve(req: IncomingMessage, res: ServerResponse, path: string, pretty: boolean): void {
    const parts = path.split('/').filter((p) => p !== '');
    const variant = parts.length === 1 ? variantOf(req.headers.accept) : 'legacy';
    const document = this.#document(parts, variant, pretty);
    if (document === null) {
      writeNotFoundPage(res);
      return;
    }
    const contentType = variant === 'legacy' ? 'application/json' : `application/json;g=apidiscovery.k8s.io;v=${variant};as=APIGroupDiscoveryList`;
    res.setHeader('Content-Type', contentType);
    res.setHeader('ETag', document.etag);
    if (parts.length === 1) res.setHeader('Vary', 'Accept');
    res.setHeader('Cache-Control', variant === 'legacy' ? 'no-cache, private' : 'public');
    if (req.headers['if-none-match'] === document.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Length', Buffer.byteLength(document.body));
    res.end(document.body);
  }

  #document(parts: readonly string[], variant: Variant, pretty: boolean): { body: string; etag: string } | null {
    if (this.#revision !== this.#registry.revision) {
      this.#cache.clear();
      this.#revision = this.#registry.revision;
    }
    const key = `${parts.join('/')}|${variant}|${pretty}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const value = this.#build(parts, variant);
    const result =
      value === undefined
        ? null
        : (() => {
            const body = encodeBody(value, { pretty });
            return { body, etag: `"${createHash('sha512').update(body).digest('hex').toUpperCase()}"` };
          })();
    this.#cache.set(key, result);
    return result;
  }

  #build(parts: readonly string[], variant: Variant): unknown {
    const registry = this.#registry;
    const [root, a, b] = parts;
    if (root === 'api') {
      if (a === undefined) return variant === 'legacy' ? apiVersions(this.#serverAddress()) : aggregatedDiscovery(registry, 'api', variant);
      return apiResourceList(registry, '', a);
    }
    if (a === undefined) return variant === 'legacy' ? apiGroupList(registry) : aggregatedDiscovery(registry, 'apis', variant);
    if (b === undefined) return apiGroupDocument(registry, a);
    return apiResourceList(registry, a, b);
  }
}
