// The RFC 6902 JSON patch that turns one JSON value into another (what a mutating webhook answers).
import type { JsonPatchOperation } from '../patch.js';
import { setOwnProperty } from './own-property.js';

/** A JSON pointer segment, escaped: `~` → `~0`, `/` → `~1`. */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function kindOf(value: unknown): 'array' | 'object' | 'scalar' {
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' && value !== null ? 'object' : 'scalar';
}

/** JSON equality (object key order ignored; `undefined` members count as absent). */
function sameJson(a: unknown, b: unknown): boolean {
  const kind = kindOf(a);
  if (kind !== kindOf(b)) return false;
  switch (kind) {
    case 'scalar':
      return a === b;
    case 'array': {
      const x = a as unknown[];
      const y = b as unknown[];
      return x.length === y.length && x.every((item, i) => sameJson(item, y[i]));
    }
    case 'object': {
      const x = Object.entries(a as Record<string, unknown>).filter(([, v]) => v !== undefined);
      const y = b as Record<string, unknown>;
      const yCount = Object.entries(y).filter(([, v]) => v !== undefined).length;
      return x.length === yCount && x.every(([k, v]) => Object.hasOwn(y, k) && sameJson(v, y[k]));
    }
  }
}

/** A JSON copy of a value (`undefined` members dropped), so the patch never shares the caller's objects. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : copy(v)));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) setOwnProperty(out, k, copy(v));
  return out;
}

function diff(before: unknown, after: unknown, path: string, ops: JsonPatchOperation[]): void {
  if (sameJson(before, after)) return;
  const kind = kindOf(before);
  if (kind !== kindOf(after) || kind === 'scalar') {
    ops.push({ op: 'replace', path, value: copy(after) });
    return;
  }
  if (kind === 'array') {
    const x = before as unknown[];
    const y = after as unknown[];
    const common = Math.min(x.length, y.length);
    for (let i = 0; i < common; i += 1) diff(x[i], y[i], `${path}/${i}`, ops);
    // Removals from the end, so that each index is still valid when its operation runs.
    for (let i = x.length - 1; i >= y.length; i -= 1) ops.push({ op: 'remove', path: `${path}/${i}` });
    for (let i = x.length; i < y.length; i += 1) ops.push({ op: 'add', path: `${path}/${i}`, value: copy(y[i] === undefined ? null : y[i]) });
    return;
  }
  const x = before as Record<string, unknown>;
  const y = after as Record<string, unknown>;
  for (const [key, value] of Object.entries(x)) {
    if (value === undefined) continue;
    const at = `${path}/${escapePointerSegment(key)}`;
    if (!Object.hasOwn(y, key) || y[key] === undefined) ops.push({ op: 'remove', path: at });
    else diff(value, y[key], at, ops);
  }
  for (const [key, value] of Object.entries(y)) {
    if (value === undefined || (Object.hasOwn(x, key) && x[key] !== undefined)) continue;
    ops.push({ op: 'add', path: `${path}/${escapePointerSegment(key)}`, value: copy(value) });
  }
}

/**
 * The JSON patch (RFC 6902) that turns `before` into `after`: `remove` for members `after`
 * lacks, `add` for new ones, `replace` where a value changed type or scalar value, and
 * element-wise operations on arrays (trailing elements removed from the end, new ones added
 * at the end). Applying it to `before` gives a value JSON-equal to `after`; equal values give
 * `[]`. Keys are compared as own data (a `__proto__` key is an ordinary member).
 *
 * ## Example
 * ```ts
 * jsonPatchDiff({ metadata: { labels: { a: '1' } } }, { metadata: { labels: { a: '1', b: '2' } } });
 * // [{ op: 'add', path: '/metadata/labels/b', value: '2' }]
 * ```
 */
export function jsonPatchDiff(before: unknown, after: unknown): JsonPatchOperation[] {
  const ops: JsonPatchOperation[] = [];
  diff(before, after, '', ops);
  return ops;
}
