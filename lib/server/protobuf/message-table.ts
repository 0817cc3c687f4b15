// The protobuf messages of the built-in kinds, resolved from the generated table once, on first use.
import { PROTOBUF_FIELDS_JSON } from './protobuf-fields-data.js';

/** The protobuf scalar types Kubernetes messages use. */
export type ScalarType = 'string' | 'bytes' | 'int32' | 'int64' | 'bool' | 'double';

/**
 * How a message's Go type maps to JSON: `struct` field by field, `kind` likewise (a top-level
 * object: its apiVersion/kind travel in the envelope), `slice` a named Go slice (a JSON array of
 * the one `items` field), `custom` a type with its own JSON form (Time, Quantity, IntOrString...).
 */
export type MessageForm = 'struct' | 'kind' | 'slice' | 'custom';

/** One field of a message, with the Go facts that decide its JSON form and whether it is written. */
export interface MessageField {
  readonly number: number;
  /** The JSON name (`""` for an inlined struct, whose fields sit in the parent object). */
  readonly json: string;
  /** The Go field name (`ObjectMeta` for `metadata`), as Go's unmarshal errors name the field. */
  readonly goName: string;
  /** The scalar type, or `undefined` for a message field. */
  readonly scalar: ScalarType | undefined;
  /** The message type (a map's value type for maps), or `undefined` for a scalar. */
  readonly message: MessageType | undefined;
  readonly repeated: boolean;
  /** A `map<string, ...>`: repeated entries of key 1 and value 2, written in key order. */
  readonly map: boolean;
  /** A Go pointer, slice or map: written only when set, `null` in JSON when unset. Value fields are always written. */
  readonly nilable: boolean;
  /** JSON `omitempty`: the zero value is left out of JSON. */
  readonly omitempty: boolean;
  /** JSON `,inline`: the nested message's fields are the parent object's. */
  readonly inline: boolean;
}

/** One message type. */
export interface MessageType {
  /** The fully qualified protobuf name, `k8s.io.api.core.v1.Pod`. */
  readonly fullName: string;
  readonly form: MessageForm;
  /** Fields in Go declaration order (the order of JSON output). */
  readonly fields: readonly MessageField[];
  /** Fields in field-number order (the order Go's marshalers write them in). */
  readonly wireOrder: readonly MessageField[];
  readonly byNumber: ReadonlyMap<number, MessageField>;
}

type FieldRow = [number, string, string, string, string?];
interface PackageRow {
  group: string;
  version: string;
  messages: Record<string, { fields: FieldRow[]; form?: 'kind' | 'slice' | 'custom' }>;
  aliases?: Record<string, string>;
}

const SCALARS: ReadonlySet<string> = new Set(['string', 'bytes', 'int32', 'int64', 'bool', 'double']);

/** Kinds of meta/v1 that every group version knows (`metav1.AddToGroupVersion`): options, events, Status. */
const META_IN_EVERY_VERSION: ReadonlySet<string> = new Set([
  'WatchEvent',
  'ListOptions',
  'GetOptions',
  'DeleteOptions',
  'CreateOptions',
  'UpdateOptions',
  'PatchOptions',
  'Status',
  'APIVersions',
  'APIGroupList',
  'APIGroup',
  'APIResourceList',
]);

/** The proto package of meta/v1. */
export const META_V1 = 'k8s.io.apimachinery.pkg.apis.meta.v1';

interface Table {
  readonly messages: ReadonlyMap<string, MessageType>;
  /** `apiVersion/Kind` → message, for every kind of the served packages. */
  readonly kinds: ReadonlyMap<string, MessageType>;
}

let table: Table | undefined;

function load(): Table {
  const parsed = JSON.parse(PROTOBUF_FIELDS_JSON) as { packages: Record<string, PackageRow> };
  const messages = new Map<string, MessageType>();
  const pending: [MessageField[], string, FieldRow[]][] = [];
  const kinds = new Map<string, MessageType>();
  for (const [pkg, row] of Object.entries(parsed.packages)) {
    for (const [name, entry] of Object.entries(row.messages)) {
      const fields: MessageField[] = [];
      const type: MessageType = { fullName: `${pkg}.${name}`, form: entry.form ?? 'struct', fields, wireOrder: [], byNumber: new Map() };
      messages.set(type.fullName, type);
      pending.push([fields, pkg, entry.fields]);
      if (type.form === 'kind') kinds.set(`${row.group === '' ? row.version : `${row.group}/${row.version}`}/${name}`, type);
    }
  }
  for (const row of Object.values(parsed.packages)) {
    for (const [kind, target] of Object.entries(row.aliases ?? {})) {
      const type = messages.get(target);
      if (type !== undefined) kinds.set(`${row.group === '' ? row.version : `${row.group}/${row.version}`}/${kind}`, type);
    }
  }
  for (const [fields, pkg, rows] of pending) {
    for (const [number, json, type, flags, goName] of rows) {
      const scalar = SCALARS.has(type) ? (type as ScalarType) : undefined;
      const message = scalar === undefined ? messages.get(type.includes('.') ? type : `${pkg}.${type}`) : undefined;
      if (scalar === undefined && message === undefined) throw new Error(`protobuf table: unresolved type ${type}`);
      fields.push({
        number,
        json,
        goName: goName ?? json.charAt(0).toUpperCase() + json.slice(1),
        scalar,
        message,
        repeated: flags.includes('r'),
        map: flags.includes('m'),
        nilable: flags.includes('n'),
        omitempty: flags.includes('o'),
        inline: flags.includes('i'),
      });
    }
  }
  for (const type of messages.values()) {
    const wireOrder = [...type.fields].sort((a, b) => a.number - b.number);
    Object.assign(type, { wireOrder, byNumber: new Map(wireOrder.map((f) => [f.number, f])) });
  }
  return { messages, kinds };
}

function loaded(): Table {
  table ??= load();
  return table;
}

/** The message named `fullName` (`k8s.io.api.core.v1.Pod`), if the table has it. */
export function messageType(fullName: string): MessageType | undefined {
  return loaded().messages.get(fullName);
}

/** Every message of the table. */
export function allMessageTypes(): IterableIterator<MessageType> {
  return loaded().messages.values();
}

/**
 * The message of a kind as the protobuf envelope names it: `v1`/`Pod`, `apps/v1`/`Deployment`,
 * and meta/v1's Status, WatchEvent and option kinds under any group version (as the API server's
 * scheme registers them). `undefined` for kinds with no protobuf form (custom resources, Table).
 */
export function kindMessageType(apiVersion: string, kind: string): MessageType | undefined {
  const { kinds, messages } = loaded();
  const exact = kinds.get(`${apiVersion}/${kind}`);
  if (exact !== undefined) return exact;
  return META_IN_EVERY_VERSION.has(kind) ? messages.get(`${META_V1}.${kind}`) : undefined;
}
