// Schema helpers for free-form data the API server must keep as it is.
import type { JSONSchemaType } from 'ajv';

/** What a free-form object field may additionally say. */
export interface FreeFormOptions {
  readonly description?: string;
}

/**
 * An object whose fields are not declared and must not be pruned:
 * `{type: object, x-kubernetes-preserve-unknown-fields: true}`. Choose `T` to type it
 * (`Record<string, unknown>` by default); neither ajv nor the server checks inside it.
 *
 * ## Example
 * ```ts
 * interface Spec { values: Record<string, unknown> }
 * const schema: JSONSchemaType<Spec> = { type: 'object', properties: { values: preserveUnknownFields() }, required: ['values'] };
 * ```
 */
export function preserveUnknownFields<T = Record<string, unknown>>(options: FreeFormOptions = {}): JSONSchemaType<T> {
  const schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, ...options };
  return schema as unknown as JSONSchemaType<T>;
}

/**
 * Any JSON value (object, list, string, number, boolean): `x-kubernetes-preserve-unknown-fields: true`
 * with no type, as kube-rs emits for `serde_json::Value`. Use it for an optional `unknown` field
 * through `optional(anyValue())`.
 */
export function anyValue<T = unknown>(options: FreeFormOptions = {}): JSONSchemaType<T> {
  const schema = { 'x-kubernetes-preserve-unknown-fields': true, ...options };
  return schema as unknown as JSONSchemaType<T>;
}
