// Schema helper for a whole Kubernetes object embedded in a custom resource (a Pod template, a manifest).
import type { JSONSchemaType } from 'ajv';
import type { ObjectMeta } from '../core/object.js';

/** A Kubernetes object nested in another one: `apiVersion` and `kind` are required, the rest is free. */
export interface EmbeddedResource {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/**
 * The schema of an embedded object: `x-kubernetes-embedded-resource: true` (the server then
 * validates its `apiVersion`, `kind` and `metadata`) with `x-kubernetes-preserve-unknown-fields: true`.
 * `validate` checks `apiVersion` and `kind` are non-empty strings and `metadata` an object.
 *
 * ## Example
 * ```ts
 * interface Spec { template: EmbeddedResource }
 * const schema: JSONSchemaType<Spec> = { type: 'object', properties: { template: embeddedResource() }, required: ['template'] };
 * ```
 */
export function embeddedResource<T = EmbeddedResource>(options: { readonly description?: string } = {}): JSONSchemaType<T> {
  const schema = { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true, ...options };
  return schema as unknown as JSONSchemaType<T>;
}
