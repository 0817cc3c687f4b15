// Protobuf bytes → JSON, as Go's generated unmarshalers followed by encoding/json would produce it.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { setOwnProperty } from '../../core/json/own-property.js';
import { renderCustom } from './custom-messages.js';
import type { MessageField, MessageType, ScalarType } from './message-table.js';
import { ProtobufError } from './protobuf-error.js';

type Json = Record<string, unknown>;

/** Messages nested deeper than this are refused (a 3 MiB body could otherwise nest a million deep). */
export const MAX_MESSAGE_DEPTH = 256;

/**
 * The fields read from one message, by number: a scalar's last value; a message field's bytes
 * (repeats concatenated, which is protobuf's merge); a repeated field's values; a map's entries.
 */
export type FieldValues = Map<number, unknown>;

const EMPTY = new Uint8Array(0);

function malformed(message: string, cause?: unknown): ProtobufError {
  return new ProtobufError('MalformedMessage', message, cause === undefined ? undefined : { cause });
}

function expectedWireType(field: MessageField): WireType {
  if (field.scalar === undefined || field.scalar === 'string' || field.scalar === 'bytes' || field.map) return WireType.LengthDelimited;
  return field.scalar === 'double' ? WireType.Bit64 : WireType.Varint;
}

function readScalar(reader: BinaryReader, scalar: ScalarType): unknown {
  switch (scalar) {
    case 'string':
      return reader.string();
    case 'bytes':
      return reader.bytes();
    case 'int32':
      return reader.int32();
    case 'int64':
      return Number(reader.int64());
    case 'bool':
      return reader.bool();
    case 'double':
      return reader.double();
  }
}

function concat(a: Uint8Array | undefined, b: Uint8Array): Uint8Array {
  if (a === undefined || a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Reads one `map<string, V>` entry: key 1, value 2 (either may be missing: Go uses the zero value). */
function readMapEntry(bytes: Uint8Array, field: MessageField): [string, unknown] {
  const reader = new BinaryReader(bytes);
  let key = '';
  let value: unknown;
  while (reader.pos < reader.len) {
    const [number, wireType] = reader.tag();
    if (number === 1 && wireType === WireType.LengthDelimited) key = reader.string();
    else if (number === 2 && wireType === expectedWireType({ ...field, map: false })) {
      value = field.scalar === undefined ? concat(value as Uint8Array | undefined, reader.bytes()) : readScalar(reader, field.scalar);
    } else if (number === 1 || number === 2) throw malformed(`proto: wrong wireType = ${wireType} for field ${number === 1 ? 'key' : 'value'}`);
    else reader.skip(wireType, number);
  }
  return [key, value];
}

/** Reads the fields of one message; unknown fields are skipped, as Go's unmarshalers do. */
function readFields(type: MessageType, bytes: Uint8Array): FieldValues {
  const values: FieldValues = new Map();
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [number, wireType] = reader.tag();
    if (number <= 0) throw malformed(`proto: ${type.fullName}: illegal tag ${number} (wire type ${wireType})`);
    if (wireType === WireType.EndGroup) throw malformed(`proto: ${type.fullName}: wiretype end group for non-group`);
    const field = type.byNumber.get(number);
    if (field === undefined) {
      reader.skip(wireType, number);
      continue;
    }
    const expected = expectedWireType(field);
    const packed = field.repeated && field.scalar !== undefined && expected !== WireType.LengthDelimited && wireType === WireType.LengthDelimited;
    if (wireType !== expected && !packed) throw malformed(`proto: wrong wireType = ${wireType} for field ${field.goName}`);
    if (field.map) {
      const entries = (values.get(number) as Map<string, unknown> | undefined) ?? new Map<string, unknown>();
      const [key, value] = readMapEntry(reader.bytes(), field);
      entries.set(key, value);
      values.set(number, entries);
    } else if (field.repeated) {
      const list = (values.get(number) as unknown[] | undefined) ?? [];
      if (packed) {
        const inner = new BinaryReader(reader.bytes());
        while (inner.pos < inner.len) list.push(readScalar(inner, field.scalar as ScalarType));
      } else list.push(field.scalar === undefined ? reader.bytes() : readScalar(reader, field.scalar));
      values.set(number, list);
    } else if (field.scalar === undefined) {
      values.set(number, concat(values.get(number) as Uint8Array | undefined, reader.bytes()));
    } else {
      values.set(number, readScalar(reader, field.scalar));
    }
  }
  return values;
}

/** Go's string order: byte order of the UTF-8 encodings. */
export function goStringOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function zeroScalar(scalar: ScalarType): unknown {
  switch (scalar) {
    case 'string':
      return '';
    case 'bytes':
      return null;
    case 'int32':
    case 'int64':
    case 'double':
      return 0;
    case 'bool':
      return false;
  }
}

function isZeroScalar(value: unknown): boolean {
  return value === '' || value === 0 || value === false || value === null || (value instanceof Uint8Array && value.length === 0);
}

function scalarJson(value: unknown): unknown {
  return value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.length).toString('base64') : value;
}

/** One value of a repeated field or map, as JSON. */
function elementJson(field: MessageField, value: unknown, depth: number): unknown {
  if (field.message !== undefined) return renderMessage(field.message, (value as Uint8Array | undefined) ?? EMPTY, depth + 1);
  if (value === undefined) return zeroScalar(field.scalar as ScalarType);
  return scalarJson(value);
}

/** A struct message as Go's encoding/json writes it: every field in declaration order, unless omitempty leaves it out. */
function renderStruct(type: MessageType, values: FieldValues, depth: number): Json {
  const out: Json = {};
  const put = (field: MessageField, value: unknown): void => {
    if (value !== undefined) setOwnProperty(out, field.json, value);
  };
  const absent = (field: MessageField): unknown => (field.omitempty ? undefined : null);
  for (const field of type.fields) {
    const value = values.get(field.number);
    if (field.inline && field.message !== undefined) {
      const nested = renderMessage(field.message, (value as Uint8Array | undefined) ?? EMPTY, depth + 1);
      if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) for (const [k, v] of Object.entries(nested)) setOwnProperty(out, k, v);
      continue;
    }
    if (field.map) {
      const entries = value as Map<string, unknown> | undefined;
      if (entries === undefined || entries.size === 0) {
        put(field, absent(field));
        continue;
      }
      // Go's encoding/json writes map keys sorted (byte order of UTF-8).
      const object: Json = {};
      for (const key of [...entries.keys()].sort(goStringOrder)) setOwnProperty(object, key, elementJson(field, entries.get(key), depth));
      put(field, object);
    } else if (field.repeated) {
      const list = value as unknown[] | undefined;
      put(field, list === undefined || list.length === 0 ? absent(field) : list.map((item) => elementJson(field, item, depth)));
    } else if (field.scalar !== undefined) {
      if (value === undefined) put(field, field.nilable ? absent(field) : field.omitempty ? undefined : zeroScalar(field.scalar));
      else if (field.omitempty && (field.scalar === 'bytes' ? (value as Uint8Array).length === 0 : !field.nilable && isZeroScalar(value))) continue;
      else put(field, scalarJson(value));
    } else if (field.message !== undefined) {
      if (value === undefined && field.nilable) {
        put(field, absent(field));
        continue;
      }
      const nested = renderMessage(field.message, (value as Uint8Array | undefined) ?? EMPTY, depth + 1);
      if (field.omitempty && Array.isArray(nested) && nested.length === 0) continue;
      put(field, nested);
    }
  }
  return out;
}

/**
 * Decodes the bytes of one message of `type` into its JSON form, as a Go program would by
 * unmarshalling into the Go type and marshalling that to JSON: absent value fields are their
 * zero values (`""`, `0`, `false`, `{}`), absent pointers `null`, `omitempty` zeros left out,
 * `[]byte` in base64, maps as objects, and the custom forms of Time, MicroTime, Quantity,
 * IntOrString, RawExtension, FieldsV1 and the apiextensions JSON types.
 *
 * @throws {ProtobufError} `MalformedMessage` for truncated or mistyped fields, `TooDeep` past
 *   {@link MAX_MESSAGE_DEPTH} nested messages.
 */
export function decodeMessage(type: MessageType, bytes: Uint8Array): unknown {
  return renderMessage(type, bytes, 0);
}

/** @internal {@link decodeMessage} at a nesting depth (custom messages recurse through it). */
export function renderMessage(type: MessageType, bytes: Uint8Array, depth: number): unknown {
  if (depth > MAX_MESSAGE_DEPTH) throw new ProtobufError('TooDeep', `protobuf messages nested deeper than ${MAX_MESSAGE_DEPTH}`);
  let values: FieldValues;
  try {
    values = readFields(type, bytes);
  } catch (error) {
    if (error instanceof ProtobufError) throw error;
    const text = error instanceof Error ? error.message : String(error);
    throw malformed(/premature EOF|out of range|invalid wire type/i.test(text) ? 'unexpected EOF' : `proto: ${text}`, error);
  }
  switch (type.form) {
    case 'custom':
      return renderCustom(type, bytes, values, depth, renderMessage);
    case 'slice': {
      const [items] = type.fields;
      const list = items === undefined ? undefined : (values.get(items.number) as unknown[] | undefined);
      return (list ?? []).map((item) => (items === undefined ? item : elementJson(items, item, depth)));
    }
    case 'struct':
    case 'kind':
      return renderStruct(type, values, depth);
  }
}
