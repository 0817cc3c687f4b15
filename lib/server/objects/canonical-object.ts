// Deep copies of objects in the API server's field order, so equal objects serialize to equal bytes.
import { setOwnProperty } from '../../core/json/own-property.js';

const TOP = ['apiVersion', 'kind', 'metadata'];

/** The fields of `ObjectMeta` in Go's declaration order, which is the order the API server serializes them in. */
export const OBJECT_META_ORDER: readonly string[] = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/**
 * A deep copy of a JSON value with object keys in a fixed order: `apiVersion`, `kind`,
 * `metadata` first, metadata fields in Go's `ObjectMeta` order, every other object's keys
 * sorted (as Go serializes maps). `undefined` members are dropped. Two objects with the
 * same content therefore stringify to the same bytes, which is what no-op detection
 * compares.
 */
export function canonicalObject<T>(value: T): T {
  return canonical(value, 0) as T;
}

/**
 * Whether two JSON values have the same content: equal once canonicalized, so key order and
 * `undefined` members do not count, and a missing value equals `null`.
 */
export function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonicalObject(a ?? null)) === JSON.stringify(canonicalObject(b ?? null));
}

function canonical(value: unknown, depth: number, isMetadata = false): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = Object.keys(source).filter((k) => source[k] !== undefined);
  const first = depth === 0 ? TOP : isMetadata ? OBJECT_META_ORDER : [];
  for (const k of first) if (keys.includes(k)) setOwnProperty(out, k, canonical(source[k], depth + 1, depth === 0 && k === 'metadata'));
  const rest = keys.filter((k) => !first.includes(k)).sort();
  for (const k of rest) setOwnProperty(out, k, canonical(source[k], depth + 1));
  return out;
}
