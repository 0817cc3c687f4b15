// How server-side apply merges each list and map of a kind: atomic, set, or map keyed by some fields.
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import type { GroupVersionKind } from '../../core/index.js';
import { ATOMIC_STRUCTS, LIST_MAP_KEY_DEFAULTS } from '../openapi/builtin-field-metadata.js';
import { fieldCursor, itemCursor, rootCursor, structName, type TypeCursor } from '../patch/builtin-type-cursor.js';
import { additionalOf, asStructural, itemsOf, type StructuralSchema } from '../schema/structural-schema.js';
import { ownProperty } from '../../core/json/own-property.js';
import { goJsonForm } from '../objects/write-zero-values.js';
import type { JsonObject } from '../patch/json-value.js';

/**
 * The topology of a list (`x-kubernetes-list-type`): replaced whole (`atomic`), a set of scalars
 * (`set`), or a map of objects identified by `keys` (`map`). `defaults` gives values the server
 * assumes for missing key fields (`protocol: TCP` on ports).
 */
export type ListType =
  | { readonly type: 'atomic' }
  | { readonly type: 'set' }
  | { readonly type: 'map'; readonly keys: readonly string[]; readonly defaults?: Readonly<Record<string, unknown>> };

/**
 * Answers, for a field path, how server-side apply merges the value there. A path is the field
 * names from the object root; list items add no segment and map entries add their key, so
 * `['spec', 'template', 'spec', 'containers', 'ports']` is every container's ports.
 */
export interface MergeSchema {
  /** The topology of the list at `path` (atomic when unknown). */
  listType(path: readonly string[]): ListType;
  /** `atomic` when the map or struct at `path` is owned and replaced as a whole (default `granular`). */
  mapType?(path: readonly string[]): 'atomic' | 'granular';
  /** `atomic` when each item of the list at `path` is a struct replaced as a whole (a list of `Subject`s). */
  itemMapType?(path: readonly string[]): 'atomic' | 'granular';
  /**
   * True when the last segment of `path` is a declared field of a struct (not a key of a map):
   * when an applier stops applying everything under such a field and nobody else owns anything
   * there, the field itself is removed. Without this method no field counts as declared.
   */
  isNamedField?(path: readonly string[]): boolean;
  /**
   * The object as the field manager compares it: for built-in kinds, as Go's encoder writes the
   * typed object (zero-valued structs, `null` for nil fields without `omitempty`; see
   * `goJsonForm`). Without this method objects are compared as they are (custom resources).
   */
  typedForm?(object: JsonObject): JsonObject;
}

const ATOMIC: ListType = { type: 'atomic' };

/**
 * The merge schema of a built-in kind, from Kubernetes' list markers and patch strategies
 * (`containers` is a map keyed by `name`, container `ports` by `containerPort`+`protocol`,
 * `finalizers` a set, `tolerations` atomic, `LabelSelector`s atomic structs...). Lists without a
 * marker or strategy are atomic, as in Kubernetes. Unknown kinds get an all-atomic schema.
 *
 * ## Example
 * ```ts
 * builtinMergeSchema({ group: 'apps', version: 'v1', kind: 'Deployment' }).listType(['spec', 'template', 'spec', 'containers']);
 * // { type: 'map', keys: ['name'] }
 * ```
 */
export function builtinMergeSchema(gvk: GroupVersionKind): MergeSchema {
  const root = rootCursor(gvk);
  const resolve = (path: readonly string[]) => {
    let cursor: TypeCursor = root;
    let meta: ReturnType<typeof fieldCursor>['meta'];
    for (const segment of path) {
      while (itemCursor(cursor) !== undefined) cursor = itemCursor(cursor);
      ({ type: cursor, meta } = fieldCursor(cursor, segment));
    }
    return { cursor, meta };
  };
  return {
    listType(path) {
      const { meta } = resolve(path);
      if (meta === undefined) return ATOMIC;
      const merging = meta.patchStrategy?.split(',').includes('merge') === true;
      const type = meta.listType ?? (merging ? (meta.patchMergeKey === undefined ? 'set' : 'map') : 'atomic');
      if (type !== 'map') return { type };
      const keys = meta.listMapKeys ?? (meta.patchMergeKey === undefined ? [] : [meta.patchMergeKey]);
      const defaults = Object.fromEntries(keys.filter((k) => Object.hasOwn(LIST_MAP_KEY_DEFAULTS, k)).map((k) => [k, LIST_MAP_KEY_DEFAULTS[k]]));
      return Object.keys(defaults).length > 0 ? { type, keys, defaults } : { type, keys };
    },
    typedForm(object) {
      return goJsonForm(gvk, object) as JsonObject;
    },
    mapType(path) {
      const { cursor, meta } = resolve(path);
      if (meta?.mapType !== undefined) return meta.mapType;
      const name = structName(cursor);
      return name !== undefined && ATOMIC_STRUCTS.has(name) ? 'atomic' : 'granular';
    },
    itemMapType(path) {
      let { cursor } = resolve(path);
      while (itemCursor(cursor) !== undefined) cursor = itemCursor(cursor);
      const name = structName(cursor);
      return name !== undefined && ATOMIC_STRUCTS.has(name) ? 'atomic' : 'granular';
    },
    isNamedField(path) {
      if (path.length === 0) return false;
      let { cursor } = resolve(path.slice(0, -1));
      while (itemCursor(cursor) !== undefined) cursor = itemCursor(cursor);
      return fieldCursor(cursor, path[path.length - 1] ?? '').type !== undefined && structName(cursor) !== undefined;
    },
  };
}

/**
 * The merge schema of a custom resource version, from its structural schema's
 * `x-kubernetes-list-type` / `x-kubernetes-list-map-keys` / `x-kubernetes-map-type` markers.
 * **Lists without markers are atomic**, as for every CRD; maps are granular unless marked atomic.
 * Map-key defaults come from the item schema's `default`s.
 */
export function crdMergeSchema(schema: JSONSchemaProps): MergeSchema {
  const root = asStructural(schema);
  const resolve = (path: readonly string[]): StructuralSchema | undefined => {
    let current: StructuralSchema | undefined = root;
    for (const segment of path) {
      while (current !== undefined && itemsOf(current) !== undefined && current.type === 'array') current = itemsOf(current);
      current = (ownProperty(current?.properties, segment) as StructuralSchema | undefined) ?? (current === undefined ? undefined : additionalOf(current));
    }
    return current;
  };
  return {
    listType(path) {
      const node = resolve(path);
      switch (node?.['x-kubernetes-list-type']) {
        case 'set':
          return { type: 'set' };
        case 'map': {
          const keys = node['x-kubernetes-list-map-keys'] ?? [];
          const items = itemsOf(node);
          const defaults = Object.fromEntries(
            keys.flatMap((k) => {
              const value = (ownProperty(items?.properties, k) as StructuralSchema | undefined)?.default;
              return value === undefined ? [] : [[k, value as unknown]];
            }),
          );
          return Object.keys(defaults).length > 0 ? { type: 'map', keys, defaults } : { type: 'map', keys };
        }
        default:
          return ATOMIC;
      }
    },
    mapType(path) {
      return resolve(path)?.['x-kubernetes-map-type'] === 'atomic' ? 'atomic' : 'granular';
    },
    itemMapType(path) {
      let schema = resolve(path);
      while (schema !== undefined && schema.type === 'array' && itemsOf(schema) !== undefined) schema = itemsOf(schema);
      return schema?.['x-kubernetes-map-type'] === 'atomic' ? 'atomic' : 'granular';
    },
    isNamedField(path) {
      if (path.length === 0) return false;
      let parent = resolve(path.slice(0, -1));
      while (parent !== undefined && parent.type === 'array' && itemsOf(parent) !== undefined) parent = itemsOf(parent);
      return parent?.properties?.[path[path.length - 1] ?? ''] !== undefined;
    },
  };
}
