// The shape of a Kubernetes structural schema: OpenAPI v3 JSONSchemaProps plus the x-kubernetes-* extensions.
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';

/** The cause type a failed CEL rule reports (`FieldValueInvalid` when absent). */
export type ValidationRuleReason = 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';

/**
 * One CEL rule of `x-kubernetes-validations` (apiextensions `ValidationRule`). `self` is the
 * value of the node the rule sits on; `oldSelf` the previous value (transition rules run on
 * update only).
 */
export interface ValidationRule {
  /** The CEL expression that must evaluate to `true`, e.g. `self.minReplicas <= self.replicas`. */
  readonly rule: string;
  /** The message on failure; the server says `failed rule: <rule>` when neither message is given. */
  readonly message?: string;
  /** A CEL expression producing the message. */
  readonly messageExpression?: string;
  /** @default 'FieldValueInvalid' */
  readonly reason?: ValidationRuleReason;
  /** Where the error is reported, relative to the node (`.spec.replicas`, `['key']`). */
  readonly fieldPath?: string;
  /** Run a transition rule on create too, with `oldSelf` an optional. */
  readonly optionalOldSelf?: boolean;
}

/** `x-kubernetes-list-type`: how server-side apply merges a list, and which duplicates are refused. */
export type ListType = 'atomic' | 'set' | 'map';
/** `x-kubernetes-map-type`: whether server-side apply merges an object key by key. */
export type MapType = 'atomic' | 'granular';

/**
 * A structural schema node as it appears in a CRD's `openAPIV3Schema`: every field typed,
 * `properties` and `additionalProperties` exclusive, no `$ref`, no `uniqueItems`, value
 * validations only under `allOf`/`anyOf`/`oneOf`/`not`.
 *
 * Assignable to kubernetes-types' `JSONSchemaProps` (which lacks the `x-kubernetes-*` fields).
 */
export interface StructuralSchema
  extends Omit<JSONSchemaProps, 'properties' | 'items' | 'additionalProperties' | 'allOf' | 'anyOf' | 'oneOf' | 'not'> {
  properties?: { [name: string]: StructuralSchema };
  items?: StructuralSchema;
  additionalProperties?: StructuralSchema | boolean;
  allOf?: StructuralSchema[];
  anyOf?: StructuralSchema[];
  oneOf?: StructuralSchema[];
  not?: StructuralSchema;
  'x-kubernetes-preserve-unknown-fields'?: true;
  'x-kubernetes-embedded-resource'?: true;
  'x-kubernetes-int-or-string'?: true;
  'x-kubernetes-list-type'?: ListType;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: MapType;
  'x-kubernetes-validations'?: ValidationRule[];
}
