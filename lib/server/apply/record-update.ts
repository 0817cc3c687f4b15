// Field ownership for ordinary writes (create, update, non-apply patches): the writer owns what it changed.
import type { KubeObject } from '../../core/index.js';
import { dropEmptyManagers, shiftOwnership, withoutManagedFields } from './field-manager.js';
import { FieldSet } from './field-set.js';
import { capUpdateManagers, decodeManagedFields, IGNORED_FIELDS, isResetManagedFields, managerIdentity, type ManagedFields } from './managed-fields.js';
import type { MergeSchema } from './merge-schema.js';
import { withManagedFields } from './server-side-apply.js';
import { compare } from './typed-value.js';
import type { JsonObject } from '../patch/json-value.js';

/** The input of {@link recordUpdate}. */
export interface RecordUpdateInput {
  /** The stored object, or `undefined` for a create. */
  live: KubeObject | undefined;
  /** The object about to be stored (after the patch, defaults and strategy). */
  updated: KubeObject;
  /** The `fieldManager` parameter, or the User-Agent's product (`kubectl-edit`, `OpenAPI-Generator`). */
  manager: string;
  /** The API version of the request. */
  apiVersion: string;
  /** Now, as RFC 3339, for the manager's `time`. */
  time: string;
  /** `status`, `scale`, ... for writes through a subresource. */
  subresource?: string;
  /** How lists and maps merge for this kind. */
  schema: MergeSchema;
}

/**
 * Updates `metadata.managedFields` for a create, update or non-apply patch (an `Update`
 * operation), as kube-apiserver's field manager does:
 * - the writer (`manager`, `Update`, `apiVersion`, `subresource`) gains every field it added or
 *   changed and loses the fields it removed; its `time` moves only when it changed something;
 * - every other manager loses the fields that were changed or removed (updates never conflict);
 * - managers left with nothing are dropped, Update managers beyond 10 merge into
 *   `ancient-changes`, entries are sorted (Apply first, then time, manager, version, subresource);
 * - the request may carry its own `managedFields` to replace the live ones (not through a
 *   subresource); `managedFields: [{}]` resets ownership, `[]` keeps the live entries.
 *
 * `apiVersion`, `kind`, `metadata.name`, `uid`, `resourceVersion`, ... are never owned. Fields a
 * write does not change keep their owners.
 *
 * Objects are compared in their typed form (`schema.typedForm`): a create of a built-in kind
 * is compared with the Go zero value, in which value structs such as `spec` already exist and
 * nil lists are `null`, so those carry no `.` in the creator's FieldsV1; a custom resource is
 * compared with an empty object, so its `spec` does (`f:spec: {.: {}, ...}`), as kube-apiserver
 * records.
 *
 * ## Example
 * ```ts
 * const stored = recordUpdate({ live, updated, manager: 'kubectl-edit', apiVersion: 'v1', time, schema: builtinMergeSchema(gvk) });
 * ```
 *
 * An update of an object that nobody manages (created with no field worth owning, such as a
 * ConfigMap with only a name, or whose managedFields were reset) starts no tracking: as
 * kube-apiserver's `skipNonAppliedManager` does, it stays unmanaged until its first apply.
 *
 * ## Guarantees
 * Pure: returns a copy of `updated` with `metadata.managedFields` replaced.
 */
export function recordUpdate(input: RecordUpdateInput): KubeObject {
  const { live, updated, manager, apiVersion, time, subresource = '', schema } = input;
  const managers = baseManagers(live, updated, subresource);
  const next = withoutManagedFields(updated) ?? {};
  if (live !== undefined && managers.size === 0) return withManagedFields(next, managers);
  const liveValue = withoutManagedFields(live) ?? {};
  const typed = (object: JsonObject): JsonObject => schema.typedForm?.(object) ?? object;
  const comparison = compare(typed(liveValue), typed(next), schema);
  const writer = managerIdentity({ manager, operation: 'Update', apiVersion, subresource });
  shiftOwnership(managers, comparison, writer, true);
  const changed = comparison.added.union(comparison.modified).difference(IGNORED_FIELDS);
  const previous = managers.get(writer);
  if (!changed.isEmpty()) {
    const set = (previous?.set ?? FieldSet.EMPTY).difference(comparison.removed).union(changed);
    managers.set(writer, { manager, operation: 'Update', apiVersion, subresource, time, set });
  } else if (previous !== undefined) {
    managers.set(writer, { ...previous, set: previous.set.difference(comparison.removed) });
  }
  dropEmptyManagers(managers);
  capUpdateManagers(managers);
  return withManagedFields(next, managers);
}

function baseManagers(live: KubeObject | undefined, updated: KubeObject, subresource: string): ManagedFields {
  const liveManagers = decodeManagedFields(live?.metadata?.managedFields);
  if (subresource !== '') return liveManagers;
  const requested = updated.metadata?.managedFields;
  if (isResetManagedFields(requested)) return new Map();
  const own = decodeManagedFields(requested);
  return own.size === 0 ? liveManagers : own;
}
