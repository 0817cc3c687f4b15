// JSON → protobuf bytes, as Go's encoding/json followed by the generated marshalers would produce them.
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { ownProperty } from '../../core/json/own-property.js';
import { writeCustom } from './custom-messages.js';
import { goStringOrder, MAX_MESSAGE_DEPTH } from './decode-message.js';
import type { MessageField, MessageType, ScalarType } from './message-table.js';
import { ProtobufError } from './protobuf-error.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's conversion of a JSON number to int32 (stored objects are already typed; anything else is zero). */
function int32Of(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) | 0 : 0;
}

function int64Of(value: unknown): bigint {
  return typeof value === 'number' && Number.isFinite(value) ? BigInt(Math.trunc(value)) : 0n;
}

function bytesOf(value: unknown): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'base64') : new Uint8Array(0);
}

function writeScalar(writer: BinaryWriter, number: number, scalar: ScalarType, value: unknown): void {
  switch (scalar) {
    case 'string':
      writer.tag(number, WireType.LengthDelimited).string(typeof value === 'string' ? value : '');
      return;
    case 'bytes':
      writer.tag(number, WireType.LengthDelimited).bytes(bytesOf(value));
      return;
    case 'int32':
      writer.tag(number, WireType.Varint).int32(int32Of(value));
      return;
    case 'int64':
      writer.tag(number, WireType.Varint).int64(int64Of(value));
      return;
    case 'bool':
      writer.tag(number, WireType.Varint).bool(value === true);
      return;
    case 'double':
      writer.tag(number, WireType.Bit64).double(typeof value === 'number' ? value : 0);
      return;
  }
}

function writeNested(writer: BinaryWriter, number: number, type: MessageType, value: unknown, depth: number): void {
  writer.tag(number, WireType.LengthDelimited).fork();
  writeMessage(writer, type, value, depth + 1);
  writer.join();
}

/** One map entry: key 1, then value 2 (a nil `[]byte` value is left out, as Go's marshalers do). */
function writeMapEntry(writer: BinaryWriter, field: MessageField, key: string, value: unknown, depth: number): void {
  writer.tag(field.number, WireType.LengthDelimited).fork();
  writer.tag(1, WireType.LengthDelimited).string(key);
  if (field.message !== undefined) writeNested(writer, 2, field.message, value, depth);
  else if (!(field.scalar === 'bytes' && (value === null || value === undefined))) writeScalar(writer, 2, field.scalar as ScalarType, value);
  writer.join();
}

function writeElement(writer: BinaryWriter, field: MessageField, value: unknown, depth: number): void {
  if (field.message !== undefined) writeNested(writer, field.number, field.message, value, depth);
  else writeScalar(writer, field.number, field.scalar as ScalarType, value);
}

function writeStruct(writer: BinaryWriter, type: MessageType, value: unknown, depth: number): void {
  const object = isObject(value) ? value : {};
  for (const field of type.wireOrder) {
    if (field.inline && field.message !== undefined) {
      writeNested(writer, field.number, field.message, object, depth);
      continue;
    }
    const member = ownProperty(object, field.json);
    if (field.map) {
      if (!isObject(member)) continue;
      for (const key of Object.keys(member).sort(goStringOrder)) writeMapEntry(writer, field, key, member[key], depth);
    } else if (field.repeated) {
      if (Array.isArray(member)) for (const item of member) writeElement(writer, field, item, depth);
    } else if (!(field.nilable && (member === undefined || member === null))) {
      writeElement(writer, field, member, depth);
    }
  }
}

/**
 * Writes the fields of one message of `type` for a JSON value, as a Go program would by
 * unmarshalling the JSON into the Go type and marshalling that: fields in number order,
 * value fields always (their zero value when absent), pointer/slice/map fields only when set,
 * maps in key order, the custom forms of Time, Quantity, IntOrString, RawExtension, ...
 * Members the type does not declare are dropped, as Go's decoder drops them.
 *
 * @throws {ProtobufError} `TooDeep` past {@link MAX_MESSAGE_DEPTH} nested messages.
 */
export function writeMessage(writer: BinaryWriter, type: MessageType, value: unknown, depth: number): void {
  if (depth > MAX_MESSAGE_DEPTH) throw new ProtobufError('TooDeep', `protobuf messages nested deeper than ${MAX_MESSAGE_DEPTH}`);
  switch (type.form) {
    case 'custom':
      writeCustom(writer, type, value, depth, writeMessage);
      return;
    case 'slice': {
      const [items] = type.fields;
      if (items !== undefined && Array.isArray(value)) for (const item of value) writeElement(writer, items, item, depth);
      return;
    }
    case 'struct':
    case 'kind':
      writeStruct(writer, type, value, depth);
  }
}

/** The protobuf bytes of one message of `type` for a JSON value (see {@link writeMessage}). */
export function encodeMessage(type: MessageType, value: unknown): Uint8Array {
  const writer = new BinaryWriter();
  writeMessage(writer, type, value, 0);
  return writer.finish();
}
