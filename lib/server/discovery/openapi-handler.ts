// Serves /openapi/v3 (the index with content hashes) and the per-group-version documents.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import { openApiV3Documents, type ServedResource } from '../openapi/openapi-v3.js';
import type { ResourceRegistry } from '../registry/resource-registry.js';
import { writeNotFoundPage } from '../http/respond.js';

interface Documents {
  readonly revision: number;
  readonly bodies: Map<string, { body: string; hash: string }>;
  readonly index: string;
}

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * kube-openapi's `handler3` over the server's resources:
 *
 * - `GET /openapi/v3`: `{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=<SHA512>"},...}}`;
 * - `GET /openapi/v3/<group-version>`: the document, with an `ETag`; with the current `?hash=`
 *   it is immutable for a year, with a stale one the answer is a 301 to the current URL;
 *   `If-None-Match` with the ETag answers 304.
 *
 * Documents are rebuilt whenever the served resources change (a CRD is established or
 * removed), so the hashes change exactly then and clients' caches stay right.
 */
export class OpenApiHandler {
  readonly #registry: ResourceRegistry;
  #documents: Documents | undefined;

  constructor(registry: ResourceRegistry) {
    this.#registry = registry;
  }

  /** Answers `/openapi/v3[...]`; returns false for other paths. */
  serve(req: IncomingMessage, res: ServerResponse, url: { readonly pathname: string; readonly searchParams: URLSearchParams }): boolean {
    const path = url.pathname.replace(/\/+$/, '');
    if (path !== '/openapi/v3' && !path.startsWith('/openapi/v3/')) return false;
    const docs = this.#current();
    if (path === '/openapi/v3') {
      this.#send(req, res, docs.index, `"${sha512(docs.index)}"`);
      return true;
    }
    const key = path.slice('/openapi/v3/'.length);
    const doc = docs.bodies.get(key);
    if (doc === undefined) {
      writeNotFoundPage(res);
      return true;
    }
    const asked = url.searchParams.get('hash');
    if (asked !== null && asked !== '' && asked !== doc.hash) {
      res.statusCode = 301;
      res.setHeader('Location', `/openapi/v3/${key}?hash=${doc.hash}`);
      res.end();
      return true;
    }
    if (asked === doc.hash) {
      res.setHeader('Cache-Control', 'public, immutable');
      res.setHeader('Expires', new Date(Date.now() + ONE_YEAR_MS).toUTCString());
    }
    this.#send(req, res, doc.body, `"${doc.hash}"`);
    return true;
  }

  #send(req: IncomingMessage, res: ServerResponse, body: string, etag: string): void {
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  }

  #current(): Documents {
    const revision = this.#registry.revision;
    if (this.#documents?.revision === revision) return this.#documents;
    const served: ServedResource[] = [];
    for (const kind of this.#registry.all()) {
      if (kind.custom !== undefined && !kind.custom.established) continue;
      served.push({
        group: kind.group,
        version: kind.version,
        kind: kind.kind,
        plural: kind.plural,
        namespaced: kind.namespaced,
        subresources: kind.subresources,
        verbs: kind.verbs,
        ...(kind.custom?.schema === undefined ? {} : { schema: kind.custom.schema as JSONSchemaProps }),
      });
    }
    const bodies = new Map<string, { body: string; hash: string }>();
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const [key, document] of openApiV3Documents(served)) {
      const body = JSON.stringify(document);
      const hash = sha512(body);
      bodies.set(key, { body, hash });
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
    }
    this.#documents = { revision, bodies, index: JSON.stringify({ paths }) };
    return this.#documents;
  }
}

function sha512(text: string): string {
  return createHash('sha512').update(text).digest('hex').toUpperCase();
}
