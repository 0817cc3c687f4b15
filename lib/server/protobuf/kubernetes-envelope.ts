// The `k8s\0` magic and the runtime.Unknown envelope every Kubernetes protobuf object travels in.
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { ProtobufError } from './protobuf-error.js';

/** The four bytes that start every protobuf-encoded object: `k8s\0`. */
export const PROTOBUF_MAGIC: Readonly<Uint8Array> = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** A decoded `runtime.Unknown`: the object's type, its message bytes, and their encoding. */
export interface Envelope {
  readonly apiVersion: string;
  readonly kind: string;
  /** The object's message (for `contentType` protobuf, the default). */
  readonly raw: Uint8Array;
  readonly contentEncoding: string;
  readonly contentType: string;
}

/** Whether `bytes` start with the `k8s\0` magic. */
export function hasProtobufMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && PROTOBUF_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * `k8s\0` + `runtime.Unknown{typeMeta: {apiVersion, kind}, raw, contentEncoding: "", contentType: ""}`,
 * byte for byte what apimachinery's protobuf serializer writes (every field present, in number order).
 */
export function encodeEnvelope(typeMeta: { readonly apiVersion: string; readonly kind: string }, raw: Uint8Array): Uint8Array {
  const writer = new BinaryWriter();
  writer.raw(PROTOBUF_MAGIC as Uint8Array);
  writer.tag(1, WireType.LengthDelimited).fork();
  writer.tag(1, WireType.LengthDelimited).string(typeMeta.apiVersion);
  writer.tag(2, WireType.LengthDelimited).string(typeMeta.kind);
  writer.join();
  writer.tag(2, WireType.LengthDelimited).bytes(raw);
  writer.tag(3, WireType.LengthDelimited).string('');
  writer.tag(4, WireType.LengthDelimited).string('');
  return writer.finish();
}

function readTypeMeta(bytes: Uint8Array): { apiVersion: string; kind: string } {
  const reader = new BinaryReader(bytes);
  let apiVersion = '';
  let kind = '';
  while (reader.pos < reader.len) {
    const [number, wireType] = reader.tag();
    if ((number === 1 || number === 2) && wireType !== WireType.LengthDelimited) {
      throw new ProtobufError('MalformedMessage', `proto: wrong wireType = ${wireType} for field ${number === 1 ? 'APIVersion' : 'Kind'}`);
    }
    if (number === 1) apiVersion = reader.string();
    else if (number === 2) kind = reader.string();
    else reader.skip(wireType, number);
  }
  return { apiVersion, kind };
}

const FIELD_NAMES = ['', 'TypeMeta', 'Raw', 'ContentEncoding', 'ContentType'];

/**
 * Reads `k8s\0` + `runtime.Unknown`, with the errors of apimachinery's protobuf serializer.
 *
 * @throws {ProtobufError} `NotProtobuf` for empty bytes, a missing magic or nothing after it;
 *   `MalformedMessage` for a truncated or mistyped envelope.
 */
export function decodeEnvelope(bytes: Uint8Array): Envelope {
  if (bytes.length === 0) throw new ProtobufError('NotProtobuf', 'empty data');
  if (!hasProtobufMagic(bytes)) throw new ProtobufError('NotProtobuf', `provided data does not appear to be a protobuf message, expected prefix [${PROTOBUF_MAGIC.join(' ')}]`);
  if (bytes.length === PROTOBUF_MAGIC.length) throw new ProtobufError('NotProtobuf', 'empty body');
  const reader = new BinaryReader(bytes.subarray(PROTOBUF_MAGIC.length));
  let typeMeta = { apiVersion: '', kind: '' };
  let raw: Uint8Array = new Uint8Array(0);
  let contentEncoding = '';
  let contentType = '';
  try {
    while (reader.pos < reader.len) {
      const [number, wireType] = reader.tag();
      if (number <= 0) throw new ProtobufError('MalformedMessage', `proto: Unknown: illegal tag ${number} (wire type ${wireType})`);
      if (number <= 4 && wireType !== WireType.LengthDelimited) throw new ProtobufError('MalformedMessage', `proto: wrong wireType = ${wireType} for field ${FIELD_NAMES[number]}`);
      if (number === 1) typeMeta = readTypeMeta(reader.bytes());
      else if (number === 2) raw = reader.bytes();
      else if (number === 3) contentEncoding = reader.string();
      else if (number === 4) contentType = reader.string();
      else reader.skip(wireType, number);
    }
  } catch (error) {
    if (error instanceof ProtobufError) throw error;
    throw new ProtobufError('MalformedMessage', 'unexpected EOF', { cause: error });
  }
  return { ...typeMeta, raw, contentEncoding, contentType };
}
