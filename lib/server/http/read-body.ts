// Reads and decodes request bodies, with kube-apiserver's size limit and media types.
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, entityTooLarge, unsupportedMediaType } from '../errors/status-errors.js';

/** kube-apiserver's request body limit: 3 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

/** The media types a create/update body may use. */
export const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'] as const;

/** The media type of a request, without parameters, lowercased; JSON when absent. */
export function contentTypeOf(req: IncomingMessage): string {
  const header = req.headers['content-type'];
  if (header === undefined || header.trim() === '') return 'application/json';
  return (header.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Reads the whole body, refusing more than `limit` bytes.
 *
 * @throws {ApiError} 413 `Request entity too large: limit is N`.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw entityTooLarge(`limit is ${limit}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      req.resume();
      throw entityTooLarge(`limit is ${limit}`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Decodes a body as JSON or YAML by its media type.
 *
 * @throws {ApiError} 415 for other media types, 400 for malformed input.
 */
export function decodeBody(body: Buffer, mediaType: string, accepted: readonly string[] = OBJECT_MEDIA_TYPES): unknown {
  const text = body.toString('utf8');
  switch (mediaType) {
    case 'application/json':
      if (text.trim() === '') throw badRequest('the body of the request was empty');
      try {
        return JSON.parse(text);
      } catch (error) {
        throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
      }
    case 'application/yaml':
      try {
        return parseYaml(text, { strict: false });
      } catch (error) {
        throw badRequest(`error converting YAML to JSON: ${(error as Error).message}`);
      }
    default:
      throw unsupportedMediaType(accepted);
  }
}
