// Small helpers shared by the patch and apply algorithms: JSON object tests, deep copies and equality.

/** A JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object: not `null`, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value (`undefined` stays `undefined`). */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/**
 * A deep copy whose objects have no prototype, for libraries that index objects with keys from
 * data (`obj[key]`): on such objects `__proto__` and `constructor` are ordinary own members or
 * absent, never inherited links. `structuredClone` turns them back into ordinary objects, keeping
 * every key an own data property.
 */
export function nullPrototypeCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => nullPrototypeCopy(item)) as T;
  if (!isJsonObject(value)) return value;
  const copy = Object.create(null) as JsonObject;
  for (const [key, item] of Object.entries(value)) copy[key] = nullPrototypeCopy(item);
  return copy as T;
}

/** Deep equality of two JSON values; object key order is ignored, array order is not. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  return keys.every((key) => Object.hasOwn(bo, key) && jsonEqual(ao[key], bo[key]));
}
