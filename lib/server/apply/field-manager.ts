// The ownership bookkeeping shared by apply and update: who loses which fields, and who conflicts.
import type { KubeObject } from '../../core/index.js';
import { cloneJson, isJsonObject, type JsonObject } from '../patch/json-value.js';
import type { ApplyConflict } from './apply-conflict-error.js';
import { FieldSet } from './field-set.js';
import type { ManagedFields } from './managed-fields.js';
import type { Comparison } from './typed-value.js';

/** A copy of `object` without `metadata.managedFields` (the value the merge algorithms see). */
export function withoutManagedFields(object: KubeObject | undefined): JsonObject | undefined {
  if (object === undefined) return undefined;
  const copy = cloneJson(object) as JsonObject;
  const metadata = copy['metadata'];
  if (isJsonObject(metadata)) delete metadata['managedFields'];
  return copy;
}

/**
 * structured-merge-diff's `update` step: every manager other than `acting` loses the fields that
 * were removed, and — when there is no conflict or `force` is set — the fields that were added or
 * changed. Returns the conflicts (fields of other managers that were added or changed) and
 * mutates `managers` only when it returns none or `force` is set.
 */
export function shiftOwnership(managers: ManagedFields, comparison: Comparison, acting: string, force: boolean): ApplyConflict[] {
  const changed = comparison.modified.union(comparison.added);
  const conflicts: ApplyConflict[] = [];
  const taken = new Map<string, FieldSet>();
  for (const [id, manager] of managers) {
    if (id === acting) continue;
    const overlap = manager.set.intersection(changed);
    if (!overlap.isEmpty()) {
      taken.set(id, overlap);
      for (const path of overlap.paths()) conflicts.push({ manager, path });
    }
  }
  if (conflicts.length > 0 && !force) return conflicts;
  for (const [id, manager] of managers) {
    if (id === acting) continue;
    const set = manager.set.difference(taken.get(id) ?? FieldSet.EMPTY).difference(comparison.removed);
    managers.set(id, { ...manager, set });
  }
  return [];
}

/** Drops managers whose sets are empty. */
export function dropEmptyManagers(managers: ManagedFields): void {
  for (const [id, manager] of managers) if (manager.set.isEmpty()) managers.delete(id);
}
