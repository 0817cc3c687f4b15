// Marks a helper-built schema as the schema of an optional (`?:`) property, as ajv's JSONSchemaType requires.
import type { JSONSchemaType } from 'ajv';

/**
 * `schema` (typically a helper's `JSONSchemaType<T>`) with `nullable: true`, which ajv's `JSONSchemaType` demands for a property declared
 * `name?: T`. The CRD does not keep it: Kubernetes then prunes a `null` instead of storing it,
 * which is what the TypeScript type (without `null`) expects.
 *
 * ## Example
 * ```ts
 * interface Spec { port?: IntOrString }
 * const schema: JSONSchemaType<Spec> = { type: 'object', properties: { port: optional(intOrString()) } };
 * ```
 */
export function optional<T>(schema: JSONSchemaType<T>): JSONSchemaType<T> & { nullable: true } {
  return { ...schema, nullable: true };
}
