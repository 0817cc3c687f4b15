// Go's `%#v` of a few typed values that kube-apiserver prints into validation messages.

type Json = Record<string, unknown>;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `%#v` of a struct of strings: `authorization.NonResourceAttributes{Path:"/x", Verb:"get"}`. */
export function goStruct(type: string, fields: readonly (readonly [string, string])[]): string {
  return `${type}{${fields.map(([k, v]) => `${k}:${JSON.stringify(v)}`).join(', ')}}`;
}

/** `%#v` of a `time.Time` in UTC: `time.Date(2024, time.May, 1, 10, 0, 0, 0, time.UTC)`. */
export function goTime(iso: string | undefined): string {
  const date = iso === undefined ? undefined : new Date(iso);
  if (date === undefined || Number.isNaN(date.getTime())) return 'time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)';
  const nanos = date.getUTCMilliseconds() * 1_000_000;
  return `time.Date(${date.getUTCFullYear()}, time.${MONTHS[date.getUTCMonth()]}, ${date.getUTCDate()}, ${date.getUTCHours()}, ${date.getUTCMinutes()}, ${date.getUTCSeconds()}, ${nanos}, time.UTC)`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function stringMap(value: unknown): string {
  if (typeof value !== 'object' || value === null) return 'map[string]string(nil)';
  const entries = Object.entries(value as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(text(v))}`).join(', ')}}`;
}

function stringSlice(value: unknown): string {
  if (!Array.isArray(value)) return '[]string(nil)';
  return `[]string{${value.map((v) => JSON.stringify(text(v))).join(', ')}}`;
}

function ownerReferences(value: unknown): string {
  if (!Array.isArray(value)) return '[]v1.OwnerReference(nil)';
  const refs = value.map((r) => {
    const ref = (r ?? {}) as Json;
    return `v1.OwnerReference{APIVersion:${JSON.stringify(text(ref['apiVersion']))}, Kind:${JSON.stringify(text(ref['kind']))}, Name:${JSON.stringify(text(ref['name']))}, UID:${JSON.stringify(text(ref['uid']))}, Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}`;
  });
  return `[]v1.OwnerReference{${refs.join(', ')}}`;
}

function managedFields(value: unknown): string {
  if (!Array.isArray(value)) return '[]v1.ManagedFieldsEntry(nil)';
  const entries = value.map((e) => {
    const entry = (e ?? {}) as Json;
    return `v1.ManagedFieldsEntry{Manager:${JSON.stringify(text(entry['manager']))}, Operation:${JSON.stringify(text(entry['operation']))}, APIVersion:${JSON.stringify(text(entry['apiVersion']))}, Time:${goTime(text(entry['time']) || undefined)}, FieldsType:${JSON.stringify(text(entry['fieldsType']))}, FieldsV1:(*v1.FieldsV1)(0xc000000000), Subresource:${JSON.stringify(text(entry['subresource']))}}`;
  });
  return `[]v1.ManagedFieldsEntry{${entries.join(', ')}}`;
}

/**
 * `%#v` of a `metav1.ObjectMeta`, as `field.Invalid(metadata, ...)` prints it. Pointers are
 * printed as Go would print some address; the real address differs on every request anyway.
 */
export function goObjectMeta(meta: Json): string {
  const generation = typeof meta['generation'] === 'number' ? meta['generation'] : 0;
  const grace = typeof meta['deletionGracePeriodSeconds'] === 'number' ? `(*int64)(0xc000000008)` : '(*int64)(nil)';
  return [
    `v1.ObjectMeta{Name:${JSON.stringify(text(meta['name']))}`,
    `GenerateName:${JSON.stringify(text(meta['generateName']))}`,
    `Namespace:${JSON.stringify(text(meta['namespace']))}`,
    `SelfLink:${JSON.stringify(text(meta['selfLink']))}`,
    `UID:${JSON.stringify(text(meta['uid']))}`,
    `ResourceVersion:${JSON.stringify(text(meta['resourceVersion']))}`,
    `Generation:${generation}`,
    `CreationTimestamp:${goTime(text(meta['creationTimestamp']) || undefined)}`,
    `DeletionTimestamp:${typeof meta['deletionTimestamp'] === 'string' ? goTime(meta['deletionTimestamp']) : '<nil>'}`,
    `DeletionGracePeriodSeconds:${grace}`,
    `Labels:${stringMap(meta['labels'])}`,
    `Annotations:${stringMap(meta['annotations'])}`,
    `OwnerReferences:${ownerReferences(meta['ownerReferences'])}`,
    `Finalizers:${stringSlice(meta['finalizers'])}`,
    `ManagedFields:${managedFields(meta['managedFields'])}}`,
  ].join(', ');
}
