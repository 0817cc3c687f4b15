// JSON Patch (RFC 6902), as the API server applies `application/json-patch+json`.
import jsonPatch from 'fast-json-patch';
import { isJsonObject, nullPrototypeCopy } from './json-value.js';
import { PatchError } from './patch-error.js';

/** The most operations one JSON Patch may carry (kube-apiserver's `maxJSONPatchOperations`). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/**
 * Applies a JSON Patch (RFC 6902: `add`, `remove`, `replace`, `move`, `copy`, `test`) to `target`
 * and returns the result. Operations apply in order; the first failure aborts the whole patch.
 *
 * Failures map to what kube-apiserver answers:
 * - the patch is not a JSON array of objects (it cannot be decoded) → `MalformedPatch` (400);
 * - more than {@link MAX_JSON_PATCH_OPERATIONS} operations → `TooManyOperations` (413,
 *   `Request entity too large: The allowed maximum operations in a JSON patch is 10000, got N`);
 * - anything that fails while applying — a `test` whose value differs, a `remove` or `test` of a
 *   missing path, a `replace` under a missing parent or of a missing array item, an array index out of range, an unknown `op`, a missing `path`/`value`/`from`
 *   (Go's json-patch only finds those when applying) → `PatchFailed` (422 with the generic body).
 *
 * ## Example
 * ```ts
 * applyJsonPatch({ metadata: { finalizers: ['a', 'b'] } }, [
 *   { op: 'test', path: '/metadata/finalizers/0', value: 'a' },
 *   { op: 'remove', path: '/metadata/finalizers/0' },
 * ]);
 * // → { metadata: { finalizers: ['b'] } }
 * ```
 *
 * ## Guarantees
 * Never mutates `target` or `operations`. Keys are data, as in Go: `/data/__proto__` adds a member
 * named `__proto__`, and a path through an absent `constructor` is missing, never `Object`'s.
 *
 * @throws {PatchError} `MalformedPatch`, `TooManyOperations` or `PatchFailed` as above.
 */
export function applyJsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) {
    throw new PatchError('MalformedPatch', `json patch must be an array of operations, got ${describe(operations)}`);
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(
      'TooManyOperations',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  operations.forEach((operation: unknown, index) => {
    if (!isJsonObject(operation)) {
      throw new PatchError('MalformedPatch', `json patch operation ${index} must be an object, got ${describe(operation)}`);
    }
  });
  // fast-json-patch indexes with `obj[key]`: give it prototype-free objects so that every key is data.
  let document = nullPrototypeCopy(target);
  operations.forEach((operation: Record<string, unknown>, index) => {
    const { op, path } = operation;
    if (typeof op !== 'string' || !OPS.has(op)) {
      throw new PatchError('PatchFailed', `json patch operation ${index}: unexpected op ${JSON.stringify(op ?? null)}`);
    }
    if (typeof path !== 'string') throw new PatchError('PatchFailed', `json patch operation ${index} (${op}): missing path`);
    if (op === 'test' && operation['value'] === null && missingMemberOfObject(document, path)) return;
    // Go's json-patch v4 (kube-apiserver's) replaces a missing member of an object as an add.
    const effective = op === 'replace' && missingMemberOfObject(document, path) ? 'add' : op;
    try {
      const own = { ...operation, op: effective, value: nullPrototypeCopy(operation['value']) } as unknown as jsonPatch.Operation;
      document = jsonPatch.applyOperation(document, own, true, true, false, index).newDocument;
      // `copy` clones through JSON.parse, which makes ordinary objects again.
      if (op === 'copy') document = nullPrototypeCopy(document);
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new PatchError('PatchFailed', `json patch operation ${index} (${op} ${path}): ${detail?.toLowerCase() ?? 'failed'}`, { cause: error });
    }
  });
  return structuredClone(document);
}

/**
 * Whether `path` names a missing member of an existing object. Go's json-patch v4 (what
 * kube-apiserver uses) reads such a member as null: `{op: test, value: null}` passes on it
 * (kube-rs's finalizer helper relies on it: `test /metadata/finalizers == null` before adding
 * the first finalizer), and `replace` sets it as `add` would (`replace
 * /spec/activeDeadlineSeconds` on a pod without one succeeds).
 */
function missingMemberOfObject(document: unknown, path: string): boolean {
  const slash = path.lastIndexOf('/');
  if (slash === -1) return false;
  let parent: unknown;
  let value: unknown;
  try {
    parent = slash === 0 ? document : jsonPatch.getValueByPointer(document, path.slice(0, slash));
    value = jsonPatch.getValueByPointer(document, path);
  } catch {
    return false;
  }
  return isJsonObject(parent) && value === undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
