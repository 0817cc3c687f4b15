// apimachinery's DefaultUnstructuredConverter.FromUnstructured, as far as its errors go: what a strategic merge patch result is checked with.
import type { GroupVersionKind } from '../../core/index.js';
import { builtinDefinition, type FieldType } from '../openapi/builtin-definitions.js';
import { rootCursor } from './builtin-type-cursor.js';

/** The reflect.Kind of a JSON value as Go decodes it into `interface{}` (numbers are int64 or float64). */
function sourceKind(value: unknown): string {
  if (Array.isArray(value)) return 'slice';
  if (value === null) return 'invalid';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int64' : 'float64';
    default:
      return 'map';
  }
}

/** Go's `%+v` of a JSON value decoded into `interface{}`: `map[a:1 b:[x y]]`, keys sorted. */
export function goFormat(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${k}:${goFormat((value as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  if (typeof value === 'number' && !Number.isInteger(value)) {
    const text = String(value);
    return /e[+-]/.test(text) ? text.replace(/e([+-])(\d)$/, 'e$10$2') : text;
  }
  return String(value);
}

/** The Go kind a scalar destination has. */
function scalarKind(type: FieldType): string {
  switch (type.kind) {
    case 'integer':
      return 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'string';
  }
}

function resolve(type: FieldType): FieldType {
  let current = type;
  while (current.kind === 'ref') {
    const definition = builtinDefinition(current.name);
    if (definition === undefined || definition.fields !== undefined || definition.scalar === undefined) return current;
    current = definition.scalar;
  }
  return current;
}

/** Base64 as Go's encoding/json decodes `[]byte` (standard alphabet, padded). */
function base64Problem(text: string): string | undefined {
  const clean = text.replace(/[\r\n]/g, '');
  for (let i = 0; i < clean.length; i += 1) {
    if (!/[A-Za-z0-9+/=]/.test(clean.charAt(i))) return `illegal base64 data at input byte ${i}`;
  }
  if (clean.length % 4 !== 0) return `illegal base64 data at input byte ${clean.length - (clean.length % 4)}`;
  return undefined;
}

function convert(value: unknown, type: FieldType): string | undefined {
  if (value === null || value === undefined) return undefined;
  const resolved = resolve(type);
  const from = sourceKind(value);
  switch (resolved.kind) {
    case 'any':
    case 'date-time':
    case 'quantity':
    case 'int-or-string':
      // Types with their own unstructured conversion (Time, Quantity, IntOrString, RawExtension, ...).
      return undefined;
    case 'ref': {
      if (from !== 'map') return `cannot restore struct from: ${from}`;
      const fields = builtinDefinition(resolved.name)?.fields;
      if (fields === undefined) return undefined;
      for (const [name, field] of fields) {
        if (!Object.hasOwn(value as object, name)) continue;
        const problem = convert((value as Record<string, unknown>)[name], field.type);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case 'map': {
      if (from !== 'map') return `cannot restore map from ${from}`;
      for (const item of Object.values(value as Record<string, unknown>)) {
        const problem = convert(item, resolved.values);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case 'array': {
      if (from !== 'slice') return `cannot restore slice from ${from}`;
      for (const item of value as unknown[]) {
        const problem = convert(item, resolved.items);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case 'bytes': {
      if (from === 'string') {
        const problem = base64Problem(value as string);
        return problem === undefined ? undefined : `error decoding from json: ${problem}`;
      }
      return from === 'slice' ? undefined : `cannot restore slice from ${from}`;
    }
    default: {
      const to = scalarKind(resolved);
      if (from === to) return undefined;
      // Go converts between integer and float kinds (a float only when whole), and an integer to a string (a rune).
      if ((from === 'int64' && to === 'float64') || (from === 'float64' && to === 'int64' && Number.isInteger(value))) return undefined;
      if (from === 'int64' && to === 'string') return 'cannot convert int64 to string';
      if (from === 'float64' && to === 'int64') return 'cannot convert float64 to int64';
      return `unrecognized type: ${to}`;
    }
  }
}

/**
 * The error `runtime.DefaultUnstructuredConverter.FromUnstructured` gives for a built-in
 * object of the wrong shape, worded as apimachinery words it (`cannot restore map from
 * string`, `cannot restore slice from map`, `cannot restore struct from: int64`, `cannot convert
 * int64 to string`, `unrecognized type: string`, `error decoding from json: illegal base64 data
 * at input byte 0`), or `undefined` when it converts. kube-apiserver converts the result of a
 * strategic merge patch this way, so these are the errors such a patch answers with. Integer
 * widths and named string types are not told apart (Go would say `int32`, `v1.Protocol`).
 */
export function unstructuredConversionError(gvk: GroupVersionKind, object: Record<string, unknown>): string | undefined {
  const root = rootCursor(gvk);
  if (root === undefined) return undefined;
  return convert(object, root);
}
