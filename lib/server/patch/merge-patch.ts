// JSON Merge Patch (RFC 7386), as the API server applies `application/merge-patch+json`.
import { cloneJson, isJsonObject, type JsonObject } from './json-value.js';
import { ownProperty, setOwnProperty } from '../../core/json/own-property.js';

/**
 * Applies a JSON Merge Patch (RFC 7386) to `target` and returns the result.
 *
 * - an object patch merges key by key, recursively; a `null` value deletes the key;
 * - any other patch (an array, a string, a number, `null`, ...) replaces the target whole;
 * - arrays are never merged: a list in the patch replaces the list in the target.
 *
 * This is what `kubectl patch --type merge`, `kubectl label`/`annotate`/`scale` and client-side
 * `kubectl apply` of custom resources send.
 *
 * ## Example
 * ```ts
 * applyMergePatch({ metadata: { labels: { a: '1', b: '2' } } }, { metadata: { labels: { b: null, c: '3' } } });
 * // → { metadata: { labels: { a: '1', c: '3' } } }
 * ```
 *
 * ## Guarantees
 * Never mutates `target` or `patch`; the result shares no objects with either.
 *
 * @param target The current object (any JSON value; `undefined` is treated as absent).
 * @param patch The decoded merge patch.
 * @returns The patched value.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result: JsonObject = isJsonObject(target) ? cloneJson(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      setOwnProperty(result, key, applyMergePatch(ownProperty(result, key), value));
    }
  }
  return result;
}
