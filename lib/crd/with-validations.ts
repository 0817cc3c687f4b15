// Attaches CEL rules (x-kubernetes-validations) to any schema node, keeping its TypeScript type.
import type { CelRule } from './rule.js';
import type { ValidationRule } from './structural-schema.js';

/**
 * `schema` with `rules` appended to its `x-kubernetes-validations`; `self` in each rule is the
 * value the schema describes. The rules are checked when the definition is made and evaluated
 * by the API server (not by `validate`).
 *
 * ## Example
 * ```ts
 * const range = withValidations(
 *   { type: 'object', properties: { min: { type: 'integer' }, max: { type: 'integer' } }, required: ['min', 'max'] },
 *   rule('self.min <= self.max').message('min must not exceed max'),
 * );
 * ```
 */
export function withValidations<S extends object>(schema: S, ...rules: readonly (CelRule | ValidationRule)[]): S {
  const existing = (schema as { 'x-kubernetes-validations'?: readonly (CelRule | ValidationRule)[] })['x-kubernetes-validations'] ?? [];
  return { ...schema, 'x-kubernetes-validations': [...existing, ...rules] };
}
