// Strategic merge patch, as kube-apiserver applies `application/strategic-merge-patch+json` to built-ins.
import type { GroupVersionKind } from '../../core/index.js';
import { fieldCursor, itemCursor, rootCursor, type TypeCursor } from './builtin-type-cursor.js';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject } from './json-value.js';
import { PatchError } from './patch-error.js';
import { ownProperty, setOwnProperty } from '../../core/json/own-property.js';

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';
const SET_ELEMENT_ORDER = '$setElementOrder/';

/**
 * Applies a strategic merge patch to a built-in object, following Kubernetes' `patchStrategy` and
 * `patchMergeKey` struct tags for its kind (apimachinery `strategicpatch.StrategicMergeMapPatch`).
 *
 * Semantics:
 * - objects merge key by key; `null` deletes a key; scalars and lists without a merge strategy
 *   replace (so `tolerations`, `args`, `command` are replaced whole);
 * - lists with `patchStrategy: merge` merge: object lists by their merge key (`containers`,
 *   `initContainers`, `ephemeralContainers`, `volumes`, `imagePullSecrets`, `env` and `ServiceAccount`
 *   `secrets` by `name`; container `ports` by `containerPort`, Service `ports` by `port`;
 *   `volumeMounts` by `mountPath`; conditions and node `addresses` by `type`; `ownerReferences` by
 *   `uid`; `hostAliases` and pod IPs by `ip`; `topologySpreadConstraints` by `topologyKey`), scalar
 *   lists (`finalizers`, node `podCIDRs`) as de-duplicated unions; the result is ordered as Go orders
 *   it: patch items in patch order, interleaved with server-only items by their live positions;
 * - directives: `$patch: replace` (a map or list replaces instead of merging), `$patch: delete` (a
 *   map becomes `{}`; a list item `{name: x, $patch: delete}` removes that item),
 *   `$retainKeys: [...]` (drop the map's other keys), `$deleteFromPrimitiveList/<field>: [...]`
 *   (remove values from a scalar list), `$setElementOrder/<field>: [...]` (the final order of a merged
 *   list). Directives never reach the result.
 *
 * Kinds without a definition (custom resources) get no merge metadata: every list replaces, as if
 * the patch were a merge patch with directive handling — the server should refuse SMP for them with
 * 415 before calling this.
 *
 * ## Example
 * ```ts
 * applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } }, { group: '', version: 'v1', kind: 'Pod' });
 * // only the `app` container's image changes; other containers and fields stay
 * ```
 *
 * ## Guarantees
 * Never mutates `target` or `patch`.
 *
 * @throws {PatchError} `MalformedPatch` (400) when the patch is not an object or a directive is
 *   malformed (`$patch` other than `replace`/`delete` (or `delete`/`replace` in a list),
 *   `$retainKeys`/`$deleteFromPrimitiveList`/`$setElementOrder` that are not lists);
 *   `PatchFailed` (422) when it cannot apply: a merge-list item without its merge key, keys outside
 *   `$retainKeys`, a `$setElementOrder` that contradicts the patch list, mixed-type or nested lists.
 */
export function applyStrategicMergePatch(target: unknown, patch: unknown, gvk: GroupVersionKind): unknown {
  if (!isJsonObject(patch)) {
    throw new PatchError('MalformedPatch', `strategic merge patch must be a json object, got ${patch === null ? 'null' : Array.isArray(patch) ? 'an array' : typeof patch}`);
  }
  return mergeMap(isJsonObject(target) ? cloneJson(target) : undefined, cloneJson(patch), rootCursor(gvk), '');
}

/** Merges `patch` into `original` (both owned copies, mutated freely). */
function mergeMap(original: JsonObject | undefined, patch: JsonObject, type: TypeCursor, path: string): JsonObject {
  if (Object.hasOwn(patch, PATCH)) {
    const directive = patch[PATCH];
    if (directive === 'replace') {
      delete patch[PATCH];
      return stripDirectives(patch, type, path);
    }
    if (directive === 'delete') return {};
    throw new PatchError('MalformedPatch', `unknown patch type ${JSON.stringify(directive)} in map at ${where(path)}`);
  }
  const result = original ?? {};
  applyRetainKeys(result, patch, path);
  applySetElementOrder(result, patch, type, path);
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      const field = key.slice(DELETE_FROM_PRIMITIVE_LIST.length);
      if (!Array.isArray(value)) {
        throw new PatchError('MalformedPatch', `${key} at ${where(path)} must be a list of values`);
      }
      const current = ownProperty(result, field);
      if (Array.isArray(current)) setOwnProperty(result, field, current.filter((item) => !value.some((gone) => jsonEqual(gone, item))));
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const { type: fieldType, meta } = fieldCursor(type, key);
    const current = ownProperty(result, key);
    const fieldPath = `${path}.${key}`;
    if (isJsonObject(value)) {
      setOwnProperty(result, key, mergeMap(isJsonObject(current) ? current : undefined, value, fieldType, fieldPath));
    } else if (Array.isArray(value)) {
      const merging = meta?.patchStrategy?.split(',').includes('merge') === true;
      const base = Array.isArray(current) ? current : [];
      setOwnProperty(result, key, merging ? mergeList(base, value, fieldType, meta?.patchMergeKey, fieldPath) : replaceList(value, fieldType, fieldPath));
    } else {
      setOwnProperty(result, key, value);
    }
  }
  return result;
}

/** A value that replaces whatever was there: nulls dropped, directives applied against nothing. */
function stripDirectives(value: JsonObject, type: TypeCursor, path: string): JsonObject {
  return mergeMap(undefined, value, type, path);
}

/** A list that replaces the live one (no merge strategy): its maps lose nulls and directives. */
function replaceList(list: unknown[], type: TypeCursor, path: string): unknown[] {
  const items = itemCursor(type);
  return list.map((item, index) => (isJsonObject(item) ? stripDirectives(omit(item, PATCH), items, `${path}[${index}]`) : item));
}

/** `$retainKeys`: drops every key of `original` that the list does not name. */
function applyRetainKeys(original: JsonObject, patch: JsonObject, path: string): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain) || !retain.every((key) => typeof key === 'string')) {
    throw new PatchError('MalformedPatch', `${RETAIN_KEYS} at ${where(path)} must be a list of field names`);
  }
  for (const key of Object.keys(patch)) {
    if (key.startsWith('$')) continue;
    if (!retain.includes(key)) {
      throw new PatchError('PatchFailed', `the patch at ${where(path)} has field ${JSON.stringify(key)} that is not in ${RETAIN_KEYS}`);
    }
  }
  for (const key of Object.keys(original)) if (!retain.includes(key)) delete original[key];
}

/** `$setElementOrder/<field>`: merges the field's patch list (if any) and then imposes the order. */
function applySetElementOrder(original: JsonObject, patch: JsonObject, type: TypeCursor, path: string): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const field = key.slice(SET_ELEMENT_ORDER.length);
    const order = patch[key];
    const fieldPath = `${path}.${field}`;
    if (!Array.isArray(order)) throw new PatchError('MalformedPatch', `${key} at ${where(path)} must be a list`);
    const { type: fieldType, meta } = fieldCursor(type, field);
    const mergeKey = meta?.patchMergeKey;
    const current = ownProperty(original, field);
    const patchList = ownProperty(patch, field);
    if (patchList !== undefined && patchList !== null && !Array.isArray(patchList)) {
      throw new PatchError('MalformedPatch', `${key} at ${where(path)} applies to ${field}, which is not a list in the patch`);
    }
    if (Array.isArray(patchList)) checkOrder(patchList, order, mergeKey, fieldPath);
    let merged: unknown[];
    if (Array.isArray(current) && Array.isArray(patchList)) {
      const merging = meta?.patchStrategy?.split(',').includes('merge') === true;
      merged = merging ? mergeList(current, patchList, fieldType, mergeKey, fieldPath) : replaceList(patchList, fieldType, fieldPath);
    } else if (Array.isArray(patchList)) {
      merged = mergeList([], patchList, fieldType, mergeKey, fieldPath);
    } else if (Array.isArray(current)) {
      merged = current;
    } else {
      continue;
    }
    const inOrder = (item: unknown): boolean => indexIn(order, item, mergeKey) >= 0;
    const patchItems = merged.filter(inOrder);
    const serverOnly = merged.filter((item) => !inOrder(item));
    setOwnProperty(original, field, normalizeOrder(patchItems, serverOnly, order, Array.isArray(current) ? current : [], mergeKey));
    delete patch[field];
  }
}

/** The patch list's items (other than directives) must appear in `$setElementOrder` in the same order. */
function checkOrder(patchList: unknown[], order: unknown[], mergeKey: string | undefined, path: string): void {
  const items = patchList.filter((item) => !(isJsonObject(item) && Object.hasOwn(item, PATCH)));
  let p = 0;
  for (let o = 0; p < items.length && o < order.length; o++) {
    if (sameItem(items[p], order[o], mergeKey)) p++;
  }
  if (p < items.length) {
    throw new PatchError('PatchFailed', `the order of the patch list at ${where(path)} does not match its ${SET_ELEMENT_ORDER} list`);
  }
}

/** Merges two lists under `patchStrategy: merge`. */
function mergeList(original: unknown[], patch: unknown[], type: TypeCursor, mergeKey: string | undefined, path: string): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch, path);
  const items = itemCursor(type);
  let server = original;
  let patchItems = patch;
  let merged: unknown[];
  if (kind !== 'object') {
    merged = [];
    for (const item of [...original, ...patch]) if (!merged.some((seen) => jsonEqual(seen, item))) merged.push(item);
  } else {
    if (mergeKey === undefined) throw new PatchError('PatchFailed', `cannot merge lists without a merge key at ${where(path)}`);
    [server, patchItems] = applyListDirectives(original, patch as JsonObject[], mergeKey, path);
    merged = [...server];
    for (const item of patchItems as JsonObject[]) {
      if (!Object.hasOwn(item, mergeKey)) {
        throw new PatchError('PatchFailed', `map in a merge list at ${where(path)} does not contain its merge key ${JSON.stringify(mergeKey)}`);
      }
      const at = merged.findIndex((live) => isJsonObject(live) && jsonEqual(ownProperty(live, mergeKey), ownProperty(item, mergeKey)));
      const itemPath = `${path}[${mergeKey}=${JSON.stringify(ownProperty(item, mergeKey))}]`;
      if (at >= 0) merged[at] = mergeMap(merged[at] as JsonObject, item, items, itemPath);
      else merged.push(stripDirectives(item, items, itemPath));
    }
  }
  const key = kind === 'object' ? mergeKey : undefined;
  const inPatch = (item: unknown): boolean => indexIn(patchItems, item, key) >= 0;
  return normalizeOrder(merged.filter(inPatch), merged.filter((item) => !inPatch(item)), patchItems, server, key);
}

/** `$patch` items in a merge list: `delete` removes the keyed item, `replace` makes the patch the list. */
function applyListDirectives(original: unknown[], patch: JsonObject[], mergeKey: string, path: string): [unknown[], JsonObject[]] {
  let server = original;
  let replace = false;
  const rest: JsonObject[] = [];
  for (const item of patch) {
    if (!Object.hasOwn(item, PATCH)) {
      rest.push(item);
      continue;
    }
    const directive = item[PATCH];
    if (directive === 'delete') {
      if (!Object.hasOwn(item, mergeKey)) {
        throw new PatchError('PatchFailed', `a $patch: delete item at ${where(path)} does not contain its merge key ${JSON.stringify(mergeKey)}`);
      }
      server = server.filter((live) => !(isJsonObject(live) && jsonEqual(ownProperty(live, mergeKey), ownProperty(item, mergeKey))));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new PatchError('MalformedPatch', `$patch: merge is not supported in the list at ${where(path)}`);
    } else {
      throw new PatchError('MalformedPatch', `unknown patch type ${JSON.stringify(directive)} in the list at ${where(path)}`);
    }
  }
  return replace ? [rest.map((item, index) => stripDirectives(item, undefined, `${path}[${index}]`)), []] : [server, rest];
}

/** The kind shared by every item of the two lists; mixed kinds and lists of lists cannot merge. */
function elementKind(original: unknown[], patch: unknown[], path: string): 'object' | 'scalar' {
  let kind: 'object' | 'scalar' | undefined;
  for (const item of [...original, ...patch]) {
    if (Array.isArray(item)) throw new PatchError('PatchFailed', `lists of lists cannot be merged at ${where(path)}`);
    const itemKind = isJsonObject(item) ? 'object' : 'scalar';
    if (kind !== undefined && kind !== itemKind) throw new PatchError('PatchFailed', `list items of different types cannot be merged at ${where(path)}`);
    kind = itemKind;
  }
  return kind ?? 'scalar';
}

/**
 * Go's `normalizeElementOrder`: patch items sorted by the patch order, server-only items sorted by
 * their live order, then interleaved — a server-only item goes before a patch item only when both
 * are in the live list and it came first there.
 */
function normalizeOrder(patchItems: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string | undefined): unknown[] {
  const byOrder = (order: unknown[]) => (a: unknown, b: unknown) => indexIn(order, a, mergeKey) - indexIn(order, b, mergeKey);
  const right = [...patchItems].sort(byOrder(patchOrder));
  const left = [...serverOnly].sort(byOrder(serverOrder));
  const result: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) result.push(left[i++]);
    else if (i >= left.length) result.push(right[j++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey);
      const ri = indexIn(serverOrder, right[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) result.push(left[i++]);
      else result.push(right[j++]);
    }
  }
  return result;
}

function indexIn(list: unknown[], item: unknown, mergeKey: string | undefined): number {
  return list.findIndex((candidate) => sameItem(candidate, item, mergeKey));
}

function sameItem(a: unknown, b: unknown, mergeKey: string | undefined): boolean {
  if (mergeKey === undefined) return jsonEqual(a, b);
  return isJsonObject(a) && isJsonObject(b) && Object.hasOwn(a, mergeKey) && jsonEqual(ownProperty(a, mergeKey), ownProperty(b, mergeKey));
}

function omit(object: JsonObject, key: string): JsonObject {
  const rest = { ...object };
  delete rest[key];
  return rest;
}

function where(path: string): string {
  return path === '' ? 'the root' : path.slice(1);
}
