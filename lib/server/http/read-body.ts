// Reads and decodes request bodies, with kube-apiserver's size limit and media types.
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { badRequest, entityTooLarge, unsupportedMediaType } from '../errors/status-errors.js';
import { isProtobufError } from '../protobuf/protobuf-error.js';
import { decodeProtobufObject, type TypeMeta } from '../protobuf/protobuf-object.js';

/** kube-apiserver's request body limit: 3 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 3 * 1024 * 1024;

/** The media types a create/update body may use. */
export const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'] as const;

/** The media types a custom resource's body may use (custom resources have no protobuf form). */
export const CUSTOM_OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml'] as const;

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

/** apiserver's `summarizeData`: the start of a body for an error message (JSON as text, anything else in hex). */
function summarizeData(body: Buffer, max = 30): string {
  if (body.length === 0) return '<empty>';
  const text = body[0] === 0x7b ? body.subarray(0, max).toString('utf8') : body.subarray(0, max).toString('hex');
  return body.length > max ? `${text} ...` : text;
}

/**
 * A protobuf body as an object, with kube-apiserver's error messages (`transformDecodeError`):
 * `<Kind> in version "<v>" cannot be handled as a <Kind>: ...` once the envelope named a type,
 * else `the object provided is unrecognized (must be of type <Kind>): ... (<summary>)`.
 */
function decodeProtobufBody(body: Buffer, expected: TypeMeta): Record<string, unknown> {
  try {
    return decodeProtobufObject(body, expected);
  } catch (error) {
    if (!isProtobufError(error)) throw error;
    if (error.typeMeta !== undefined) {
      const version = error.typeMeta.apiVersion.slice(error.typeMeta.apiVersion.indexOf('/') + 1);
      throw badRequest(`${error.typeMeta.kind} in version "${version}" cannot be handled as a ${expected.kind}: ${error.message}`);
    }
    throw badRequest(`the object provided is unrecognized (must be of type ${expected.kind}): ${error.message} (${summarizeData(body)})`);
  }
}

/**
 * Decodes a body as JSON, YAML or — when `expected` names the built-in kind the endpoint takes —
 * Kubernetes protobuf (`k8s\0` + runtime.Unknown, a missing kind defaulting to `expected`).
 * Without `expected` (custom resources) protobuf is refused like any unknown media type.
 *
 * @throws {ApiError} 415 for other media types, 400 for malformed input.
 */
export function decodeBody(body: Buffer, mediaType: string, expected?: TypeMeta): unknown {
  switch (mediaType) {
    case 'application/json': {
      const text = body.toString('utf8');
      if (text.trim() === '') throw badRequest('the body of the request was empty');
      try {
        return JSON.parse(text);
      } catch (error) {
        throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
      }
    }
    case 'application/yaml':
      try {
        return parseYaml(body.toString('utf8'), { strict: false });
      } catch (error) {
        throw badRequest(`error converting YAML to JSON: ${(error as Error).message}`);
      }
    case 'application/vnd.kubernetes.protobuf':
      if (expected !== undefined) return decodeProtobufBody(body, expected);
      throw unsupportedMediaType(CUSTOM_OBJECT_MEDIA_TYPES);
    default:
      throw unsupportedMediaType(expected === undefined ? CUSTOM_OBJECT_MEDIA_TYPES : OBJECT_MEDIA_TYPES);
  }
}
