// Writing answers: JSON, YAML or protobuf bodies, Status errors, and the plain-text 404 page.
import type { ServerResponse } from 'node:http';
import { stringify as toYaml } from 'yaml';
import { isApiError, type Status } from '../../core/index.js';
import { internalError, wireStatusOf } from '../errors/status-errors.js';
import { encodeProtobufObject, hasProtobufForm } from '../protobuf/protobuf-object.js';
import { MEDIA_TYPES, type MediaKind } from './negotiate.js';
import { warningHeaders } from './warning-headers.js';

/** How to encode an answer. */
export interface Encoding {
  /** Indent JSON (`pretty=true`, or a curl/wget/browser User-Agent). */
  readonly pretty: boolean;
  /** The negotiated serialization (JSON when absent). */
  readonly media?: MediaKind;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The bytes and Content-Type of an answer. Protobuf is written for objects that have a protobuf
 * form; negotiation never picks it for others (custom resources, Tables), and should one reach
 * here anyway it is written as JSON rather than failing a request that has already been served.
 */
export function serializeBody(body: unknown, encoding: Encoding): { readonly bytes: string | Uint8Array; readonly contentType: string } {
  const apiVersion = isObject(body) && typeof body['apiVersion'] === 'string' ? body['apiVersion'] : '';
  const kind = isObject(body) && typeof body['kind'] === 'string' ? body['kind'] : '';
  if (encoding.media === 'protobuf' && isObject(body) && hasProtobufForm({ apiVersion, kind })) {
    return { bytes: encodeProtobufObject(body), contentType: MEDIA_TYPES.protobuf };
  }
  const yaml = encoding.media === 'yaml';
  return { bytes: encodeBody(body, encoding), contentType: yaml ? MEDIA_TYPES.yaml : MEDIA_TYPES.json };
}


/** Serializes a body as kube-apiserver does: JSON plus a newline (or YAML). */
export function encodeBody(body: unknown, encoding: Encoding): string {
  if (encoding.media === 'yaml') return toYaml(body);
  return `${encoding.pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body)}\n`;
}

/**
 * Writes a JSON, YAML or protobuf answer with the API server's headers.
 *
 * Never fails an answer that reports success: writes call it after the change is stored, so a
 * body that cannot take the negotiated form (YAML, protobuf) is written as JSON instead, and
 * warnings go through {@link warningHeaders}, which cannot produce a header Node refuses.
 */
export function writeObject(
  res: ServerResponse,
  code: number,
  object: unknown,
  encoding: Encoding,
  extra: { warnings?: readonly string[]; headers?: Readonly<Record<string, string>> } = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  let serialized: { readonly bytes: string | Uint8Array; readonly contentType: string };
  try {
    serialized = serializeBody(object, encoding);
  } catch (error) {
    if (code >= 300) throw error;
    serialized = { bytes: encodeBody(object, { pretty: encoding.pretty }), contentType: MEDIA_TYPES.json };
  }
  const { bytes, contentType } = serialized;
  res.statusCode = code;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-cache, private');
  for (const [name, value] of Object.entries(extra.headers ?? {})) res.setHeader(name, value);
  const warnings = warningHeaders(extra.warnings ?? []);
  if (warnings.length > 0) res.setHeader('Warning', warnings);
  // A Buffer body makes Node write the headers as Latin-1, so header bytes are exactly the ones
  // given (a string body would re-encode them as UTF-8).
  const body = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** Writes a Status error answer (with `Retry-After` when the Status asks for one). */
export function writeStatus(res: ServerResponse, status: Status, encoding: Encoding, warnings?: readonly string[]): void {
  const retry = status.details?.retryAfterSeconds;
  const headers: Record<string, string> = { 'X-Content-Type-Options': 'nosniff' };
  if (retry !== undefined && retry > 0) headers['Retry-After'] = String(retry);
  writeObject(res, status.code ?? 500, status, encoding, { headers, ...(warnings === undefined ? {} : { warnings }) });
}

/** Writes any thrown value: an ApiError's Status, or a 500 InternalError for anything else. */
export function writeError(res: ServerResponse, error: unknown, encoding: Encoding, warnings?: readonly string[]): void {
  const status = isApiError(error) ? wireStatusOf(error) : wireStatusOf(internalError(error instanceof Error ? error.message : String(error)));
  writeStatus(res, status, encoding, warnings);
}

/** Go's `http.NotFound`: 404, `text/plain`, body `404 page not found`. */
export function writeNotFoundPage(res: ServerResponse): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end('404 page not found\n');
}

/** Go's net/http answer to a request target it cannot parse: 400, `text/plain`, body `400 Bad Request`, connection closed. */
export function writeBadRequestPage(res: ServerResponse): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = 400;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Connection', 'close');
  res.end('400 Bad Request');
}
