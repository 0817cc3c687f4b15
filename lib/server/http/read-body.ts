// Reads and decodes request bodies, with kube-apiserver's size limit and media types.
import type { IncomingMessage } from 'node:http';
import { badRequest, entityTooLarge, unsupportedMediaType } from '../errors/status-errors.js';
import { decodeObjectBody } from '../input/decode-object-body.js';
import { summarizeData } from '../input/summarize-data.js';
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
 * Decodes an object body as JSON, YAML or — when `expected` names the built-in kind the
 * endpoint takes — Kubernetes protobuf (`k8s\0` + runtime.Unknown, a missing kind defaulting to
 * `expected`). JSON and YAML go through `decodeObjectBody` (bounded depth, Go's errors); without
 * `expected` the endpoint serves the custom resource `customKind`, decoded unstructured (its
 * kind required), and protobuf is refused like any unknown media type.
 *
 * @returns the object, or `null` for a `null` (or empty YAML) body.
 * @throws {ApiError} 415 for other media types, 400 for malformed or too deeply nested input.
 */
export function decodeBody(body: Buffer, mediaType: string, expected?: TypeMeta, customKind = ''): Record<string, unknown> | null {
  switch (mediaType) {
    case 'application/json':
    case 'application/yaml':
      return decodeObjectBody(body, mediaType === 'application/json' ? 'json' : 'yaml', expected?.kind ?? customKind, expected === undefined);
    case 'application/vnd.kubernetes.protobuf':
      if (expected !== undefined) return decodeProtobufBody(body, expected);
      throw unsupportedMediaType(CUSTOM_OBJECT_MEDIA_TYPES);
    default:
      throw unsupportedMediaType(expected === undefined ? CUSTOM_OBJECT_MEDIA_TYPES : OBJECT_MEDIA_TYPES);
  }
}
