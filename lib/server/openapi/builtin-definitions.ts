// The built-in kinds' object shapes and field documentation, decoded once from the generated table.
import type { GroupVersionKind } from '../../core/index.js';
import { BUILTIN_DEFINITIONS_JSON } from './builtin-definitions-data.js';

/**
 * The declared type of a field of a built-in kind. `ref` names another definition by its
 * OpenAPI name (`io.k8s.api.core.v1.Container`); `any` is free-form JSON (RawExtension,
 * apiextensions JSON); `date-time` is a `metav1.Time`/`MicroTime`; `quantity` a resource
 * quantity (a string or a number on the wire); `bytes` a Go `[]byte`, base64 on the wire.
 */
export type FieldType =
  | { readonly kind: 'string' | 'bytes' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'any' | 'date-time' | 'quantity' }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'array'; readonly items: FieldType }
  | { readonly kind: 'map'; readonly values: FieldType };

/** One field of a {@link TypeDefinition}. */
export interface FieldDefinition {
  readonly type: FieldType;
  /** The field's documentation from the Kubernetes API (what `kubectl explain` prints). */
  readonly description: string;
  /** True when the OpenAPI schema lists the field as required. */
  readonly required: boolean;
  /**
   * True when Go's encoding/json writes the field even when it holds its zero value, so
   * kube-apiserver always answers with it: a scalar without `omitempty` (`replicas: 0`), or a
   * value (non-pointer) struct, which Go writes whatever its tag says. Nil pointers, slices and
   * maps are never written by the embedded server (Go writes `null` for those without
   * `omitempty`; to a client that is the same as absent).
   */
  readonly writesZero: boolean;
  /**
   * True for a value (non-pointer) `metav1.Time` or `MicroTime`: Go writes `null` for the zero
   * time whatever the tag says, so kube-apiserver answers `creationTimestamp: null` in a pod
   * template's metadata and `eventTime: null` in a core Event that has none.
   */
  readonly writesNull: boolean;
  /** True when the Go field is tagged `omitempty`: an empty list or map in it is dropped. */
  readonly omitEmpty: boolean;
  /** True when Go drops the field's zero value (`omitempty` on a scalar that is not a pointer: `readyReplicas: 0`). */
  readonly dropsZero: boolean;
}

/** A named built-in type: a struct with fields, or a scalar alias (`Quantity`, `Time`). */
export interface TypeDefinition {
  /** The OpenAPI name, e.g. `io.k8s.api.apps.v1.DeploymentSpec`. */
  readonly name: string;
  readonly description: string;
  /** The fields of a struct, in declaration (alphabetical) order; absent for a scalar. */
  readonly fields: ReadonlyMap<string, FieldDefinition> | undefined;
  /** The type of a scalar alias; absent for a struct. */
  readonly scalar: FieldType | undefined;
}

type RawField = [string, string, 0 | 1, 0 | 1 | 2 | 3 | 4];
type RawDefinition = [string, Record<string, RawField> | string];

let decoded: { kinds: Map<string, string>; definitions: Map<string, TypeDefinition> } | undefined;

function decodeType(code: string): FieldType {
  if (code.startsWith('[]')) return { kind: 'array', items: decodeType(code.slice(2)) };
  if (code.startsWith('{}')) return { kind: 'map', values: decodeType(code.slice(2)) };
  if (code.startsWith('#')) return { kind: 'ref', name: code.slice(1) };
  switch (code) {
    case 's':
      return { kind: 'string' };
    case 'b64':
      return { kind: 'bytes' };
    case 'i':
      return { kind: 'integer' };
    case 'n':
      return { kind: 'number' };
    case 'b':
      return { kind: 'boolean' };
    case 'ios':
      return { kind: 'int-or-string' };
    case 'date-time':
      return { kind: 'date-time' };
    case 'quantity':
      return { kind: 'quantity' };
    default:
      return { kind: 'any' };
  }
}

function table(): { kinds: Map<string, string>; definitions: Map<string, TypeDefinition> } {
  if (decoded !== undefined) return decoded;
  const raw = JSON.parse(BUILTIN_DEFINITIONS_JSON) as { kinds: Record<string, string>; definitions: Record<string, RawDefinition> };
  const definitions = new Map<string, TypeDefinition>();
  for (const [name, [description, body]] of Object.entries(raw.definitions)) {
    if (typeof body === 'string') {
      definitions.set(name, { name, description, fields: undefined, scalar: decodeType(body) });
    } else {
      const fields = new Map<string, FieldDefinition>();
      for (const [field, [code, doc, required, zero]] of Object.entries(body)) {
        fields.set(field, { type: decodeType(code), description: doc, required: required === 1, writesZero: zero === 1, writesNull: zero === 4, omitEmpty: zero === 0 || zero === 3, dropsZero: zero === 3 });
      }
      definitions.set(name, { name, description, fields, scalar: undefined });
    }
  }
  decoded = { kinds: new Map(Object.entries(raw.kinds)), definitions };
  return decoded;
}

/**
 * The definition of a built-in type by OpenAPI name, or `undefined`.
 *
 * ## Example
 * ```ts
 * builtinDefinition('io.k8s.api.core.v1.Container')?.fields?.get('image')?.description;
 * ```
 */
export function builtinDefinition(name: string): TypeDefinition | undefined {
  return table().definitions.get(name);
}

/** Every built-in definition, keyed by OpenAPI name. */
export function builtinDefinitions(): ReadonlyMap<string, TypeDefinition> {
  return table().definitions;
}

/**
 * The OpenAPI name of a built-in kind's root type (`{group:'apps', version:'v1', kind:'Deployment'}`
 * → `io.k8s.api.apps.v1.Deployment`), or `undefined` for kinds that core's table does not list.
 */
export function builtinKindDefinitionName(gvk: GroupVersionKind): string | undefined {
  return table().kinds.get(`${gvk.group}/${gvk.version}/${gvk.kind}`);
}

/** Every built-in kind with its root type's OpenAPI name. */
export function builtinKinds(): ReadonlyMap<string, string> {
  return table().kinds;
}
