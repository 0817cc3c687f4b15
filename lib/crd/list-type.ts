// Schema helpers for x-kubernetes-list-type / x-kubernetes-map-type (how lists and maps merge and what duplicates mean).
import type { JSONSchemaType } from 'ajv';

/** Array value validations. */
export interface ListOptions {
  readonly description?: string;
  readonly minItems?: number;
  /** Bound it: CEL rules are costed against the declared maximum. */
  readonly maxItems?: number;
}

/**
 * A list of unique scalars (`x-kubernetes-list-type: set`): the server refuses duplicates and
 * server-side apply merges entries by value.
 *
 * ## Example
 * ```ts
 * interface Spec { tags: string[] }
 * const schema: JSONSchemaType<Spec> = { type: 'object', properties: { tags: listSet({ type: 'string' }) }, required: ['tags'] };
 * ```
 */
export function listSet<T extends string | number | boolean>(items: JSONSchemaType<T>, options: ListOptions = {}): JSONSchemaType<T[]> {
  const schema = { type: 'array', items, 'x-kubernetes-list-type': 'set', ...options };
  return schema as unknown as JSONSchemaType<T[]>;
}

/**
 * A list of objects keyed by some of their (required, scalar) fields
 * (`x-kubernetes-list-type: map`, `x-kubernetes-list-map-keys`): the server refuses two items
 * with the same keys and server-side apply merges items by key, like `containers` by `name`.
 *
 * ## Example
 * ```ts
 * interface Port { name: string; port: number }
 * listMap<Port>({ type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } }, required: ['name', 'port'] }, ['name']);
 * ```
 */
export function listMap<T extends object>(
  items: JSONSchemaType<T>,
  keys: readonly [keyof T & string, ...(keyof T & string)[]],
  options: ListOptions = {},
): JSONSchemaType<T[]> {
  const schema = { type: 'array', items, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': [...keys], ...options };
  return schema as unknown as JSONSchemaType<T[]>;
}

/** A list replaced as a whole by server-side apply (`x-kubernetes-list-type: atomic`), e.g. an ordered list. */
export function listAtomic<T>(items: JSONSchemaType<T>, options: ListOptions = {}): JSONSchemaType<T[]> {
  const schema = { type: 'array', items, 'x-kubernetes-list-type': 'atomic', ...options };
  return schema as unknown as JSONSchemaType<T[]>;
}

/** An object replaced as a whole by server-side apply (`x-kubernetes-map-type: atomic`); needed for object items of a set. */
export function mapAtomic<T extends object>(schema: JSONSchemaType<T>): JSONSchemaType<T> {
  return { ...schema, 'x-kubernetes-map-type': 'atomic' };
}
