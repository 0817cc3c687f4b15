// kubectl's client-side-apply annotation, which server-side apply by the "kubectl" manager keeps in step.
import { isJsonObject, type JsonObject } from '../patch/json-value.js';
import type { FieldSet } from './field-set.js';
import type { MergeSchema } from './merge-schema.js';
import { compare, toFieldSet } from './typed-value.js';

/** `kubectl.kubernetes.io/last-applied-configuration`. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

function annotationsOf(object: unknown): JsonObject | undefined {
  const metadata = isJsonObject(object) ? object['metadata'] : undefined;
  const annotations = isJsonObject(metadata) ? metadata['annotations'] : undefined;
  return isJsonObject(annotations) ? annotations : undefined;
}

/**
 * The conflicts kube-apiserver lets `kubectl apply --server-side` force when moving an object
 * from client-side apply (`lastAppliedManager`): fields of the last-applied annotation whose live
 * value is still the last-applied one. `undefined` when there is no usable annotation.
 */
export function allowedConflictsFromLastApplied(live: unknown, schema: MergeSchema): FieldSet | undefined {
  const text = annotationsOf(live)?.[LAST_APPLIED_ANNOTATION];
  if (typeof text !== 'string' || text === '') return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return undefined;
  }
  const comparison = compare(lastApplied, live, schema);
  return toFieldSet(lastApplied, schema).difference(comparison.modified).difference(comparison.added).difference(comparison.removed);
}

/** Go's `json.Marshal` of a decoded object: map keys sorted. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `lastAppliedUpdater`: when the "kubectl" manager applies and the result still carries the
 * last-applied annotation, the annotation becomes the applied configuration (without the
 * annotation itself), so that a later client-side `kubectl apply` computes the right patch.
 */
export function syncLastApplied(result: JsonObject, applied: unknown): void {
  const annotations = annotationsOf(result);
  if (annotations === undefined || !Object.hasOwn(annotations, LAST_APPLIED_ANNOTATION)) return;
  const config = structuredClone(applied) as JsonObject;
  const configAnnotations = annotationsOf(config);
  if (configAnnotations !== undefined) delete configAnnotations[LAST_APPLIED_ANNOTATION];
  annotations[LAST_APPLIED_ANNOTATION] = `${sortedJson(config)}\n`;
}
