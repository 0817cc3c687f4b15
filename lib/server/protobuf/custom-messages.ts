// The messages whose Go types write their own JSON: Time, MicroTime, Quantity, IntOrString, the raw JSON holders.
import { WireType, type BinaryWriter } from '@bufbuild/protobuf/wire';
import type { FieldValues } from './decode-message.js';
import { formatRfc3339, formatRfc3339Micro, parseRfc3339, ZERO_TIME_SECONDS } from './go-time.js';
import { META_V1, messageType, type MessageType } from './message-table.js';
import { ProtobufError } from './protobuf-error.js';

const RESOURCE = 'k8s.io.apimachinery.pkg.api.resource';
const INTSTR = 'k8s.io.apimachinery.pkg.util.intstr';
const RUNTIME = 'k8s.io.apimachinery.pkg.runtime';
const APIEXTENSIONS = 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1';

/** Renders a nested message as JSON (the generic decoder). */
export type RenderMessage = (type: MessageType, bytes: Uint8Array, depth: number) => unknown;
/** Writes the fields of a nested message (the generic encoder). */
export type WriteMessage = (writer: BinaryWriter, type: MessageType, value: unknown, depth: number) => void;

type Custom = {
  /** JSON of the message, from its bytes and the fields read from them. */
  readonly render: (bytes: Uint8Array, values: FieldValues, depth: number, render: RenderMessage) => unknown;
  /** Writes the message's fields for a JSON value (`null`/`undefined` is the Go zero value). */
  readonly write: (writer: BinaryWriter, value: unknown, depth: number, write: WriteMessage) => void;
};

const SCHEMA_PROPS = `${APIEXTENSIONS}.JSONSchemaProps`;

function schemaProps(): MessageType {
  const type = messageType(SCHEMA_PROPS);
  if (type === undefined) throw new Error(`protobuf table: no ${SCHEMA_PROPS}`);
  return type;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Raw JSON bytes (RawExtension, FieldsV1, apiextensions JSON) as a JSON value; no bytes is `null`. */
function rawJson(raw: unknown): unknown {
  if (!(raw instanceof Uint8Array) || raw.length === 0) return null;
  if (raw.length >= 4 && raw[0] === 0x6b && raw[1] === 0x38 && raw[2] === 0x73 && raw[3] === 0x00) {
    throw new ProtobufError('MalformedMessage', 'an embedded object (runtime.RawExtension) must be JSON, not protobuf');
  }
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ProtobufError('MalformedMessage', `an embedded object (runtime.RawExtension) is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

function writeRawJson(writer: BinaryWriter, value: unknown): void {
  if (value === undefined || value === null) return;
  writer.tag(1, WireType.LengthDelimited).bytes(Buffer.from(JSON.stringify(value), 'utf8'));
}

/** Go's `time.Unix(seconds, nanos)` normalization of out-of-range nanoseconds. */
function normalized(seconds: number, nanos: number): [number, number] {
  const carry = Math.floor(nanos / 1e9);
  return [seconds + carry, nanos - carry * 1e9];
}

function renderTime(bytes: Uint8Array, values: FieldValues, micro: boolean): unknown {
  if (bytes.length === 0) return null;
  const rawSeconds = Number(values.get(1) ?? 0);
  const rawNanos = micro ? Math.trunc(Number(values.get(2) ?? 0) / 1000) * 1000 : 0;
  const [seconds, nanos] = normalized(rawSeconds, rawNanos);
  if (seconds === ZERO_TIME_SECONDS && nanos === 0) return null;
  try {
    return micro ? formatRfc3339Micro(seconds, nanos) : formatRfc3339(seconds);
  } catch (error) {
    throw new ProtobufError('MalformedMessage', `Time.MarshalJSON: ${(error as Error).message}`, { cause: error });
  }
}

function writeTime(writer: BinaryWriter, value: unknown, micro: boolean): void {
  const time = typeof value === 'string' ? parseRfc3339(value) : undefined;
  if (time === undefined || (time.seconds === ZERO_TIME_SECONDS && time.nanos === 0)) return;
  writer.tag(1, WireType.Varint).int64(time.seconds);
  writer.tag(2, WireType.Varint).int32(micro ? Math.trunc(time.nanos / 1000) * 1000 : time.nanos);
}

/** Writes a JSONSchemaProps value as field `number` of the enclosing message. */
function writeSchema(writer: BinaryWriter, number: number, value: unknown, depth: number, write: WriteMessage): void {
  writer.tag(number, WireType.LengthDelimited).fork();
  write(writer, schemaProps(), value, depth + 1);
  writer.join();
}

function listOf(values: FieldValues, number: number): unknown[] {
  return (values.get(number) as unknown[] | undefined) ?? [];
}

const CUSTOM: ReadonlyMap<string, Custom> = new Map<string, Custom>([
  [
    `${META_V1}.Time`,
    {
      // Time.Unmarshal keeps whole seconds only; zero time is JSON null and an empty message.
      render: (bytes, values) => renderTime(bytes, values, false),
      write: (writer, value) => writeTime(writer, value, false),
    },
  ],
  [
    `${META_V1}.MicroTime`,
    {
      render: (bytes, values) => renderTime(bytes, values, true),
      write: (writer, value) => writeTime(writer, value, true),
    },
  ],
  [
    `${RESOURCE}.Quantity`,
    {
      // Quantity.Marshal always writes its string form (the zero Quantity is "0").
      render: (_bytes, values) => (values.get(1) as string | undefined) ?? '0',
      write: (writer, value) => {
        const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '0';
        writer.tag(1, WireType.LengthDelimited).string(text);
      },
    },
  ],
  [
    `${INTSTR}.IntOrString`,
    {
      render: (_bytes, values) => {
        const kind = Number(values.get(1) ?? 0);
        if (kind === 0) return values.get(2) ?? 0;
        if (kind === 1) return values.get(3) ?? '';
        throw new ProtobufError('MalformedMessage', `impossible IntOrString.Type ${kind}`);
      },
      write: (writer, value) => {
        const isString = typeof value === 'string';
        writer.tag(1, WireType.Varint).int64(isString ? 1 : 0);
        writer.tag(2, WireType.Varint).int32(typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) | 0 : 0);
        writer.tag(3, WireType.LengthDelimited).string(isString ? value : '');
      },
    },
  ],
  [`${RUNTIME}.RawExtension`, { render: (_bytes, values) => rawJson(values.get(1)), write: (writer, value) => writeRawJson(writer, value) }],
  [
    `${RUNTIME}.Unknown`,
    {
      // Unknown's JSON is its raw bytes; decoding JSON into it keeps them with contentType application/json.
      render: (_bytes, values) => rawJson(values.get(2)),
      write: (writer, value) => {
        writer.tag(1, WireType.LengthDelimited).fork().join();
        if (value !== undefined && value !== null) writer.tag(2, WireType.LengthDelimited).bytes(Buffer.from(JSON.stringify(value), 'utf8'));
        writer.tag(3, WireType.LengthDelimited).string('');
        writer.tag(4, WireType.LengthDelimited).string(value === undefined || value === null ? '' : 'application/json');
      },
    },
  ],
  [`${META_V1}.FieldsV1`, { render: (_bytes, values) => rawJson(values.get(1)), write: (writer, value) => writeRawJson(writer, value) }],
  [`${APIEXTENSIONS}.JSON`, { render: (_bytes, values) => rawJson(values.get(1)), write: (writer, value) => writeRawJson(writer, value) }],
  [
    `${APIEXTENSIONS}.JSONSchemaPropsOrArray`,
    {
      // An array when jSONSchemas has items, else the schema (null when unset).
      render: (_bytes, values, depth, render) => {
        const list = listOf(values, 2);
        if (list.length > 0) return list.map((item) => render(schemaProps(), item as Uint8Array, depth + 1));
        const schema = values.get(1) as Uint8Array | undefined;
        return schema === undefined ? null : render(schemaProps(), schema, depth + 1);
      },
      write: (writer, value, depth, write) => {
        if (Array.isArray(value)) for (const item of value) writeSchema(writer, 2, item, depth, write);
        else if (isObject(value)) writeSchema(writer, 1, value, depth, write);
      },
    },
  ],
  [
    `${APIEXTENSIONS}.JSONSchemaPropsOrBool`,
    {
      // The schema when set, else the boolean `allows`.
      render: (_bytes, values, depth, render) => {
        const schema = values.get(2) as Uint8Array | undefined;
        if (schema !== undefined) return render(schemaProps(), schema, depth + 1);
        return values.get(1) === true;
      },
      write: (writer, value, depth, write) => {
        writer.tag(1, WireType.Varint).bool(value === true || isObject(value));
        if (isObject(value)) writeSchema(writer, 2, value, depth, write);
      },
    },
  ],
  [
    `${APIEXTENSIONS}.JSONSchemaPropsOrStringArray`,
    {
      // The string array when it has items, else the schema, else null.
      render: (_bytes, values, depth, render) => {
        const list = listOf(values, 2);
        if (list.length > 0) return list;
        const schema = values.get(1) as Uint8Array | undefined;
        return schema === undefined ? null : render(schemaProps(), schema, depth + 1);
      },
      write: (writer, value, depth, write) => {
        if (Array.isArray(value)) for (const item of value) writer.tag(2, WireType.LengthDelimited).string(typeof item === 'string' ? item : '');
        else if (isObject(value)) writeSchema(writer, 1, value, depth, write);
      },
    },
  ],
]);

/** The full names of the messages this module gives a JSON form (every `custom` message of the table). */
export const CUSTOM_MESSAGE_NAMES: ReadonlySet<string> = new Set(CUSTOM.keys());

function customOf(type: MessageType): Custom {
  const custom = CUSTOM.get(type.fullName);
  if (custom === undefined) throw new Error(`protobuf: no JSON form for ${type.fullName}`);
  return custom;
}

/** @internal The JSON of a `custom` message. */
export function renderCustom(type: MessageType, bytes: Uint8Array, values: FieldValues, depth: number, render: RenderMessage): unknown {
  return customOf(type).render(bytes, values, depth, render);
}

/** @internal Writes the fields of a `custom` message for its JSON value. */
export function writeCustom(writer: BinaryWriter, type: MessageType, value: unknown, depth: number, write: WriteMessage): void {
  customOf(type).write(writer, value, depth, write);
}
