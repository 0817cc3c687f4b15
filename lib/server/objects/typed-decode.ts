// Decodes a built-in object as kube-apiserver's typed decoder does: unknown fields dropped, type errors refused.
import type { GroupVersionKind } from '../../core/index.js';
import { builtinDefinition, type FieldType } from '../openapi/builtin-definitions.js';
import { rootCursor } from '../patch/builtin-type-cursor.js';
import { setOwnProperty } from '../../core/json/own-property.js';
import { rfc3339Error } from '../input/go-time.js';

type Json = Record<string, unknown>;

/** What typed decoding found. */
export interface TypedDecodeResult {
  /** The object with unknown fields, nulls and empty optional maps/lists removed. */
  readonly object: Json;
  /** Paths of fields the type does not declare (`spec.replica`), as `fieldValidation` reports them. */
  readonly unknownFields: string[];
  /** The first JSON type mismatch, worded like Go's json decoder, if any. */
  readonly typeError: string | undefined;
}

const GO_TYPES: Readonly<Record<string, string>> = { string: 'string', integer: 'int64', number: 'float64', boolean: 'bool' };

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

function resolveScalar(type: FieldType | undefined): FieldType | undefined {
  let current = type;
  while (current?.kind === 'ref') {
    const definition = builtinDefinition(current.name);
    if (definition?.fields !== undefined || definition === undefined) return current;
    current = definition.scalar;
  }
  return current;
}

/**
 * What Go's decoder leaves in a list element or map value that is JSON `null`: the zero value
 * of the element type (`""`, `0`, `false`, `"0"` for a quantity, an empty struct); `null` for
 * times, maps, lists and free-form values.
 */
function zeroValue(type: FieldType | undefined): unknown {
  const resolved = resolveScalar(type);
  switch (resolved?.kind) {
    case 'ref':
      return {};
    case 'string':
      return '';
    case 'quantity':
      return '0';
    case 'integer':
    case 'number':
    case 'int-or-string':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** A number written as a resource quantity's canonical string: `1` → `"1"`, `0.5` → `"500m"`. */
function formatQuantity(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const milli = value * 1000;
  return Number.isInteger(Math.round(milli * 1e6) / 1e6) ? `${Math.round(milli)}m` : String(value);
}

function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

/** Go's name of a struct type: its package and name (`io.k8s.api.core.v1.Container` is `v1.Container`). */
function qualifiedName(definition: string): string {
  const parts = definition.split('.');
  return parts.length < 2 ? definition : `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

/** Go's name of a field type, as its decoder prints it in type errors (`[]string`, `[]v1.Container`, `map[string]string`). */
function goTypeName(type: FieldType | undefined): string {
  const resolved = resolveScalar(type);
  switch (resolved?.kind) {
    case 'ref':
      return qualifiedName(resolved.name);
    case 'array':
      return `[]${goTypeName(resolved.items)}`;
    case 'map':
      return `map[string]${goTypeName(resolved.values)}`;
    case 'string':
      return 'string';
    case 'integer':
      return 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'date-time':
      return 'v1.Time';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    default:
      return 'interface {}';
  }
}

class Decoder {
  readonly unknownFields: string[] = [];
  typeError: string | undefined;
  /** A leading path type errors leave out (unstructured objects decode `metadata` on its own). */
  readonly #typePathPrefix: string;

  constructor(typePathPrefix = '') {
    this.#typePathPrefix = typePathPrefix;
  }

  value(value: unknown, type: FieldType | undefined, path: string, owner: string): unknown {
    const resolved = resolveScalar(type);
    if (resolved === undefined || value === null) return value;
    switch (resolved.kind) {
      case 'ref':
        return this.struct(value, resolved.name, path, owner);
      case 'array': {
        if (!Array.isArray(value)) return this.mismatch(value, goTypeName(resolved), path, owner);
        return value.map((item, i) => this.value(item === null ? zeroValue(resolved.items) : item, resolved.items, `${path}[${i}]`, owner));
      }
      case 'map': {
        if (jsonType(value) !== 'object') return this.mismatch(value, goTypeName(resolved), path, owner);
        const out: Json = {};
        // Go's field paths name struct fields only, never map keys.
        for (const [k, v] of Object.entries(value as Json)) setOwnProperty(out, k, this.value(v === null ? zeroValue(resolved.values) : v, resolved.values, path, owner));
        return out;
      }
      case 'string':
      case 'bytes':
        return typeof value === 'string' ? value : this.mismatch(value, 'string', path, owner);
      case 'date-time': {
        if (typeof value !== 'string') return this.mismatch(value, 'string', path, owner);
        const error = rfc3339Error(value);
        if (error !== undefined) this.typeError ??= error;
        return value;
      }
      case 'integer':
        return typeof value === 'number' && Number.isInteger(value) ? value : this.mismatch(value, 'int64', path, owner);
      case 'number':
        return typeof value === 'number' ? value : this.mismatch(value, 'float64', path, owner);
      case 'boolean':
        return typeof value === 'boolean' ? value : this.mismatch(value, 'bool', path, owner);
      case 'int-or-string':
        return typeof value === 'string' || typeof value === 'number' ? value : this.mismatch(value, 'string', path, owner);
      case 'quantity':
        if (typeof value === 'number') return formatQuantity(value);
        return typeof value === 'string' ? value : this.mismatch(value, 'string', path, owner);
      case 'any':
        return value;
    }
  }

  struct(value: unknown, name: string, path: string, owner: string = name): unknown {
    if (jsonType(value) !== 'object') return this.mismatch(value, qualifiedName(name), path, owner);
    const definition = builtinDefinition(name);
    const fields = definition?.fields;
    if (fields === undefined) return value;
    const out: Json = {};
    for (const [key, raw] of Object.entries(value as Json)) {
      const at = path === '' ? key : `${path}.${key}`;
      const field = fields.get(key);
      if (field === undefined) {
        this.unknownFields.push(at);
        continue;
      }
      if (raw === null || raw === undefined) continue;
      const decoded = this.value(raw, field.type, at, name);
      if (field.omitEmpty) {
        const kind = resolveScalar(field.type)?.kind;
        if (kind === 'map' && jsonType(decoded) === 'object' && Object.keys(decoded as Json).length === 0) continue;
        if (kind === 'array' && Array.isArray(decoded) && decoded.length === 0) continue;
      }
      if (field.dropsZero && (decoded === 0 || decoded === '' || decoded === false)) continue;
      setOwnProperty(out, key, decoded);
    }
    return out;
  }

  mismatch(value: unknown, goType: string, path: string, owner: string): unknown {
    // Go's field stack names struct fields only: no list indices, no map keys.
    const fields = path.replace(/\[\d+\]/g, '');
    const shown = fields.startsWith(this.#typePathPrefix) ? fields.slice(this.#typePathPrefix.length) : fields;
    this.typeError ??= `json: cannot unmarshal ${jsonType(value) === 'boolean' ? 'bool' : jsonType(value)} into Go struct field ${shortName(owner)}.${shown} of type ${GO_TYPES[goType] ?? goType}`;
    return value;
  }
}

/**
 * Decodes a built-in object against its Kubernetes type, as kube-apiserver's typed JSON
 * decoding does: fields the type does not declare are dropped (and reported, for
 * `fieldValidation`), `null` members become absent, empty maps and lists in `omitempty`
 * fields are omitted, so is the zero value (0, "", false) of an `omitempty` scalar that is no
 * pointer (`status.readyReplicas: 0`), and a value of the wrong JSON type is a decode error. Kinds without a
 * definition are returned unchanged.
 */
export function typedDecode(gvk: GroupVersionKind, object: Json): TypedDecodeResult {
  const root = rootCursor(gvk);
  if (root === undefined || root.kind !== 'ref') return { object, unknownFields: [], typeError: undefined };
  const decoder = new Decoder();
  const decoded = decoder.struct(object, root.name, '') as Json;
  return { object: decoded, unknownFields: decoder.unknownFields, typeError: decoder.typeError };
}

/**
 * Decodes the `metadata` of an unstructured object (a custom resource) as kube-apiserver
 * does: against `ObjectMeta`, so a member of the wrong JSON type is refused
 * (`json: cannot unmarshal array into Go struct field ObjectMeta.labels of type
 * map[string]string`) and unknown members are reported as `metadata.<name>`.
 */
export function typedDecodeObjectMeta(metadata: Json): TypedDecodeResult {
  const decoder = new Decoder('metadata.');
  const decoded = decoder.struct(metadata, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'metadata') as Json;
  return { object: decoded, unknownFields: decoder.unknownFields, typeError: decoder.typeError };
}
