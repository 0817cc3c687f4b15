// A builder for CEL x-kubernetes-validations rules (kube-rs `Rule::new(..).message(..)`).
import { CrdError } from './crd-error.js';
import type { ValidationRule, ValidationRuleReason } from './structural-schema.js';

/**
 * An immutable CEL rule under construction; every method returns a new rule. It serializes
 * (`JSON.stringify`, YAML) as the plain {@link ValidationRule}, and is accepted wherever one is:
 * in `validations`, in {@link withValidations}, and as an `x-kubernetes-validations` entry of any
 * schema node.
 *
 * ## Example
 * ```ts
 * import { rule } from 'kube-rx/crd';
 *
 * rule('self.minReplicas <= self.replicas').message('replicas must be at least minReplicas');
 * rule('self == oldSelf').message('is immutable').reason('FieldValueForbidden');
 * ```
 */
export class CelRule {
  readonly #value: ValidationRule;

  constructor(value: ValidationRule) {
    this.#value = Object.freeze({ ...value });
  }

  /** The message shown when the rule fails. */
  message(message: string): CelRule {
    return new CelRule({ ...this.#value, message });
  }

  /** A CEL expression (string-valued) computing the failure message, e.g. `'"x is " + string(self.x)'`. */
  messageExpression(expression: string): CelRule {
    return new CelRule({ ...this.#value, messageExpression: expression });
  }

  /** The cause type reported on failure. @default 'FieldValueInvalid' */
  reason(reason: ValidationRuleReason): CelRule {
    return new CelRule({ ...this.#value, reason });
  }

  /** Report the failure at this path, relative to the node (`.replicas`, `['app.kubernetes.io/name']`). */
  fieldPath(path: string): CelRule {
    return new CelRule({ ...this.#value, fieldPath: path });
  }

  /** Evaluate this transition rule on create too, with `oldSelf` an optional value. */
  optionalOldSelf(value = true): CelRule {
    return new CelRule({ ...this.#value, optionalOldSelf: value });
  }

  /** The plain rule, as it appears in the CRD. */
  toJSON(): ValidationRule {
    return { ...this.#value };
  }
}

/**
 * Starts a CEL validation rule; `self` is the value of the node it is attached to.
 *
 * ## Example
 * ```ts
 * defineCustomResource<WidgetSpec>({ ..., validations: [rule('self.metadata.name.size() <= 63').message('name too long')] });
 * ```
 *
 * @param expression a CEL expression that must evaluate to `true` for a valid object
 */
export function rule(expression: string): CelRule {
  return new CelRule({ rule: expression });
}

const RULE_KEYS = new Set(['rule', 'message', 'messageExpression', 'reason', 'fieldPath', 'optionalOldSelf']);
const REASONS: readonly ValidationRuleReason[] = ['FieldValueInvalid', 'FieldValueForbidden', 'FieldValueRequired', 'FieldValueDuplicate'];
/** `.name`, `['odd key']`, in any sequence: the paths apiextensions accepts for `fieldPath`. */
const FIELD_PATH = /^(?:\.[A-Za-z_][A-Za-z0-9_-]*|\['(?:[^'\\]|\\.)*'\])+$/;

/**
 * Checks one `x-kubernetes-validations` entry (a {@link CelRule} or a plain object) with the
 * apiextensions rules, and returns it as a plain {@link ValidationRule}.
 *
 * @throws {CrdError} `InvalidDefinition` naming `path` when the rule is malformed.
 * @internal
 */
export function normalizeRule(value: unknown, path: string): ValidationRule {
  const plain: unknown = value instanceof CelRule ? value.toJSON() : value;
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new CrdError('InvalidDefinition', path, 'a validation rule must be an object with a "rule" or built with rule()');
  }
  const entries = plain as Record<string, unknown>;
  for (const key of Object.keys(entries)) {
    if (!RULE_KEYS.has(key)) throw new CrdError('InvalidDefinition', path, `unknown field ${JSON.stringify(key)} in a validation rule`);
  }
  const { rule: expression, message, messageExpression, reason, fieldPath, optionalOldSelf } = entries;
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw new CrdError('InvalidDefinition', `${path}.rule`, 'must be a non-empty CEL expression');
  }
  const out: { -readonly [K in keyof ValidationRule]: ValidationRule[K] } = { rule: expression };
  if (message !== undefined) {
    if (typeof message !== 'string' || message.trim() === '') throw new CrdError('InvalidDefinition', `${path}.message`, 'must be non-empty if specified');
    if (/[\r\n]/.test(message)) throw new CrdError('InvalidDefinition', `${path}.message`, 'must not contain line breaks');
    out.message = message;
  }
  if (messageExpression !== undefined) {
    if (typeof messageExpression !== 'string' || messageExpression.trim() === '') {
      throw new CrdError('InvalidDefinition', `${path}.messageExpression`, 'must be non-empty if specified');
    }
    out.messageExpression = messageExpression;
  }
  if (reason !== undefined) {
    if (!REASONS.includes(reason as ValidationRuleReason)) {
      throw new CrdError('InvalidDefinition', `${path}.reason`, `must be one of ${REASONS.map((r) => JSON.stringify(r)).join(', ')}`);
    }
    out.reason = reason as ValidationRuleReason;
  }
  if (fieldPath !== undefined) {
    if (typeof fieldPath !== 'string' || !FIELD_PATH.test(fieldPath)) {
      throw new CrdError('InvalidDefinition', `${path}.fieldPath`, `${JSON.stringify(fieldPath)} is not a field path like ".field" or "['key']"`);
    }
    out.fieldPath = fieldPath;
  }
  if (optionalOldSelf !== undefined) {
    if (typeof optionalOldSelf !== 'boolean') throw new CrdError('InvalidDefinition', `${path}.optionalOldSelf`, 'must be a boolean');
    out.optionalOldSelf = optionalOldSelf;
  }
  return out;
}

/**
 * Splits a rule's `fieldPath` into keys: `.spec['a.b'].c` → `['spec', 'a.b', 'c']`.
 * @internal
 */
export function fieldPathKeys(fieldPath: string): string[] {
  const keys: string[] = [];
  for (const match of fieldPath.matchAll(/\.([A-Za-z_][A-Za-z0-9_-]*)|\['((?:[^'\\]|\\.)*)'\]/g)) {
    keys.push(match[1] ?? (match[2] ?? '').replace(/\\(.)/g, '$1'));
  }
  return keys;
}
