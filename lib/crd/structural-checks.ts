// The apiextensions rules a finished structural schema must meet, as a list of issues.
import type { ValidationIssue } from './crd-error.js';
import { fieldPathKeys } from './rule.js';
import { childPath, itemsPath, nonStructural } from './schema-walk.js';
import type { StructuralSchema } from './structural-schema.js';

const FORBIDDEN = ['$ref', 'definitions', 'patternProperties', 'dependencies', 'additionalItems', 'id', '$schema'] as const;
const NOT_IN_JUNCTORS = [
  'type', 'default', 'description', 'title', 'additionalProperties', 'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string',
] as const;

function issue(path: string, keyword: string, message: string): ValidationIssue {
  return { path: path === '' ? '<root>' : path, keyword, message };
}

/** `x-kubernetes-list-type` / `-list-map-keys` invariants (apiextensions validation.go). */
function listTypeIssues(node: StructuralSchema, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const listType = node['x-kubernetes-list-type'];
  const keys = node['x-kubernetes-list-map-keys'] ?? [];
  const items = node.items;
  if (listType !== undefined && node.type !== 'array') issues.push(issue(path, 'x-kubernetes-list-type', 'type must be array if x-kubernetes-list-type is specified'));
  if (keys.length > 0 && listType !== 'map') issues.push(issue(path, 'x-kubernetes-list-map-keys', 'x-kubernetes-list-type must be map if x-kubernetes-list-map-keys is non-empty'));
  if ((listType === 'set' || listType === 'map') && items?.nullable === true) {
    issues.push(issue(itemsPath(path), 'nullable', `items cannot be nullable when x-kubernetes-list-type is ${listType}`));
  }
  if (listType === 'set' && items !== undefined) {
    if (items.type === 'array' && (items['x-kubernetes-list-type'] ?? 'atomic') !== 'atomic') {
      issues.push(issue(itemsPath(path), 'x-kubernetes-list-type', 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
    if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      issues.push(issue(itemsPath(path), 'x-kubernetes-map-type', 'must be atomic as item of a list with x-kubernetes-list-type=set (or use listMap with keys)'));
    }
  }
  if (listType === 'map') {
    if (keys.length === 0) issues.push(issue(path, 'x-kubernetes-list-map-keys', 'must not be empty if x-kubernetes-list-type is map'));
    if (items?.type !== 'object') issues.push(issue(itemsPath(path), 'type', "must be object if parent array's x-kubernetes-list-type is map"));
    if (new Set(keys).size !== keys.length) issues.push(issue(path, 'x-kubernetes-list-map-keys', 'must not contain duplicate entries'));
    for (const key of keys) {
      const property = items?.properties?.[key];
      const at = childPath(itemsPath(path), key);
      if (property === undefined) {
        issues.push(issue(path, 'x-kubernetes-list-map-keys', `entries must all be names of item properties (${JSON.stringify(key)} is not)`));
        continue;
      }
      if (property.type === 'array' || property.type === 'object') issues.push(issue(at, 'type', "must be a scalar type if parent array's x-kubernetes-list-type is map"));
      if (!(items?.required ?? []).includes(key) && property.default === undefined) {
        issues.push(issue(at, 'required', 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
      }
      if (property.nullable === true) issues.push(issue(at, 'nullable', 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
    }
  }
  return issues;
}

/** Throws the first list-type issue of a node being built. @internal */
export function checkListType(node: StructuralSchema, path: string): void {
  const first = listTypeIssues(node, path)[0];
  if (first !== undefined) throw nonStructural(first.path === '<root>' ? '' : first.path, first.message);
}

/** Whether `keys` lead from `node` to a declared field (or into free-form data). */
function resolves(node: StructuralSchema, keys: readonly string[]): boolean {
  let at: StructuralSchema | undefined = node;
  for (const key of keys) {
    if (at === undefined) return false;
    if (at['x-kubernetes-preserve-unknown-fields'] === true && at.properties?.[key] === undefined) return true;
    at = at.properties?.[key] ?? (typeof at.additionalProperties === 'object' ? at.additionalProperties : undefined);
  }
  return at !== undefined;
}

/** Every rule's `fieldPath` must name a field below the node it sits on. @internal */
export function checkRuleFieldPaths(node: StructuralSchema, path: string): void {
  for (const [i, rule] of (node['x-kubernetes-validations'] ?? []).entries()) {
    if (rule.fieldPath !== undefined && !resolves(node, fieldPathKeys(rule.fieldPath))) {
      throw nonStructural(`${path === '' ? '<root>' : path}.x-kubernetes-validations[${i}].fieldPath`, `${JSON.stringify(rule.fieldPath)} does not refer to a field of this node`);
    }
  }
}

function junctorIssues(node: StructuralSchema, outer: StructuralSchema | undefined, path: string, where: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const key of NOT_IN_JUNCTORS) {
    if (node[key] !== undefined) issues.push(issue(path, key, `must be empty inside ${where} to be structural`));
  }
  if (node.nullable === true) issues.push(issue(path, 'nullable', `must be false inside ${where} to be structural`));
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const declared = outer?.properties?.[key] ?? (typeof outer?.additionalProperties === 'object' ? outer.additionalProperties : undefined);
    if (declared === undefined && outer?.['x-kubernetes-preserve-unknown-fields'] !== true) {
      issues.push(issue(childPath(path, key), 'properties', `is specified inside ${where} but not outside it`));
    }
    issues.push(...junctorIssues(child, declared, childPath(path, key), where));
  }
  if (node.items !== undefined) {
    if (outer?.items === undefined) issues.push(issue(itemsPath(path), 'items', `is specified inside ${where} but not outside it`));
    issues.push(...junctorIssues(node.items, outer?.items, itemsPath(path), where));
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const branch of node[keyword] ?? []) issues.push(...junctorIssues(branch, outer, path, where));
  }
  if (node.not !== undefined) issues.push(...junctorIssues(node.not, outer, path, where));
  return issues;
}

function nodeIssues(node: StructuralSchema, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const raw = node as Record<string, unknown>;
  for (const key of FORBIDDEN) if (raw[key] !== undefined) issues.push(issue(path, key, `${key} is not supported`));
  if (raw['type'] === 'null') issues.push(issue(path, 'type', 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(raw['items'])) issues.push(issue(path, 'items', 'items must be a schema object and not an array'));
  if (raw['uniqueItems'] === true) issues.push(issue(path, 'uniqueItems', 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  if (raw['x-kubernetes-preserve-unknown-fields'] === false) issues.push(issue(path, 'x-kubernetes-preserve-unknown-fields', 'must be true or undefined'));
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = node['x-kubernetes-embedded-resource'] === true;
  if (intOrString && preserve) issues.push(issue(path, 'x-kubernetes-preserve-unknown-fields', 'must be false if x-kubernetes-int-or-string is true'));
  if (intOrString && embedded) issues.push(issue(path, 'x-kubernetes-embedded-resource', 'must be false if x-kubernetes-int-or-string is true'));
  if (embedded && !preserve) issues.push(issue(path, 'x-kubernetes-preserve-unknown-fields', 'must be true if x-kubernetes-embedded-resource is true'));
  if (embedded && node.type !== 'object') issues.push(issue(path, 'type', 'must be object if x-kubernetes-embedded-resource is true'));
  else if ((node.type ?? '') === '' && !intOrString && !preserve) issues.push(issue(path, 'type', 'must not be empty for specified object fields and arrays'));
  if (node.additionalProperties === false) issues.push(issue(path, 'additionalProperties', 'additionalProperties cannot be set to false'));
  if (typeof node.additionalProperties === 'object' && Object.keys(node.properties ?? {}).length > 0) {
    issues.push(issue(path, 'additionalProperties', 'additionalProperties and properties are mutual exclusive'));
  }
  if (node['x-kubernetes-map-type'] !== undefined && node.type !== 'object') issues.push(issue(path, 'type', 'must be object if x-kubernetes-map-type is specified'));
  if (node.type === 'array' && node.items === undefined) issues.push(issue(itemsPath(path), 'items', 'must not be empty for specified array items'));
  issues.push(...listTypeIssues(node, path));
  for (const [key, child] of Object.entries(node.properties ?? {})) issues.push(...nodeIssues(child, childPath(path, key)));
  if (typeof node.additionalProperties === 'object') issues.push(...nodeIssues(node.additionalProperties, itemsPath(path)));
  if (node.items !== undefined && !Array.isArray(node.items)) issues.push(...nodeIssues(node.items, itemsPath(path)));
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const [i, branch] of (node[keyword] ?? []).entries()) {
      const intOrStringPattern = intOrString && keyword === 'anyOf' && (node.anyOf?.length ?? 0) === 2 && ['integer', 'string'].includes(branch.type ?? '');
      if (!intOrStringPattern) issues.push(...junctorIssues(branch, node, path, `${keyword}[${i}]`));
    }
  }
  if (node.not !== undefined) issues.push(...junctorIssues(node.not, node, path, 'not'));
  return issues;
}

/**
 * Every way `schema` falls short of a structural CRD schema (apiextensions'
 * `ValidateStructural` and `ValidateCustomResourceDefinitionOpenAPISchema`): untyped fields,
 * forbidden keywords (`$ref`, `uniqueItems`, `additionalProperties: false`, ...), types or
 * defaults under `allOf`/`anyOf`/`oneOf`/`not`, fields only declared under them, extension
 * conflicts, and list-type invariants. For a root schema (`root: true`) also: `type: object`,
 * no defaults in `apiVersion`/`kind`/`metadata`, and only `name`/`generateName` restrictions in
 * `metadata`. An empty list means the schema is structural.
 *
 * ## Example
 * ```ts
 * structuralIssues({ type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, uniqueItems: true } } });
 * // [{ path: 'tags', keyword: 'uniqueItems', message: 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic' }]
 * ```
 *
 * CEL rules are not compiled: only the API server can cost and type-check them.
 */
export function structuralIssues(schema: StructuralSchema, options: { root?: boolean } = {}): ValidationIssue[] {
  const issues = nodeIssues(schema, '');
  if (options.root === true) {
    if (schema.type !== 'object') issues.push(issue('', 'type', 'must be object at the root'));
    for (const key of ['apiVersion', 'kind', 'metadata']) {
      const field = schema.properties?.[key];
      if (field?.default !== undefined) issues.push(issue(key, 'default', `must not be set in top-level ${key}`));
    }
    const metadata = schema.properties?.['metadata'];
    for (const key of Object.keys(metadata?.properties ?? {})) {
      if (key !== 'name' && key !== 'generateName') issues.push(issue(childPath('metadata', key), 'properties', 'only name and generateName may be restricted in metadata'));
    }
  }
  return issues;
}
