// Schema helper for Kubernetes int-or-string fields (ports, percentages, quantities).
import type { JSONSchemaType } from 'ajv';

/** A value that is either an integer or a string, like `IntOrString` in Kubernetes (`8080` or `'http'`, `1` or `'25%'`). */
export type IntOrString = number | string;

/** Value validations an int-or-string field may carry (strings are checked by the string ones, integers by the numeric ones). */
export interface IntOrStringOptions {
  readonly description?: string;
  readonly pattern?: string;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}

/**
 * The schema of an {@link IntOrString} field: `x-kubernetes-int-or-string: true` in the CRD,
 * an integer-or-string check in `validate`.
 *
 * ## Example
 * ```ts
 * interface Spec { port: IntOrString; maxUnavailable?: IntOrString }
 * const schema: JSONSchemaType<Spec> = {
 *   type: 'object',
 *   properties: { port: intOrString(), maxUnavailable: optional(intOrString({ pattern: '^[0-9]+%$' })) },
 *   required: ['port'],
 * };
 * ```
 */
export function intOrString(options: IntOrStringOptions = {}): JSONSchemaType<IntOrString> {
  return { type: ['integer', 'string'], 'x-kubernetes-int-or-string': true, ...options };
}
