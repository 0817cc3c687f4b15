// Server-side apply: merges an applied configuration into the live object and tracks field ownership.
import type { KubeObject } from '../../core/index.js';
import { isJsonObject, jsonEqual, type JsonObject } from '../patch/json-value.js';
import { ApplyConflictError } from './apply-conflict-error.js';
import { dropEmptyManagers, shiftOwnership, withoutManagedFields } from './field-manager.js';
import { FieldSet } from './field-set.js';
import { allowedConflictsFromLastApplied, syncLastApplied } from './last-applied.js';
import {
  BEFORE_FIRST_APPLY,
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  IGNORED_FIELDS,
  managerIdentity,
  type ManagedFields,
} from './managed-fields.js';
import type { MergeSchema } from './merge-schema.js';
import { compare, ensureNamedFieldsAreMembers, merge, removeItems, toFieldSet } from './typed-value.js';

/** The input of {@link serverSideApply}. */
export interface ServerSideApplyInput {
  /** The stored object, or `undefined` when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration (the decoded `application/apply-patch+yaml` body). */
  applied: KubeObject;
  /** The `fieldManager` query parameter. */
  manager: string;
  /** The `force` query parameter: take conflicting fields instead of failing. */
  force: boolean;
  /** The API version of the request (recorded in the manager's entry). */
  apiVersion: string;
  /** Now, as RFC 3339 (`2024-05-01T10:00:00Z`), for the manager's `time`. */
  time: string;
  /** How lists and maps merge for this kind ({@link builtinMergeSchema}, a CRD's `mergeSchema`). */
  schema: MergeSchema;
}

/**
 * Applies a configuration the way kube-apiserver's field manager does (structured-merge-diff):
 *
 * 1. merges `applied` into `live`: scalars and atomic values from the configuration, maps key by
 *    key, map-lists by their keys, sets by value (lists of custom resources without
 *    `x-kubernetes-list-type` are atomic);
 * 2. records the manager's new field set (`Apply` operation) in `metadata.managedFields`;
 * 3. removes the fields this manager applied last time but no longer applies — unless another
 *    manager (apply or update) owns them — and struct fields left empty by that;
 * 4. fails with {@link ApplyConflictError} when the result changes fields other managers own,
 *    unless `force`, which moves those fields to this manager; fields removed from the object are
 *    removed from every manager; managers left with nothing are dropped.
 *
 * Kubernetes details reproduced: `apiVersion`, `kind`, `metadata.name`/`namespace`/`uid`/... are
 * never owned; an object without managedFields first gets a `before-first-apply` manager owning
 * everything; for the `kubectl` manager, conflicts on fields whose live value still equals the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation are forced, and that annotation is
 * rewritten to the applied configuration; the manager's `time` changes only when the object does;
 * beyond 10 Update managers the oldest merge into `ancient-changes`; entries are sorted.
 *
 * The caller keeps what the apply must not touch: for kinds with a status subresource it removes
 * `status` from `applied` (main resource) or everything but `status` (the `/status` subresource),
 * and it checks `apiVersion`, `fieldManager` and the absence of `metadata.managedFields` first.
 *
 * ## Example
 * ```ts
 * const result = serverSideApply({
 *   live, applied, manager: 'kubectl', force: false, apiVersion: 'apps/v1',
 *   time: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), schema: builtinMergeSchema(gvk),
 * });
 * ```
 *
 * ## Guarantees
 * Pure: returns a new object; `live` and `applied` are not modified.
 *
 * @returns The merged object with `metadata.managedFields` updated.
 * @throws {ApplyConflictError} 409 Conflict, with one cause per conflicting field.
 */
export function serverSideApply(input: ServerSideApplyInput): KubeObject {
  const { live, applied, manager, force, apiVersion, time, schema } = input;
  const liveValue: JsonObject = withoutManagedFields(live) ?? {};
  const config = withoutManagedFields(applied) ?? {};
  const managers = decodeManagedFields(live?.metadata?.managedFields);
  if (live !== undefined && managers.size === 0) adoptUnmanaged(managers, liveValue, apiVersion, time, schema);

  const applier = managerIdentity({ manager, operation: 'Apply', apiVersion, subresource: '' });
  const previous = managers.get(applier);
  const newSet = toFieldSet(config, schema).difference(IGNORED_FIELDS);
  managers.set(applier, { manager, operation: 'Apply', apiVersion, subresource: '', time: previous?.time, set: newSet });

  let merged = merge(liveValue, config, schema) as JsonObject;
  if (previous !== undefined && !previous.set.isEmpty()) merged = prune(merged, previous.set, managers, schema);

  const comparison = compare(liveValue, merged, schema);
  let conflicts = shiftOwnership(managers, comparison, applier, force);
  if (conflicts.length > 0 && manager === 'kubectl') {
    const allowed = allowedConflictsFromLastApplied(liveValue, schema);
    if (allowed !== undefined) {
      conflicts = conflicts.filter((c) => !allowed.has(c.path));
      if (conflicts.length === 0) shiftOwnership(managers, comparison, applier, true);
    }
  }
  if (conflicts.length > 0) throw new ApplyConflictError(conflicts);

  const current = managers.get(applier);
  if (current !== undefined && !jsonEqual(liveValue, merged)) managers.set(applier, { ...current, time });
  dropEmptyManagers(managers);
  capUpdateManagers(managers);
  if (manager === 'kubectl') syncLastApplied(merged, config);
  return withManagedFields(merged, managers);
}

/** Puts the encoded managers into the object's metadata. */
export function withManagedFields(object: JsonObject, managers: ManagedFields): KubeObject {
  const metadata = isJsonObject(object['metadata']) ? object['metadata'] : {};
  const managedFields = encodeManagedFields(managers);
  if (managedFields.length > 0) metadata['managedFields'] = managedFields;
  else delete metadata['managedFields'];
  object['metadata'] = metadata;
  return object as KubeObject;
}

/** `skipNonAppliedManager`: the fields of an object nobody managed yet belong to `before-first-apply`. */
function adoptUnmanaged(managers: ManagedFields, liveValue: JsonObject, apiVersion: string, time: string, schema: MergeSchema): void {
  const comparison = compare({}, liveValue, schema);
  const set = comparison.added.union(comparison.modified).difference(IGNORED_FIELDS);
  if (set.isEmpty()) return;
  const entry = { manager: BEFORE_FIRST_APPLY, operation: 'Update' as const, apiVersion, subresource: '' };
  managers.set(managerIdentity(entry), { ...entry, time, set });
}

/**
 * structured-merge-diff `prune`: removes what the applier owned last time and no longer applies,
 * unless some manager (the applier's new set included) still owns it.
 */
function prune(merged: JsonObject, lastSet: FieldSet, managers: ManagedFields, schema: MergeSchema): JsonObject {
  const last = ensureNamedFieldsAreMembers(lastSet, schema);
  const pruned = removeItems(merged, last, schema);
  let owned = FieldSet.EMPTY;
  for (const m of managers.values()) owned = owned.union(m.set);
  const mergedSet = ensureNamedFieldsAreMembers(toFieldSet(merged, schema), schema);
  const keep = ensureNamedFieldsAreMembers(toFieldSet(pruned, schema), schema).union(ensureNamedFieldsAreMembers(owned, schema));
  // addBackDanglingItems: only what the applier owned last time may go; fields nobody manages
  // (metadata.name, uid, resourceVersion, ...) stay even when removing a parent took them.
  return removeItems(merged, mergedSet.difference(keep).intersection(last), schema) as JsonObject;
}
