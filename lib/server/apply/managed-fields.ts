// Decodes, updates and encodes metadata.managedFields: one field set per manager, operation, version and subresource.
import type { ManagedFieldsEntry } from 'kubernetes-types/meta/v1.js';
import { isJsonObject } from '../patch/json-value.js';
import { fieldElement, FieldSet } from './field-set.js';

/** One manager's ownership, as tracked between decode and encode. */
export interface ManagerFields {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  readonly apiVersion: string;
  readonly subresource: string;
  readonly time: string | undefined;
  readonly set: FieldSet;
}

/** Managers keyed by {@link managerIdentity}. */
export type ManagedFields = Map<string, ManagerFields>;

/** The name Kubernetes gives to the fields of an object that had no managedFields before its first apply. */
export const BEFORE_FIRST_APPLY = 'before-first-apply';
/** The bucket old Update managers are merged into beyond {@link MAX_UPDATE_MANAGERS}. */
export const ANCIENT_CHANGES = 'ancient-changes';
/** How many Update managers an object keeps before the oldest are merged. */
export const MAX_UPDATE_MANAGERS = 10;

/**
 * The identity of a manager entry, as kube-apiserver encodes it (`BuildManagerIdentifier`): the
 * JSON of `{manager, operation, apiVersion (Update only), subresource}`. Sorting identities sorts
 * by manager name first.
 */
export function managerIdentity(entry: { manager: string; operation: string; apiVersion: string; subresource: string }): string {
  return JSON.stringify({
    manager: entry.manager,
    operation: entry.operation,
    ...(entry.operation === 'Update' ? { apiVersion: entry.apiVersion } : {}),
    ...(entry.subresource === '' ? {} : { subresource: entry.subresource }),
  });
}

/** True for `managedFields: [{}]`, the request that resets all ownership. */
export function isResetManagedFields(entries: unknown): boolean {
  return Array.isArray(entries) && entries.length === 1 && isJsonObject(entries[0]) && Object.keys(entries[0]).length === 0;
}

/** Decodes `metadata.managedFields`; entries that are not FieldsV1 Apply/Update entries are skipped. */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): ManagedFields {
  const managers: ManagedFields = new Map();
  for (const entry of entries ?? []) {
    if (!isJsonObject(entry as unknown) || (entry.operation !== 'Apply' && entry.operation !== 'Update')) continue;
    const fields: ManagerFields = {
      manager: entry.manager ?? '',
      operation: entry.operation,
      apiVersion: entry.apiVersion ?? '',
      subresource: entry.subresource ?? '',
      time: entry.time,
      set: FieldSet.fromFieldsV1(entry.fieldsV1),
    };
    const id = managerIdentity(fields);
    const previous = managers.get(id);
    managers.set(id, previous === undefined ? fields : { ...fields, set: previous.set.union(fields.set) });
  }
  return managers;
}

/** Paths no manager ever owns (kube-apiserver's `stripMetaManager`; removed per path, not recursively). */
export const IGNORED_FIELDS = new FieldSet(
  [
    ['apiVersion'],
    ['kind'],
    ['metadata'],
    ['metadata', 'name'],
    ['metadata', 'namespace'],
    ['metadata', 'creationTimestamp'],
    ['metadata', 'selfLink'],
    ['metadata', 'uid'],
    ['metadata', 'clusterName'],
    ['metadata', 'generation'],
    ['metadata', 'managedFields'],
    ['metadata', 'resourceVersion'],
  ].map((path) => path.map(fieldElement)),
);

/**
 * Merges the oldest Update managers into `ancient-changes` (one bucket per API version) until
 * at most {@link MAX_UPDATE_MANAGERS} Update managers remain (kube-apiserver `capManagers`).
 */
export function capUpdateManagers(managers: ManagedFields): void {
  const updaters = [...managers.entries()].filter(([, m]) => m.operation === 'Update' && m.manager !== ANCIENT_CHANGES);
  let count = [...managers.values()].filter((m) => m.operation === 'Update').length;
  if (count <= MAX_UPDATE_MANAGERS) return;
  updaters.sort(([, a], [, b]) => Date.parse(a.time ?? '') - Date.parse(b.time ?? '') || (a.manager < b.manager ? -1 : 1));
  for (const [id, manager] of updaters) {
    if (count <= MAX_UPDATE_MANAGERS) break;
    const bucketEntry = { manager: ANCIENT_CHANGES, operation: 'Update' as const, apiVersion: manager.apiVersion, subresource: '' };
    const bucketId = managerIdentity(bucketEntry);
    const bucket = managers.get(bucketId);
    managers.delete(id);
    if (bucket === undefined) {
      managers.set(bucketId, { ...bucketEntry, time: manager.time, set: manager.set });
    } else {
      const later = Date.parse(bucket.time ?? '') >= Date.parse(manager.time ?? '') ? bucket.time : manager.time;
      managers.set(bucketId, { ...bucket, time: later, set: bucket.set.union(manager.set) });
      count--;
    }
  }
}

/**
 * Encodes managers as `metadata.managedFields`, dropping empty sets and sorting as kube-apiserver
 * does: operation (`Apply` before `Update`), then time (seconds), manager, apiVersion, subresource.
 */
export function encodeManagedFields(managers: ManagedFields): ManagedFieldsEntry[] {
  const seconds = (time: string | undefined): number => (time === undefined ? 0 : Math.floor(Date.parse(time) / 1000) || 0);
  const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...managers.values()]
    .filter((m) => !m.set.isEmpty())
    .sort(
      (a, b) =>
        compareText(a.operation, b.operation) ||
        seconds(a.time) - seconds(b.time) ||
        compareText(a.manager, b.manager) ||
        compareText(a.apiVersion, b.apiVersion) ||
        compareText(a.subresource, b.subresource),
    )
    .map((m) => ({
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time === undefined ? {} : { time: m.time }),
      fieldsType: 'FieldsV1',
      fieldsV1: m.set.toFieldsV1(),
      ...(m.subresource === '' ? {} : { subresource: m.subresource }),
    }));
}
