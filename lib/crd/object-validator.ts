// Compiles a CRD's structural schema into an ajv validator whose errors name Kubernetes field paths.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { kubernetesAjv } from './ajv-keywords.js';
import type { ValidationIssue } from './crd-error.js';
import { childPath, isRecord, type Raw } from './schema-walk.js';
import type { StructuralSchema } from './structural-schema.js';

/** `/spec/ports/0/name` → `spec.ports[0].name`; `''` → `<root>`. */
function fieldPath(instancePath: string): string {
  let path = '';
  for (const segment of instancePath.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    path = /^\d+$/.test(key) ? `${path}[${key}]` : childPath(path, key);
  }
  return path;
}

/** The structural schema as ajv runs it: OpenAPI v3.0 bounds, nulls in nullable enums, optional strictness. */
function toAjv(node: StructuralSchema, strict: boolean): Raw {
  const out: Raw = {};
  for (const [key, value] of Object.entries(node)) {
    switch (key) {
      case 'properties':
        out[key] = Object.fromEntries(Object.entries(value as Record<string, StructuralSchema>).map(([k, v]) => [k, toAjv(v, strict)]));
        break;
      case 'items':
      case 'not':
        out[key] = toAjv(value as StructuralSchema, strict);
        break;
      case 'additionalProperties':
        out[key] = typeof value === 'object' ? toAjv(value as StructuralSchema, strict) : value;
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = (value as StructuralSchema[]).map((v) => toAjv(v, strict));
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'x-kubernetes-validations':
        break;
      case 'nullable':
        out[node.type === undefined ? 'x-kube-rx-nullable' : 'nullable'] = value;
        break;
      default:
        out[key] = value;
    }
  }
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (node[exclusive] === true && node[bound] !== undefined) {
      out[exclusive] = node[bound];
      delete out[bound];
    }
  }
  if (node.nullable === true && Array.isArray(node.enum) && !node.enum.includes(null as unknown as object)) out['enum'] = [...node.enum, null];
  // The server defaults before it validates: a required field with a default is never missing.
  if (node.required !== undefined) {
    const required = node.required.filter((k) => node.properties?.[k]?.default === undefined);
    if (required.length > 0) out['required'] = required;
    else delete out['required'];
  }
  if (strict && node.type === 'object' && node.properties !== undefined && node['x-kubernetes-preserve-unknown-fields'] !== true && node.additionalProperties === undefined) {
    out['additionalProperties'] = false;
  }
  return out;
}

/** Drops errors of junctor branches when the junctor itself failed: one line per real problem. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const junctors = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => !junctors.some((j) => e.schemaPath.startsWith(j)));
}

function toIssue(error: ErrorObject): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  let path = fieldPath(error.instancePath);
  let message = error.message ?? 'is invalid';
  switch (error.keyword) {
    case 'required':
      path = childPath(path, String(params['missingProperty']));
      message = 'is required';
      break;
    case 'additionalProperties':
      path = childPath(path, String(params['additionalProperty']));
      message = 'unknown field';
      break;
    case 'enum':
      message = `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'const':
      message = `must be ${JSON.stringify(params['allowedValue'])}`;
      break;
    default:
      if (typeof params['child'] === 'string') path = childPath(path, params['child']);
      if (typeof params['index'] === 'number') path = `${path}[${params['index']}]`;
  }
  return { path: path === '' ? '<root>' : path, message, keyword: error.keyword };
}

/** Checks whole objects against a CRD version's schema. @internal */
export interface ObjectValidator {
  /** Every problem of `value`, in schema order; empty when valid. `strict` also reports unknown fields. */
  issues(value: unknown, strict: boolean): ValidationIssue[];
}

/**
 * Compiles (lazily, once per strictness) the root schema of a CRD version, with `apiVersion`
 * and `kind` pinned and `metadata` checked for a valid name.
 * @internal
 */
export function objectValidator(root: StructuralSchema, apiVersion: string, kind: string): ObjectValidator {
  const compiled = new Map<boolean, ValidateFunction>();
  const compile = (strict: boolean): ValidateFunction => {
    const found = compiled.get(strict);
    if (found !== undefined) return found;
    const schema = toAjv(root, strict);
    const properties = isRecord(schema['properties']) ? schema['properties'] : {};
    schema['properties'] = {
      ...properties,
      apiVersion: { type: 'string', const: apiVersion },
      kind: { type: 'string', const: kind },
      metadata: { type: 'object', 'x-kube-rx-object-meta': true },
    };
    schema['required'] = [...new Set(['apiVersion', 'kind', 'metadata', ...((schema['required'] as string[] | undefined) ?? [])])];
    const validate = kubernetesAjv().compile(schema);
    compiled.set(strict, validate);
    return validate;
  };
  return {
    issues(value, strict) {
      const validate = compile(strict);
      if (validate(value)) return [];
      const seen = new Set<string>();
      return relevant(validate.errors ?? [])
        .map(toIssue)
        .filter((issue) => {
          const key = `${issue.path}: ${issue.message}`;
          return seen.has(key) ? false : (seen.add(key), true);
        });
    },
  };
}
