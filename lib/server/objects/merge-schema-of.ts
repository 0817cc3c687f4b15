// The merge schema (list and map topology) of a served kind, for managedFields and server-side apply.
import { builtinMergeSchema, type MergeSchema } from '../apply/merge-schema.js';
import type { ResourceKind } from '../registry/resource-kind.js';

const cache = new WeakMap<ResourceKind, MergeSchema>();

/** The kind's merge schema: Kubernetes' list markers for built-ins, the CRD schema's for custom resources. */
export function mergeSchemaOf(kind: ResourceKind): MergeSchema {
  const custom = kind.custom?.compiled?.mergeSchema;
  if (custom !== undefined) return custom;
  let schema = cache.get(kind);
  if (schema === undefined) {
    schema = builtinMergeSchema({ group: kind.group, version: kind.version, kind: kind.kind });
    cache.set(kind, schema);
  }
  return schema;
}
