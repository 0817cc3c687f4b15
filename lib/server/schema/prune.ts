// Drops the fields a structural schema does not specify, as the API server does before storing a custom resource.
import { builtinDefinition } from '../openapi/builtin-definitions.js';
import { isJsonObject } from '../patch/json-value.js';
import { additionalOf, itemsOf, type StructuralSchema } from './structural-schema.js';
import { ownProperty } from '../../core/json/own-property.js';

const RESOURCE_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Removes, in place, every field of `value` that `schema` does not specify, and returns the
 * paths of the removed fields (`spec.foo`, `spec.items[0].bar`) — what `fieldValidation=Strict`
 * refuses and `Warn` reports (apiextensions-apiserver `pruning.PruneWithOptions`).
 *
 * - Fields under `x-kubernetes-preserve-unknown-fields: true` are kept (their specified
 *   sub-fields are still pruned); map values (`additionalProperties`) and list items are pruned
 *   against their schema.
 * - At the resource root (`isResourceRoot`) `apiVersion`, `kind` and `metadata` are always kept
 *   and `metadata` is left untouched (the caller validates ObjectMeta). In an
 *   `x-kubernetes-embedded-resource` object they are kept too, with `metadata` reduced to the
 *   fields of ObjectMeta.
 */
export function pruneInPlace(value: unknown, schema: StructuralSchema, isResourceRoot: boolean, path = ''): string[] {
  const removed: string[] = [];
  walk(value, schema, isResourceRoot, path, removed);
  return removed;
}

function walk(value: unknown, schema: StructuralSchema, isResourceRoot: boolean, path: string, removed: string[]): void {
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    if (items !== undefined) value.forEach((item, at) => walk(item, items, false, `${path}[${at}]`, removed));
    return;
  }
  if (!isJsonObject(value)) return;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const additional = additionalOf(schema);
  for (const [field, fieldValue] of Object.entries(value)) {
    const fieldPath = path === '' ? field : `${path}.${field}`;
    if ((isResourceRoot || embedded) && RESOURCE_FIELDS.has(field)) {
      if (field === 'metadata' && embedded && !isResourceRoot) pruneObjectMeta(fieldValue, fieldPath, removed);
      continue;
    }
    const property = ownProperty(schema.properties, field) as StructuralSchema | undefined;
    if (property !== undefined) walk(fieldValue, property, false, fieldPath, removed);
    else if (additional !== undefined) walk(fieldValue, additional, false, fieldPath, removed);
    else if (!preserve && schema.additionalProperties !== true) {
      delete value[field];
      removed.push(fieldPath);
    }
  }
}

function pruneObjectMeta(metadata: unknown, path: string, removed: string[]): void {
  if (!isJsonObject(metadata)) return;
  const known = builtinDefinition('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')?.fields;
  for (const field of Object.keys(metadata)) {
    if (known !== undefined && !known.has(field)) {
      delete metadata[field];
      removed.push(`${path}.${field}`);
    }
  }
}
