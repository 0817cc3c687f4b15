// Go's zero values: the fields kube-apiserver always writes, because its JSON encoder does.
import type { GroupVersionKind } from '../../core/index.js';
import { ownProperty, setOwnProperty } from '../../core/json/own-property.js';
import { builtinDefinition, type FieldType } from '../openapi/builtin-definitions.js';
import { rootCursor } from '../patch/builtin-type-cursor.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The zero value of a field Go always writes, or `undefined` when it writes none. */
function zeroOf(type: FieldType): unknown {
  switch (type.kind) {
    case 'integer':
    case 'number':
    case 'int-or-string':
      return 0;
    case 'string':
      return '';
    case 'bytes':
      return undefined;
    case 'boolean':
      return false;
    case 'quantity':
      return '0';
    case 'ref': {
      const definition = builtinDefinition(type.name);
      if (definition === undefined) return undefined;
      return definition.fields !== undefined ? {} : definition.scalar === undefined ? undefined : zeroOf(definition.scalar);
    }
    case 'date-time':
    case 'any':
    case 'array':
    case 'map':
      return undefined;
  }
}

function fillValue(value: unknown, type: FieldType, nils: boolean): void {
  switch (type.kind) {
    case 'ref':
      if (isObject(value)) fillStruct(value, type.name, nils);
      break;
    case 'array':
      if (Array.isArray(value)) for (const item of value) fillValue(item, type.items, nils);
      break;
    case 'map':
      if (isObject(value)) for (const key of Object.keys(value)) fillValue(ownProperty(value, key), type.values, nils);
      break;
    default:
      break;
  }
}

/** `nils`: also write `null` for nil pointers, slices and maps without `omitempty`, as Go does. */
function fillStruct(object: Json, name: string, nils: boolean): void {
  const fields = builtinDefinition(name)?.fields;
  if (fields === undefined) return;
  for (const [field, definition] of fields) {
    let value = ownProperty(object, field);
    if ((value === undefined || value === null) && definition.writesZero) {
      value = zeroOf(definition.type);
      if (value !== undefined) setOwnProperty(object, field, value);
    } else if (value === undefined && (definition.writesNull || (nils && !definition.omitEmpty))) {
      setOwnProperty(object, field, null);
    }
    if (value !== undefined && value !== null) fillValue(value, definition.type, nils);
  }
}

/**
 * Adds, in place, the fields kube-apiserver always answers with although they hold Go's zero
 * value: scalars without `omitempty` (`status.replicas: 0` of a ReplicaSet,
 * `currentNumberScheduled: 0` of a DaemonSet, a Node's `daemonEndpoints.kubeletEndpoint.Port: 0`)
 * and value structs, which Go's encoder writes whatever their tag says (a Deployment's
 * `status: {}`, a container's `resources: {}`; a zero `metav1.Time` as `null`, such as a pod
 * template's `metadata.creationTimestamp`). Which fields those are is read from the Go types
 * by scripts/generate-builtin-definitions.ts. Clients rely on it: the official Python client
 * refuses a ReplicaSet whose `status.replicas` is missing. Kinds without a built-in
 * definition (custom resources) are left unchanged.
 */
export function writeZeroValues(gvk: GroupVersionKind, object: Json): void {
  const root = rootCursor(gvk);
  if (root?.kind === 'ref') fillStruct(object, root.name, false);
}

/**
 * A copy of a built-in object exactly as Go's encoding/json writes the typed object: what
 * {@link writeZeroValues} adds, and also `null` for every nil pointer, slice or map without
 * `omitempty` (`containers: null` in an empty pod spec, a Deployment's `selector: null`). This
 * is the value kube-apiserver's field manager compares (it converts typed objects), so
 * `goJsonForm(gvk, {})` is the empty object a create is compared with. Custom resources come
 * back as an unchanged copy.
 */
export function goJsonForm(gvk: GroupVersionKind, object: Json): Json {
  const copy = structuredClone(object);
  const root = rootCursor(gvk);
  if (root?.kind === 'ref') fillStruct(copy, root.name, true);
  return copy;
}
