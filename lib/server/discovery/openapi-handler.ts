// Serves /openapi/v3 (the index with content hashes) and the per-group-version documents.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import { openApiV3Documents, type ServedResource } from '../openapi/openapi-v3.js';
import { openApiV2Document } from '../openapi/openapi-v2.js';
import { encodeOpenApiV2, OPENAPI_V2_PROTOBUF_ACCEPT, OPENAPI_V2_PROTOBUF_CONTENT_TYPE } from '../openapi/openapi-v2-protobuf.js';
import type { ResourceRegistry } from '../registry/resource-registry.js';
import { writeNotFoundPage } from '../http/respond.js';

interface Documents {
  readonly revision: number;
  readonly bodies: Map<string, { body: string; hash: string }>;
  readonly index: string;
  readonly served: readonly ServedResource[];
}

interface V2Documents {
  readonly revision: number;
  readonly json: string;
  readonly protobuf: Buffer;
  readonly etag: string;
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
  #v2: V2Documents | undefined;

  constructor(registry: ResourceRegistry) {
    this.#registry = registry;
  }

  /** Answers `/openapi/v3[...]`; returns false for other paths. */
  serve(req: IncomingMessage, res: ServerResponse, url: { readonly pathname: string; readonly searchParams: URLSearchParams }): boolean {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/openapi/v2') {
      this.#serveV2(req, res);
      return true;
    }
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

  /**
   * `GET /openapi/v2`: the Swagger 2.0 document, in protobuf (gnostic's Document) when the
   * Accept header names kube-openapi's protobuf type, as kubectl's first request does, else JSON;
   * one ETag for both, as kube-openapi's handler gives.
   */
  #serveV2(req: IncomingMessage, res: ServerResponse): void {
    const revision = this.#registry.revision;
    if (this.#v2?.revision !== revision) {
      const document = openApiV2Document(this.#current().served);
      const json = JSON.stringify(document);
      this.#v2 = { revision, json, protobuf: Buffer.from(encodeOpenApiV2(document)), etag: `"${sha512(json)}"` };
    }
    const v2 = this.#v2;
    const protobuf = (req.headers.accept ?? '').split(',').some((range) => range.trim().split(';')[0] === OPENAPI_V2_PROTOBUF_ACCEPT);
    res.setHeader('Content-Type', protobuf ? OPENAPI_V2_PROTOBUF_CONTENT_TYPE : 'application/json');
    res.setHeader('ETag', v2.etag);
    res.setHeader('Vary', 'Accept');
    if (req.headers['if-none-match'] === v2.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const body = protobuf ? v2.protobuf : Buffer.from(v2.json);
    res.statusCode = 200;
    res.setHeader('Content-Length', body.length);
    res.end(body);
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
    this.#documents = { revision, bodies, index: JSON.stringify({ paths }), served };
    return this.#documents;
  }
}

function sha512(text: string): string {
  return createHash('sha512').update(text).digest('hex').toUpperCase();
}
