// structured-merge-diff's value operations on plain JSON: field sets, comparison, merge and removal.
import { cloneJson, isJsonObject, jsonEqual, type JsonObject } from '../patch/json-value.js';
import { fieldElement, FieldSet, indexElement, keyElement, valueElement, type FieldPath, type PathElement } from './field-set.js';
import type { ListType, MergeSchema } from './merge-schema.js';

/** The path element that identifies `item` (at `index`) in a list of type `listType`. */
export function itemElement(item: unknown, index: number, listType: ListType): PathElement {
  switch (listType.type) {
    case 'map': {
      if (!isJsonObject(item)) return indexElement(index);
      const keys: Record<string, unknown> = {};
      for (const key of listType.keys) {
        if (Object.hasOwn(item, key)) keys[key] = item[key];
        else if (listType.defaults !== undefined && Object.hasOwn(listType.defaults, key)) keys[key] = listType.defaults[key];
      }
      return keyElement(keys);
    }
    case 'set':
      return valueElement(item);
    case 'atomic':
      return indexElement(index);
  }
}

function atomicObject(schema: MergeSchema, schemaPath: readonly string[], isItem: boolean): boolean {
  if (schemaPath.length === 0) return false;
  return isItem ? schema.itemMapType?.(schemaPath) === 'atomic' : schema.mapType?.(schemaPath) === 'atomic';
}

/**
 * The fields an applied configuration sets (structured-merge-diff `ToFieldSet`): every scalar
 * leaf, atomic lists and maps as a whole, every list item (`k:`/`v:`) — but not the maps and
 * structs on the way (they carry no `.`).
 */
export function toFieldSet(value: unknown, schema: MergeSchema): FieldSet {
  const paths: FieldPath[] = [];
  const walk = (v: unknown, pes: FieldPath, sp: readonly string[], isItem: boolean): void => {
    if (Array.isArray(v)) {
      const listType = schema.listType(sp);
      if (listType.type === 'atomic') {
        paths.push(pes);
        return;
      }
      v.forEach((item, index) => {
        const path = [...pes, itemElement(item, index, listType)];
        paths.push(path);
        if (listType.type === 'map' && isJsonObject(item)) walk(item, path, sp, true);
      });
    } else if (isJsonObject(v)) {
      if (atomicObject(schema, sp, isItem)) {
        paths.push(pes);
        return;
      }
      for (const [key, child] of Object.entries(v)) walk(child, [...pes, fieldElement(key)], [...sp, key], false);
    } else {
      paths.push(pes);
    }
  };
  walk(value, [], [], false);
  return new FieldSet(paths);
}

/** What changed between two versions of an object (structured-merge-diff `Comparison`). */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

function kindOf(value: unknown): 'list' | 'object' | 'scalar' {
  return Array.isArray(value) ? 'list' : isJsonObject(value) ? 'object' : 'scalar';
}

/**
 * Compares `lhs` (live) with `rhs` (new): leaves that appeared, changed or disappeared, plus
 * the maps, structs and list items that appeared or disappeared as a whole.
 */
export function compare(lhs: unknown, rhs: unknown, schema: MergeSchema): Comparison {
  const added: FieldPath[] = [];
  const modified: FieldPath[] = [];
  const removed: FieldPath[] = [];
  // A null is structured-merge-diff's wildcard: present (so not added or removed itself), of
  // whatever kind the other side has, and empty.
  const nil = (v: unknown): boolean => v === undefined || v === null;
  const walk = (l: unknown, r: unknown, pes: FieldPath, sp: readonly string[], isItem: boolean): void => {
    const present = !nil(r) ? r : l;
    const kind = kindOf(present);
    const mismatch = !nil(l) && !nil(r) && kindOf(l) !== kindOf(r);
    const listType = kind === 'list' ? schema.listType(sp) : undefined;
    const empty = (v: unknown) => nil(v) || (isJsonObject(v) && Object.keys(v).length === 0);
    const emptyList = (v: unknown) => nil(v) || (Array.isArray(v) && v.length === 0);
    const leaf =
      kind === 'scalar' ||
      mismatch ||
      listType?.type === 'atomic' ||
      (kind === 'list' && emptyList(l) && emptyList(r)) ||
      (kind === 'object' && (atomicObject(schema, sp, isItem) || (empty(l) && empty(r))));
    if (leaf) {
      if (pes.length === 0) return;
      if (l === undefined) added.push(pes);
      else if (r === undefined) removed.push(pes);
      else if (!jsonEqual(l, r)) modified.push(pes);
      return;
    }
    if (kind === 'object') {
      const lo = isJsonObject(l) ? l : {};
      const ro = isJsonObject(r) ? r : {};
      for (const key of new Set([...Object.keys(lo), ...Object.keys(ro)])) {
        walk(Object.hasOwn(lo, key) ? lo[key] : undefined, Object.hasOwn(ro, key) ? ro[key] : undefined, [...pes, fieldElement(key)], [...sp, key], false);
      }
    } else if (listType !== undefined) {
      const li = indexItems(Array.isArray(l) ? l : [], listType);
      const ri = indexItems(Array.isArray(r) ? r : [], listType);
      for (const element of new Set([...li.keys(), ...ri.keys()])) {
        const path = [...pes, element];
        if (listType.type === 'set') {
          if (!li.has(element)) added.push(path);
          else if (!ri.has(element)) removed.push(path);
        } else {
          walk(li.get(element), ri.get(element), path, sp, true);
        }
      }
    }
    if (pes.length > 0) {
      if (l === undefined) added.push(pes);
      else if (r === undefined) removed.push(pes);
    }
  };
  walk(lhs, rhs, [], [], false);
  return { added: new FieldSet(added), modified: new FieldSet(modified), removed: new FieldSet(removed) };
}

function indexItems(list: readonly unknown[], listType: ListType): Map<PathElement, unknown> {
  const map = new Map<PathElement, unknown>();
  list.forEach((item, index) => {
    const element = itemElement(item, index, listType);
    if (!map.has(element)) map.set(element, item);
  });
  return map;
}

/**
 * Merges an applied configuration into the live object (structured-merge-diff `Merge`): the
 * configuration wins for scalars and atomic values, maps merge key by key, map-lists merge item
 * by key and sets by value, in structured-merge-diff's order (live-only items keep their places,
 * shared and new items follow the configuration's order).
 */
export function merge(live: unknown, config: unknown, schema: MergeSchema): unknown {
  const walk = (l: unknown, r: unknown, sp: readonly string[], isItem: boolean): unknown => {
    if (r === undefined) return cloneJson(l);
    if (l === undefined) return cloneJson(r);
    if (Array.isArray(l) && Array.isArray(r)) {
      const listType = schema.listType(sp);
      if (listType.type === 'atomic') return cloneJson(r);
      return mergeLists(l, r, listType, (li, ri) => (listType.type === 'map' ? walk(li, ri, sp, true) : cloneJson(ri ?? li)));
    }
    if (isJsonObject(l) && isJsonObject(r)) {
      if (atomicObject(schema, sp, isItem)) return cloneJson(r);
      const out: JsonObject = cloneJson(l);
      for (const [key, value] of Object.entries(r)) out[key] = walk(Object.hasOwn(l, key) ? l[key] : undefined, value, [...sp, key], false);
      return out;
    }
    return cloneJson(r);
  };
  return walk(live, config, [], false);
}

/** structured-merge-diff's list merge order over path elements. */
function mergeLists(lhs: readonly unknown[], rhs: readonly unknown[], listType: ListType, mergeItem: (l: unknown, r: unknown) => unknown): unknown[] {
  const lPEs = lhs.map((item, i) => itemElement(item, i, listType));
  const rPEs = rhs.map((item, i) => itemElement(item, i, listType));
  const lIndex = new Map<PathElement, unknown>();
  lPEs.forEach((pe, i) => lIndex.has(pe) || lIndex.set(pe, lhs[i]));
  const rIndex = new Map<PathElement, unknown>();
  rPEs.forEach((pe, i) => rIndex.has(pe) || rIndex.set(pe, rhs[i]));
  const shared = rPEs.filter((pe) => lIndex.has(pe));
  let nextShared = shared.shift();
  const merged = new Set<PathElement>();
  const out: unknown[] = [];
  let lI = 0;
  let rI = 0;
  while (lI < lPEs.length || rI < rPEs.length) {
    if (lI < lPEs.length && rI < rPEs.length) {
      const pe = lPEs[lI] as PathElement;
      if (pe === rPEs[rI]) {
        merged.add(pe);
        out.push(mergeItem(lIndex.get(pe), rIndex.get(pe)));
        lI++;
        rI++;
        nextShared = shared.shift();
        continue;
      }
      if (rIndex.has(pe) && nextShared !== undefined && nextShared !== pe) {
        lI++;
        continue;
      }
    }
    if (lI < lPEs.length) {
      const pe = lPEs[lI] as PathElement;
      if (!rIndex.has(pe)) {
        out.push(mergeItem(lhs[lI], undefined));
        lI++;
        continue;
      }
      if (merged.has(pe)) {
        lI++;
        continue;
      }
    }
    if (rI < rPEs.length) {
      const pe = rPEs[rI] as PathElement;
      merged.add(pe);
      out.push(mergeItem(lIndex.get(pe), rIndex.get(pe)));
      rI++;
      if (nextShared === pe) nextShared = shared.shift();
    }
  }
  return out;
}

/** Removes the members of `set` (with everything below them) from `value`. */
export function removeItems(value: unknown, set: FieldSet, schema: MergeSchema): unknown {
  const walk = (v: unknown, pes: FieldPath, sp: readonly string[]): unknown => {
    if (Array.isArray(v)) {
      const listType = schema.listType(sp);
      if (listType.type === 'atomic') return cloneJson(v);
      const out: unknown[] = [];
      v.forEach((item, index) => {
        const path = [...pes, itemElement(item, index, listType)];
        if (set.has(path)) return;
        out.push(set.hasPrefix(path) ? walk(item, path, sp) : cloneJson(item));
      });
      return out;
    }
    if (isJsonObject(v)) {
      const out: JsonObject = {};
      for (const [key, child] of Object.entries(v)) {
        const path = [...pes, fieldElement(key)];
        if (set.has(path)) continue;
        out[key] = set.hasPrefix(path) ? walk(child, path, [...sp, key]) : cloneJson(child);
      }
      return out;
    }
    return cloneJson(v);
  };
  return walk(value, [], []);
}

/** The schema path (field names and map keys, no list items) of a field path. */
export function schemaPathOf(path: FieldPath): string[] {
  return path.filter((pe) => pe.startsWith('f:')).map((pe) => pe.slice(2));
}

/**
 * Adds to `set` every declared struct field on the way to its members (structured-merge-diff
 * `EnsureNamedFieldsAreMembers`): owning `spec.a.b` then also means owning `spec` and `spec.a`
 * when they are struct fields, but not map keys on the way.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, schema: MergeSchema): FieldSet {
  if (schema.isNamedField === undefined) return set;
  const paths: FieldPath[] = set.paths();
  for (const path of set.paths()) {
    for (let end = 1; end < path.length; end++) {
      const prefix = path.slice(0, end);
      if (prefix[end - 1]?.startsWith('f:') === true && schema.isNamedField(schemaPathOf(prefix))) paths.push(prefix);
    }
  }
  return new FieldSet(paths);
}
