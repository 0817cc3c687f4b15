// Whole Kubernetes objects in protobuf: JSON objects to `k8s\0` envelopes and back.
import { decodeMessage } from './decode-message.js';
import { encodeMessage } from './encode-message.js';
import { decodeEnvelope, encodeEnvelope } from './kubernetes-envelope.js';
import { kindMessageType } from './message-table.js';
import { ProtobufError } from './protobuf-error.js';

type Json = Record<string, unknown>;

/** An object's type, as `apiVersion` and `kind`. */
export interface TypeMeta {
  readonly apiVersion: string;
  readonly kind: string;
}

/** Whether objects of this type have a protobuf form (built-in kinds, their lists, Status, ...; not custom resources or Table). */
export function hasProtobufForm(type: TypeMeta): boolean {
  return kindMessageType(type.apiVersion, type.kind) !== undefined;
}

/**
 * An object as kube-apiserver writes it in `application/vnd.kubernetes.protobuf`: `k8s\0`, then a
 * `runtime.Unknown` whose typeMeta is the object's apiVersion/kind and whose raw bytes are the
 * kind's message (fields written as Go writes them).
 *
 * @throws {ProtobufError} `NotEncodable` when the kind has no protobuf message.
 */
export function encodeProtobufObject(object: Json): Uint8Array {
  const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '';
  const kind = typeof object['kind'] === 'string' ? object['kind'] : '';
  const type = kindMessageType(apiVersion, kind);
  if (type === undefined) throw new ProtobufError('NotEncodable', `object ${apiVersion}, Kind=${kind} cannot be encoded to a protobuf message`);
  return encodeEnvelope({ apiVersion, kind }, encodeMessage(type, object));
}

/**
 * Decodes a protobuf object into its JSON form (`kind` and `apiVersion` first, then the fields
 * as Go's JSON encoder writes them). An envelope without a kind or version takes the
 * `defaults` (the endpoint's kind), as apimachinery's decoder does.
 *
 * @throws {ProtobufError} `NotProtobuf`, `MalformedMessage`, `TooDeep`, or `UnknownKind` when
 *   the envelope names a kind with no protobuf message; past the envelope, the error carries the
 *   object's `typeMeta`.
 */
export function decodeProtobufObject(bytes: Uint8Array, defaults: TypeMeta): Json {
  const envelope = decodeEnvelope(bytes);
  const kind = envelope.kind === '' ? defaults.kind : envelope.kind;
  const apiVersion = envelope.apiVersion === '' ? defaults.apiVersion : envelope.apiVersion;
  const type = kindMessageType(apiVersion, kind);
  if (type === undefined) {
    throw new ProtobufError('UnknownKind', `no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/runtime/scheme.go:100"`, { typeMeta: { apiVersion, kind } });
  }
  try {
    return { kind, apiVersion, ...(decodeMessage(type, envelope.raw) as Json) };
  } catch (error) {
    if (!(error instanceof ProtobufError)) throw error;
    throw new ProtobufError(error.reason, error.message, { cause: error, typeMeta: { apiVersion, kind } });
  }
}
