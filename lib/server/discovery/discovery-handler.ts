// Serves discovery: legacy documents, and aggregated discovery by content negotiation with ETags (JSON, YAML or protobuf).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { failureStatus } from '../../core/index.js';
import { notAcceptable, statusError } from '../errors/status-errors.js';
import { MEDIA_TYPES, parseAcceptClauses, type MediaKind } from '../http/negotiate.js';
import { encodeBody, serializeBody, writeNotFoundPage } from '../http/respond.js';
import type { ResourceRegistry } from '../registry/resource-registry.js';
import { aggregatedDiscovery, apiGroupDocument, apiGroupList, apiResourceList, apiVersions } from './discovery-documents.js';

type Variant = 'legacy' | 'v2' | 'v2beta1';

/** What a discovery request is answered with. */
interface Choice {
  readonly variant: Variant;
  readonly media: MediaKind;
}

const SUBTYPES: Readonly<Record<MediaKind, string>> = { json: 'json', yaml: 'yaml', protobuf: 'vnd.kubernetes.protobuf' };
const ACCEPTED = 'application/json, application/yaml, application/vnd.kubernetes.protobuf';

/**
 * The answer an Accept header picks, clause by clause in goautoneg's order: aggregated discovery
 * (`g=apidiscovery.k8s.io;v=v2|v2beta1;as=APIGroupDiscoveryList`, JSON, or protobuf for v2) at
 * `/api` and `/apis`, else a legacy document in JSON, YAML or protobuf.
 */
function choose(accept: string | undefined, root: boolean): Choice {
  if (accept === undefined || accept === '') return { variant: 'legacy', media: 'json' };
  for (const clause of parseAcceptClauses(accept)) {
    for (const media of ['json', 'yaml', 'protobuf'] as const) {
      const matches = (clause.type === 'application' && (clause.subtype === SUBTYPES[media] || clause.subtype === '*')) || (clause.type === '*' && clause.subtype === '*');
      if (!matches) continue;
      const [g, v, as] = [clause.params.get('g'), clause.params.get('v'), clause.params.get('as')];
      if (g === undefined && v === undefined && as === undefined) return { variant: 'legacy', media };
      const aggregated = root && g === 'apidiscovery.k8s.io' && as === 'APIGroupDiscoveryList';
      if (aggregated && (v === 'v2' || (v === 'v2beta1' && media === 'json')) && media !== 'yaml') return { variant: v, media };
    }
  }
  if (root) throw notAcceptable(`only the following media types are accepted: ${ACCEPTED}`);
  throw statusError(failureStatus(406, 'NotAcceptable', `406: Not Acceptable\n\nAvailable representations: ${ACCEPTED}`, {}));
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
  readonly #cache = new Map<string, { body: string | Uint8Array; etag: string } | null>();
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
    const { variant, media } = choose(req.headers.accept, parts.length === 1);
    const document = this.#document(parts, variant, media, pretty);
    if (document === null) {
      writeNotFoundPage(res);
      return;
    }
    const contentType = variant === 'legacy' ? MEDIA_TYPES[media] : `${MEDIA_TYPES[media]};g=apidiscovery.k8s.io;v=${variant};as=APIGroupDiscoveryList`;
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
    res.setHeader('Content-Length', typeof document.body === 'string' ? Buffer.byteLength(document.body) : document.body.length);
    res.end(document.body);
  }

  /** A document's bytes in `media`, and its ETag (the hash of its JSON form, whatever the media: kube-apiserver's). */
  #document(parts: readonly string[], variant: Variant, media: MediaKind, pretty: boolean): { body: string | Uint8Array; etag: string } | null {
    if (this.#revision !== this.#registry.revision) {
      this.#cache.clear();
      this.#revision = this.#registry.revision;
    }
    const key = `${parts.join('/')}|${variant}|${media}|${pretty}`;
    const cached = this.#cache.get(key);
    if (cached !== undefined) return cached;
    const value = this.#build(parts, variant);
    const result =
      value === undefined
        ? null
        : (() => {
            const json = encodeBody(value, { pretty });
            const body = media === 'json' ? json : serializeBody(value, { pretty, media }).bytes;
            return { body, etag: `"${createHash('sha512').update(json).digest('hex').toUpperCase()}"` };
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
