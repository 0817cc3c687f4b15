// The CRD schema type with the x-kubernetes-* extensions that kubernetes-types does not declare.
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';

/** One `x-kubernetes-validations` rule (`apiextensions.k8s.io/v1 ValidationRule`). */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate' | (string & {});
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

/**
 * `JSONSchemaProps` as the API server reads it: the OpenAPI v3 subset of a CRD version's
 * `schema.openAPIV3Schema`, plus the `x-kubernetes-*` extensions.
 */
export type StructuralSchema = Omit<JSONSchemaProps, 'properties' | 'items' | 'additionalProperties' | 'allOf' | 'anyOf' | 'oneOf' | 'not'> & {
  properties?: Record<string, StructuralSchema>;
  items?: StructuralSchema | StructuralSchema[];
  additionalProperties?: StructuralSchema | boolean;
  allOf?: StructuralSchema[];
  anyOf?: StructuralSchema[];
  oneOf?: StructuralSchema[];
  not?: StructuralSchema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-validations'?: ValidationRule[];
};

/** Reads a JSONSchemaProps with its extensions. */
export function asStructural(schema: JSONSchemaProps): StructuralSchema {
  return schema as StructuralSchema;
}

/** The single item schema of an array schema (a tuple `items` list is not structural). */
export function itemsOf(schema: StructuralSchema): StructuralSchema | undefined {
  return Array.isArray(schema.items) ? undefined : schema.items;
}

/** The schema of the values of a map (`additionalProperties` as a schema). */
export function additionalOf(schema: StructuralSchema): StructuralSchema | undefined {
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}
