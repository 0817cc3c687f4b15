// Validates a custom resource against its structural schema: ajv for OpenAPI, plus list types, embedded resources and CEL rules.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { StatusCause } from '../../core/index.js';
import {
  fieldDuplicate,
  fieldError,
  fieldErrorCause,
  fieldForbidden,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
  fieldTooLong,
  fieldTooMany,
  type FieldError,
  type FieldErrorType,
} from '../errors/field-error.js';
import { isJsonObject, jsonEqual } from '../patch/json-value.js';
import { CelError, parseCel, type CelProgram } from './cel-expression.js';
import { NUMBER_FORMATS, STRING_FORMATS } from './formats.js';
import { additionalOf, itemsOf, type StructuralSchema, type ValidationRule } from './structural-schema.js';
import { toAjvSchema } from './to-ajv-schema.js';
import { ownProperty } from '../../core/json/own-property.js';

type Segment = string | number;
/** A field error with the path of the schema node whose check produced it (for ratcheting). */
interface LocatedError {
  readonly node: readonly Segment[];
  readonly error: FieldError;
}

/** A compiled validator for one structural schema. */
export interface ObjectValidator {
  /** Field errors of `object`; with `old` (an update), errors at unchanged values are dropped. */
  validate(object: unknown, old?: unknown): StatusCause[];
  /** The `x-kubernetes-validations` rules outside the supported CEL subset, which are not enforced. */
  readonly unsupportedRules: readonly string[];
}

interface CompiledRule {
  readonly rule: ValidationRule;
  readonly program: CelProgram;
  readonly message: CelProgram | undefined;
}

/**
 * Compiles `schema` (already known to be structural) into an {@link ObjectValidator}.
 *
 * Causes are worded as apiextensions-apiserver words them, `field` being the Kubernetes path
 * (`spec.replicas`, `spec.items[0].name`):
 * - type: `Invalid value: "string": spec.replicas in body must be of type integer: "string"`;
 * - required: `Required value`; enum: `Unsupported value: "x": supported values: "a", "b"`;
 * - `maxLength`: `Too long: may not be more than N bytes`; `maxItems`/`maxProperties`:
 *   `Too many: 4: must have at most 3 items`;
 * - minimum/maximum/minLength/pattern/minItems/format/multipleOf: `Invalid value: <v>: <path> in
 *   body should be ...` (go-openapi wording);
 * - `x-kubernetes-list-type: set|map` duplicates: `Duplicate value: ...` at the item;
 * - `x-kubernetes-embedded-resource` objects need `apiVersion` and `kind`;
 * - `x-kubernetes-validations`: `Invalid value: "object": <message or failed rule: <rule>>` at
 *   the rule's node (+ `fieldPath`), the cause type chosen by `reason`; transition rules (using
 *   `oldSelf`) run only on update when the old value exists.
 */
export function compileValidator(schema: StructuralSchema): ObjectValidator {
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateFormats: true, logger: false });
  for (const [name, validate] of Object.entries(STRING_FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  for (const [name, validate] of Object.entries(NUMBER_FORMATS)) ajv.addFormat(name, { type: 'number', validate });
  const check = ajv.compile(toAjvSchema(schema));
  const rules = new Map<StructuralSchema, CompiledRule[]>();
  const unsupportedRules: string[] = [];
  collectRules(schema, rules, unsupportedRules);
  return {
    unsupportedRules,
    validate(object, old) {
      const found = [...ajvErrors(check, object), ...walk(object, old, schema, [], rules)];
      const kept = old === undefined ? found : found.filter(({ node }) => !jsonEqual(at(object, node), at(old, node)));
      return kept.map(({ error }) => fieldErrorCause(error));
    },
  };
}

function collectRules(schema: StructuralSchema, rules: Map<StructuralSchema, CompiledRule[]>, unsupported: string[]): void {
  const compiled: CompiledRule[] = [];
  for (const rule of schema['x-kubernetes-validations'] ?? []) {
    try {
      if (rule.optionalOldSelf === true) throw new CelError('UnsupportedExpression', 'optionalOldSelf is not supported');
      const message = rule.messageExpression === undefined ? undefined : parseCel(rule.messageExpression);
      compiled.push({ rule, program: parseCel(rule.rule), message });
    } catch (error) {
      if (!(error instanceof CelError)) throw error;
      unsupported.push(rule.rule);
    }
  }
  if (compiled.length > 0) rules.set(schema, compiled);
  for (const property of Object.values(schema.properties ?? {})) collectRules(property, rules, unsupported);
  const items = itemsOf(schema);
  if (items !== undefined) collectRules(items, rules, unsupported);
  const additional = additionalOf(schema);
  if (additional !== undefined) collectRules(additional, rules, unsupported);
}

// ---------------------------------------------------------------- ajv errors → causes

function segmentsOf(instancePath: string, data: unknown): Segment[] {
  if (instancePath === '') return [];
  const segments: Segment[] = [];
  let current = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const name = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      segments.push(Number(name));
      current = current[Number(name)];
    } else {
      segments.push(name);
      current = isJsonObject(current) ? ownProperty(current, name) : undefined;
    }
  }
  return segments;
}

/** Formats segments as a Kubernetes field path: `spec.items[0].name`. */
export function fieldPath(segments: readonly Segment[]): string {
  let out = '';
  for (const segment of segments) out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  return out;
}

function at(value: unknown, segments: readonly Segment[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isJsonObject(current) ? ownProperty(current, segment) : undefined;
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function ajvErrors(check: ValidateFunction, object: unknown): LocatedError[] {
  if (check(object)) return [];
  const found: LocatedError[] = [];
  for (const error of check.errors ?? []) {
    if (/\/(?:anyOf|oneOf)\/\d+\//.test(error.schemaPath) || /\/not\//.test(error.schemaPath)) continue;
    const node = segmentsOf(error.instancePath, object);
    const described = describe(error, node);
    if (described !== undefined) found.push({ node, error: described });
  }
  return found;
}

function describe(error: ErrorObject, node: Segment[]): FieldError | undefined {
  const path = fieldPath(node);
  const name = path === '' ? 'body' : path;
  const value: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  const say = (detail: string, shown: unknown = value, type: FieldErrorType = 'FieldValueInvalid'): FieldError =>
    fieldError(type, path, shown, `${name} in body ${detail}`);
  switch (error.keyword) {
    case 'type': {
      const expected = ([] as unknown[]).concat(params['type']).filter((t) => t !== 'null').join(',');
      const actual = typeName(value);
      return say(`must be of type ${expected}: ${JSON.stringify(actual)}`, actual);
    }
    case 'required':
      return fieldRequired(fieldPath([...node, String(params['missingProperty'])]));
    case 'enum':
      return fieldNotSupported(
        path,
        value,
        ((error.schema as unknown[]) ?? []).filter((v) => v !== null).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
      );
    case 'maximum':
      return say(`should be less than or equal to ${String(params['limit'])}`);
    case 'exclusiveMaximum':
      return say(`should be less than ${String(params['limit'])}`);
    case 'minimum':
      return say(`should be greater than or equal to ${String(params['limit'])}`);
    case 'exclusiveMinimum':
      return say(`should be greater than ${String(params['limit'])}`);
    case 'multipleOf':
      return say(`should be a multiple of ${String(params['multipleOf'])}`);
    case 'maxLength':
      return fieldTooLong(path, Number(params['limit']));
    case 'minLength':
      return say(`should be at least ${String(params['limit'])} chars long`);
    case 'pattern':
      return say(`should match '${String(params['pattern'])}'`);
    case 'maxItems':
      return fieldTooMany(path, Array.isArray(value) ? value.length : 0, Number(params['limit']));
    case 'minItems':
      return say(`should have at least ${String(params['limit'])} items`, Array.isArray(value) ? value.length : 0);
    case 'maxProperties':
      return fieldTooMany(path, isJsonObject(value) ? Object.keys(value).length : 0, Number(params['limit']));
    case 'minProperties':
      return say(`should have at least ${String(params['limit'])} properties`, isJsonObject(value) ? Object.keys(value).length : 0);
    case 'uniqueItems':
      return say("shouldn't contain duplicates");
    case 'format':
      return say(`must be of type ${String(params['format'])}: ${JSON.stringify(typeof value === 'string' ? value : String(value))}`);
    case 'anyOf':
      return say('must validate at least one schema (anyOf)');
    case 'oneOf':
      return say('must validate one and only one schema (oneOf)');
    case 'not':
      return say('must not validate the schema (not)');
    default:
      return fieldInvalid(path, value, error.message ?? 'is invalid');
  }
}

// ---------------------------------------------------------------- list types, embedded resources, CEL

function walk(value: unknown, old: unknown, schema: StructuralSchema, node: Segment[], rules: Map<StructuralSchema, CompiledRule[]>): LocatedError[] {
  if (value === undefined || value === null) return [];
  const out: LocatedError[] = [];
  for (const compiled of rules.get(schema) ?? []) {
    const error = runRule(compiled, value, old, schema, node);
    if (error !== undefined) out.push({ node, error });
  }
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    const listType = schema['x-kubernetes-list-type'];
    const keys = schema['x-kubernetes-list-map-keys'] ?? [];
    const keyOf = (item: unknown): Record<string, unknown> =>
      Object.fromEntries(keys.filter((k) => isJsonObject(item) && Object.hasOwn(item, k)).map((k) => [k, (item as Record<string, unknown>)[k]]));
    value.forEach((item, i) => {
      if (listType === 'set' && value.slice(0, i).some((earlier) => jsonEqual(earlier, item))) {
        out.push({ node: [...node, i], error: fieldDuplicate(fieldPath([...node, i]), item) });
      }
      if (listType === 'map' && value.slice(0, i).some((earlier) => jsonEqual(keyOf(earlier), keyOf(item)))) {
        out.push({ node: [...node, i], error: fieldDuplicate(fieldPath([...node, i]), keyOf(item)) });
      }
      if (items !== undefined) {
        const oldItem = listType === 'map' && Array.isArray(old) ? old.find((o) => jsonEqual(keyOf(o), keyOf(item))) : undefined;
        out.push(...walk(item, oldItem, items, [...node, i], rules));
      }
    });
    return out;
  }
  if (!isJsonObject(value)) return out;
  const oldObject = isJsonObject(old) ? old : undefined;
  if (schema['x-kubernetes-embedded-resource'] === true && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    for (const field of ['apiVersion', 'kind']) {
      if (typeof ownProperty(value, field) !== 'string' || ownProperty(value, field) === '') out.push({ node, error: fieldRequired(fieldPath([...node, field]), 'must not be empty') });
    }
  }
  const additional = additionalOf(schema);
  for (const [field, fieldValue] of Object.entries(value)) {
    const property = (ownProperty(schema.properties, field) as StructuralSchema | undefined) ?? additional;
    if (property !== undefined) out.push(...walk(fieldValue, ownProperty(oldObject, field), property, [...node, field], rules));
  }
  return out;
}

function runRule(compiled: CompiledRule, value: unknown, old: unknown, schema: StructuralSchema, node: Segment[]): FieldError | undefined {
  const { rule, program, message } = compiled;
  if (program.usesOldSelf && (old === undefined || old === null)) return undefined;
  const path = joinFieldPath(fieldPath(node), rule.fieldPath);
  const type = schema.type ?? (schema['x-kubernetes-int-or-string'] === true ? 'integer-or-string' : '');
  const bindings = { self: value, oldSelf: old };
  let result: unknown;
  try {
    result = program.evaluate(bindings);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fieldInvalid(path, type, `${detail} evaluating rule: ${rule.rule.trim()}`);
  }
  if (result === true) return undefined;
  if (typeof result !== 'boolean') return fieldInvalid(path, type, `rule did not evaluate to a bool evaluating rule: ${rule.rule.trim()}`);
  let text = rule.message !== undefined && rule.message !== '' ? rule.message : `failed rule: ${rule.rule.trim()}`;
  if (message !== undefined) {
    try {
      const evaluated = message.evaluate(bindings);
      if (typeof evaluated === 'string' && evaluated.trim() !== '') text = evaluated;
    } catch {
      // a failing messageExpression falls back to message / the rule, as the API server does
    }
  }
  switch (rule.reason) {
    case 'FieldValueForbidden':
      return fieldForbidden(path, text);
    case 'FieldValueRequired':
      return fieldRequired(path, text);
    case 'FieldValueDuplicate':
      return fieldError('FieldValueDuplicate', path, type, text);
    default:
      return fieldInvalid(path, type, text);
  }
}

/** Appends a rule's relative `fieldPath` (`.a.b`, `['x']`) to a node path. */
function joinFieldPath(base: string, relative: string | undefined): string {
  if (relative === undefined || relative === '') return base;
  const normalized = relative.replace(/\[['"]([^'"]*)['"]\]/g, '.$1');
  const trimmed = normalized.startsWith('.') ? normalized.slice(1) : normalized;
  return base === '' ? trimmed : `${base}.${trimmed}`;
}
