// etcd's request size limit, which kube-apiserver's writes run into for objects over about 1.5 MiB.
import { statusError } from '../errors/status-errors.js';
import { failureStatus } from '../../core/index.js';
import { encodeProtobufObject, hasProtobufForm } from '../protobuf/protobuf-object.js';
import type { ResourceKind } from '../registry/resource-kind.js';

type Json = Record<string, unknown>;

/** etcd's `--max-request-bytes` default: 1.5 MiB for one request (key, value and a little framing). */
export const MAX_STORED_REQUEST_BYTES = 1.5 * 1024 * 1024;

/** What a write of `object` under `key` would send etcd: the key plus the encoded object (protobuf for built-ins, JSON otherwise). */
function requestBytes(kind: ResourceKind, key: string, object: Json): number {
  const json = Buffer.byteLength(JSON.stringify(object));
  const keyBytes = Buffer.byteLength(`/registry/${kind.group === '' ? '' : `${kind.group}/`}${kind.plural}/${key}`);
  // JSON is never smaller than the protobuf form, so only a large object pays for encoding it.
  if (kind.custom !== undefined || json + keyBytes <= MAX_STORED_REQUEST_BYTES || !hasProtobufForm({ apiVersion: kind.apiVersion, kind: kind.kind })) return json + keyBytes;
  try {
    return encodeProtobufObject(object).length + keyBytes;
  } catch {
    return json + keyBytes;
  }
}

/**
 * The object a write may store, as kube-apiserver's create/update/patch handlers decide it:
 * as is when it fits etcd's request limit; without `metadata.managedFields` when only they make
 * it too large (kube-apiserver retries so, except for server-side apply); otherwise refused.
 *
 * kube-apiserver answers that refusal with a 500 carrying etcd's message; this server keeps the
 * message and answers 413 RequestEntityTooLarge, because the request is at fault.
 *
 * @throws {ApiError} 413 `etcdserver: request is too large`.
 */
export function fitStorage(kind: ResourceKind, key: string, object: Json, apply: boolean): Json {
  if (requestBytes(kind, key, object) <= MAX_STORED_REQUEST_BYTES) return object;
  const metadata = object['metadata'] as Json | undefined;
  if (!apply && metadata !== undefined && metadata['managedFields'] !== undefined) {
    const { managedFields: _dropped, ...rest } = metadata;
    const slim = { ...object, metadata: rest };
    if (requestBytes(kind, key, slim) <= MAX_STORED_REQUEST_BYTES) return slim;
  }
  throw statusError(failureStatus(413, 'RequestEntityTooLarge', 'etcdserver: request is too large'));
}
