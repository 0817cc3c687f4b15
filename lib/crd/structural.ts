// Translates an ajv JSON schema into a Kubernetes structural schema, fixing ajv-isms and refusing what cannot be expressed.
import { normalizeRule } from './rule.js';
import { canonical, childPath, deref, isRecord, itemsPath, nonStructural, typeList, type Raw, type WalkContext } from './schema-walk.js';
import type { ListType, MapType, StructuralSchema } from './structural-schema.js';
import { checkListType, checkRuleFieldPaths } from './structural-checks.js';
import { collapseUnion, mergeAllOf } from './union-schema.js';

/** Keywords copied as they are: annotations and value validations Kubernetes understands. */
const COPIED = [
  'description', 'title', 'default', 'example', 'externalDocs', 'format', 'maximum', 'minimum', 'maxLength',
  'minLength', 'pattern', 'maxItems', 'minItems', 'multipleOf', 'maxProperties', 'minProperties',
] as const;
/** Keywords of JSON schema drafts that mean nothing to Kubernetes and are dropped. */
const DROPPED = ['$id', '$schema', '$comment', 'definitions', '$defs', 'readOnly', 'writeOnly', 'deprecated', 'examples'];
/** Keywords translated below. */
const HANDLED = [
  'type', 'nullable', 'enum', 'const', 'exclusiveMaximum', 'exclusiveMinimum', 'uniqueItems', 'items', 'properties',
  'required', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'not', '$ref', 'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type', 'x-kubernetes-validations',
];
/** Keywords with no Kubernetes equivalent, and what to use instead. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  patternProperties: 'patternProperties is not supported by Kubernetes; use additionalProperties for a map',
  propertyNames: 'propertyNames is not supported by Kubernetes; use a CEL rule such as rule("self.all(k, k.matches(...))")',
  dependencies: 'dependencies is not supported by Kubernetes; use a CEL rule',
  dependentRequired: 'dependentRequired is not supported by Kubernetes; use a CEL rule such as rule("!has(self.a) || has(self.b)")',
  dependentSchemas: 'dependentSchemas is not supported by Kubernetes; use a CEL rule',
  if: 'if/then/else is not supported by Kubernetes; use a CEL rule',
  then: 'if/then/else is not supported by Kubernetes; use a CEL rule',
  else: 'if/then/else is not supported by Kubernetes; use a CEL rule',
  contains: 'contains is not supported by Kubernetes; use a CEL rule such as rule("self.exists(x, ...)")',
  minContains: 'minContains is not supported by Kubernetes; use a CEL rule',
  maxContains: 'maxContains is not supported by Kubernetes; use a CEL rule',
  additionalItems: 'additionalItems is not supported by Kubernetes (tuples cannot be expressed)',
  prefixItems: 'prefixItems is not supported by Kubernetes (tuples cannot be expressed)',
  unevaluatedProperties: 'unevaluatedProperties is not supported by Kubernetes',
  unevaluatedItems: 'unevaluatedItems is not supported by Kubernetes',
  id: 'id is not supported by Kubernetes',
  discriminator: 'the discriminator keyword is not supported by Kubernetes; a oneOf of objects is made structural on its own',
};

function checkKeywords(node: Raw, path: string): void {
  for (const key of Object.keys(node)) {
    const hint = UNSUPPORTED[key];
    if (hint !== undefined) throw nonStructural(path, hint);
    if (!HANDLED.includes(key) && !DROPPED.includes(key) && !(COPIED as readonly string[]).includes(key)) {
      throw nonStructural(path, `unknown schema keyword ${JSON.stringify(key)}`);
    }
  }
}

function isIntOrString(node: Raw, path: string, ctx: WalkContext): boolean {
  if (node['x-kubernetes-int-or-string'] === true) return true;
  const { types } = typeList(node['type'], path);
  if (types.length === 2 && types.includes('integer') && types.includes('string')) return true;
  if (node['type'] !== undefined) return false;
  const branches = node['anyOf'] ?? node['oneOf'];
  if (!Array.isArray(branches) || branches.length !== 2) return false;
  const kinds = branches.map((b) => (isRecord(b) ? canonical(deref(b, path, ctx).node['type']) : ''));
  return kinds.includes('"integer"') && kinds.includes('"string"');
}

function copyCommon(node: Raw, out: StructuralSchema, path: string, nullable: boolean): void {
  const target = out as Record<string, unknown>;
  for (const key of COPIED) if (node[key] !== undefined) target[key] = node[key];
  if (node['example'] === undefined && Array.isArray(node['examples']) && node['examples'].length > 0) target['example'] = node['examples'][0];
  if (node['const'] !== undefined && node['enum'] !== undefined) throw nonStructural(path, 'const and enum cannot both be given');
  if (node['const'] !== undefined) out.enum = [node['const'] as object];
  if (node['enum'] !== undefined) {
    if (!Array.isArray(node['enum']) || node['enum'].length === 0) throw nonStructural(path, 'enum must be a non-empty list');
    out.enum = node['enum'] as object[];
  }
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const value = node[exclusive];
    if (typeof value === 'number') {
      // JSON schema draft 6+ puts the bound in exclusiveMinimum; OpenAPI v3.0 (Kubernetes) flags minimum.
      const inclusive = out[bound];
      const stricter = inclusive === undefined || (bound === 'minimum' ? value >= inclusive : value <= inclusive);
      if (stricter) {
        out[bound] = value;
        out[exclusive] = true;
      }
    } else if (value === true) {
      if (out[bound] === undefined) throw nonStructural(path, `${exclusive}: true needs ${bound}`);
      out[exclusive] = true;
    } else if (value !== undefined && value !== false) {
      throw nonStructural(path, `${exclusive} must be a number`);
    }
  }
  if (nullable) out.nullable = true;
  const rules = node['x-kubernetes-validations'];
  if (rules !== undefined) {
    if (!Array.isArray(rules)) throw nonStructural(path, 'x-kubernetes-validations must be a list of rules');
    if (rules.length > 0) out['x-kubernetes-validations'] = rules.map((r, i) => normalizeRule(r, `${path === '' ? '<root>' : path}.x-kubernetes-validations[${i}]`));
  }
}

function inferType(node: Raw): string | undefined {
  if (node['properties'] !== undefined || node['additionalProperties'] !== undefined || node['required'] !== undefined) return 'object';
  if (node['x-kubernetes-embedded-resource'] === true || node['x-kubernetes-map-type'] !== undefined) return 'object';
  if (node['items'] !== undefined || node['x-kubernetes-list-type'] !== undefined) return 'array';
  return undefined;
}

function convertObject(node: Raw, out: StructuralSchema, path: string, ctx: WalkContext): void {
  const required = node['required'];
  if (required !== undefined && !(Array.isArray(required) && required.every((k) => typeof k === 'string'))) {
    throw nonStructural(path, 'required must be a list of property names');
  }
  const requiredKeys = (required ?? []) as string[];
  const properties = node['properties'];
  if (properties !== undefined) {
    if (!isRecord(properties)) throw nonStructural(path, 'properties must be an object');
    out.properties = {};
    for (const [key, child] of Object.entries(properties)) {
      out.properties[key] = convertNode(child, childPath(path, key), ctx, !requiredKeys.includes(key));
    }
  }
  if (requiredKeys.length > 0) out.required = [...new Set(requiredKeys)];
  const extra = node['additionalProperties'];
  if (extra === true) {
    // "Keep what is not declared": Kubernetes prunes unknown fields unless told to preserve them.
    out['x-kubernetes-preserve-unknown-fields'] = true;
  } else if (extra !== undefined && extra !== false) {
    if (out.properties !== undefined && Object.keys(out.properties).length > 0) {
      throw nonStructural(path, 'additionalProperties and properties are mutually exclusive in Kubernetes: a field is either a struct or a map');
    }
    out.additionalProperties = convertNode(extra, itemsPath(path), ctx, false);
  }
  const mapType = node['x-kubernetes-map-type'];
  if (mapType !== undefined) {
    if (mapType !== 'atomic' && mapType !== 'granular') throw nonStructural(path, 'x-kubernetes-map-type must be "atomic" or "granular"');
    out['x-kubernetes-map-type'] = mapType as MapType;
  }
}

function convertArray(node: Raw, out: StructuralSchema, path: string, ctx: WalkContext): void {
  const items = node['items'];
  if (items === undefined) throw nonStructural(path, 'an array must declare its items: a structural schema types every item');
  if (Array.isArray(items)) throw nonStructural(path, 'items must be a schema, not a list: tuples cannot be expressed in Kubernetes');
  out.items = convertNode(items, itemsPath(path), ctx, false);
  const listType = node['x-kubernetes-list-type'];
  if (listType !== undefined) {
    if (listType !== 'atomic' && listType !== 'set' && listType !== 'map') throw nonStructural(path, 'x-kubernetes-list-type must be "atomic", "set" or "map"');
    out['x-kubernetes-list-type'] = listType as ListType;
  }
  const keys = node['x-kubernetes-list-map-keys'];
  if (keys !== undefined) {
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) throw nonStructural(path, 'x-kubernetes-list-map-keys must be a list of property names');
    out['x-kubernetes-list-map-keys'] = keys as string[];
  }
  if (node['uniqueItems'] === true) {
    // Forbidden in CRDs ("the runtime complexity becomes quadratic"); a set list means the same for scalars.
    const scalar = ['string', 'integer', 'number', 'boolean'].includes(out.items.type ?? '') || out.items['x-kubernetes-int-or-string'] === true;
    if (out['x-kubernetes-list-type'] === undefined && scalar) out['x-kubernetes-list-type'] = 'set';
    else if (out['x-kubernetes-list-type'] === 'atomic' || out['x-kubernetes-list-type'] === undefined) {
      throw nonStructural(path, 'uniqueItems is forbidden in a CRD; for a list of objects use listMap(items, keys) or listSet with atomic items');
    }
  }
  checkListType(out, path);
}

/** Value validations under a junctor: no types, defaults, nullable or descriptions, and no new fields. */
function convertBranch(raw: unknown, outer: StructuralSchema, path: string, ctx: WalkContext, where: string): StructuralSchema {
  if (!isRecord(raw)) throw nonStructural(path, `${where} must hold schema objects`);
  const { node, ctx: inner } = deref(raw, path, ctx);
  checkKeywords(node, path);
  const out: StructuralSchema = {};
  const { types } = typeList(node['type'], path);
  for (const t of types) {
    if (t !== outer.type) throw nonStructural(path, `${where} may not set type ${JSON.stringify(t)}: a structural schema allows only value validations there`);
  }
  for (const key of ['default', 'additionalProperties', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string', 'x-kubernetes-validations', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'uniqueItems']) {
    if (node[key] !== undefined && node[key] !== false) throw nonStructural(path, `${where} may not set ${key}: a structural schema allows only value validations there`);
  }
  if (node['nullable'] === true) throw nonStructural(path, `${where} may not set nullable: a structural schema allows only value validations there`);
  copyCommon({ ...node, description: undefined, title: undefined, example: undefined, examples: undefined, externalDocs: undefined }, out, path, false);
  if (Array.isArray(node['required'])) out.required = node['required'] as string[];
  if (isRecord(node['properties'])) {
    out.properties = {};
    for (const [key, child] of Object.entries(node['properties'])) {
      const declared = outer.properties?.[key] ?? (isRecord(outer.additionalProperties) ? outer.additionalProperties : undefined);
      if (declared === undefined && outer['x-kubernetes-preserve-unknown-fields'] !== true) {
        throw nonStructural(childPath(path, key), `appears only inside ${where}; a structural schema must declare it outside too`);
      }
      out.properties[key] = convertBranch(child, declared ?? {}, childPath(path, key), inner, where);
    }
  }
  if (node['items'] !== undefined) {
    if (outer.items === undefined) throw nonStructural(path, `${where} gives items that are not declared outside it`);
    out.items = convertBranch(node['items'], outer.items, itemsPath(path), inner, where);
  }
  convertJunctors(node, out, outer, path, inner);
  return out;
}

function convertJunctors(node: Raw, out: StructuralSchema, outer: StructuralSchema, path: string, ctx: WalkContext): void {
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const branches = node[keyword];
    if (branches === undefined) continue;
    if (!Array.isArray(branches)) throw nonStructural(path, `${keyword} must be a list of schemas`);
    out[keyword] = branches.map((b, i) => convertBranch(b, outer, path, ctx, `${keyword}[${i}]`));
  }
  if (node['not'] !== undefined) out.not = convertBranch(node['not'], outer, path, ctx, 'not');
}

function convertIntOrString(node: Raw, path: string, nullable: boolean): StructuralSchema {
  if (node['x-kubernetes-preserve-unknown-fields'] === true) throw nonStructural(path, 'x-kubernetes-preserve-unknown-fields must be false if x-kubernetes-int-or-string is true');
  if (node['x-kubernetes-embedded-resource'] === true) throw nonStructural(path, 'x-kubernetes-embedded-resource must be false if x-kubernetes-int-or-string is true');
  const out: StructuralSchema = { 'x-kubernetes-int-or-string': true };
  copyCommon(node, out, path, nullable);
  if (out.format === 'int-or-string') delete out.format;
  return out;
}

/**
 * One schema node → its structural form. `optional` is true for a property outside its
 * parent's `required`: ajv's `JSONSchemaType` makes such properties `nullable: true`, which
 * in Kubernetes would keep `null`s the TypeScript type does not allow, so it is dropped.
 */
function convertNode(raw: unknown, path: string, ctx: WalkContext, optional: boolean): StructuralSchema {
  if (raw === true) return { 'x-kubernetes-preserve-unknown-fields': true };
  if (!isRecord(raw)) throw nonStructural(path, raw === false ? 'the schema false accepts nothing' : 'a schema must be an object');
  const { node: resolved, ctx: inner } = deref(raw, path, ctx);
  let node = resolved;
  checkKeywords(node, path);
  const nullable = (withNull: boolean): boolean => !optional && (node['nullable'] === true || withNull);
  if (isIntOrString(node, path, inner)) return convertIntOrString(node, path, nullable(typeList(node['type'], path).withNull));
  let { types, withNull } = typeList(node['type'], path);
  if (types.length === 0 && !withNull && (node['anyOf'] !== undefined || node['oneOf'] !== undefined || node['allOf'] !== undefined)) {
    node = node['allOf'] !== undefined && node['anyOf'] === undefined && node['oneOf'] === undefined ? mergeAllOf(node, path, inner) : collapseUnion(node, path, inner);
    return convertNode(node, path, inner, optional);
  }
  if (types.length > 1) {
    const hint = types.includes('string') && types.includes('number') ? ' (for an integer or a string use intOrString())' : '';
    throw nonStructural(path, `a field must have one type, not ${types.join(' or ')}${hint}`);
  }
  if (types.length === 0 && withNull) throw nonStructural(path, 'type cannot be null alone; use nullable');
  const preserve = node['x-kubernetes-preserve-unknown-fields'];
  if (preserve !== undefined && preserve !== true && preserve !== false) throw nonStructural(path, 'x-kubernetes-preserve-unknown-fields must be true or undefined');
  const embedded = node['x-kubernetes-embedded-resource'] === true;
  const type = types[0] ?? inferType(node);
  if (type === undefined && preserve !== true) {
    throw nonStructural(path, 'type is required in a structural schema (use preserveUnknownFields() or anyValue() for free-form data)');
  }
  if (embedded && type !== 'object') throw nonStructural(path, 'type must be object if x-kubernetes-embedded-resource is true');
  const out: StructuralSchema = {};
  if (type !== undefined) out.type = type;
  copyCommon(node, out, path, nullable(withNull));
  if (preserve === true || embedded) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (embedded) out['x-kubernetes-embedded-resource'] = true;
  if (type === 'object') convertObject(node, out, path, inner);
  else if (node['properties'] !== undefined || node['additionalProperties'] !== undefined) throw nonStructural(path, `properties on a field of type ${type ?? 'unknown'}`);
  if (type === 'array') convertArray(node, out, path, inner);
  else if (node['items'] !== undefined) throw nonStructural(path, `items on a field of type ${type ?? 'unknown'}`);
  convertJunctors(node, out, out, path, inner);
  checkRuleFieldPaths(out, path);
  return out;
}

/**
 * Translates an ajv JSON schema (typically a `JSONSchemaType<T>`) into a Kubernetes structural
 * schema, the form a CRD's `openAPIV3Schema` must take.
 *
 * Fixed on the way (ajv-isms with a Kubernetes equivalent):
 * - `nullable: true` on properties outside `required` (which `JSONSchemaType` demands for `?:`
 *   properties) is dropped: Kubernetes then prunes `null`s, as the TypeScript type expects;
 * - `type: ['integer', 'string']` and `anyOf: [{type: integer}, {type: string}]` become
 *   `x-kubernetes-int-or-string: true`; `type: [T, 'null']` becomes `nullable`;
 * - `additionalProperties: false` is dropped (Kubernetes prunes unknown fields), `true` becomes
 *   `x-kubernetes-preserve-unknown-fields: true`; empty `required` lists are dropped;
 * - `const` becomes a one-value `enum`; numeric `exclusiveMinimum/Maximum` become the
 *   OpenAPI v3.0 boolean form; `uniqueItems` on scalars becomes `x-kubernetes-list-type: set`;
 * - local `$ref`s are inlined; `$id`, `$schema`, `$comment`, `definitions`, `$defs` are dropped;
 * - untyped `anyOf`/`oneOf`/`allOf` (TypeScript unions and intersections) are rewritten to a
 *   typed node (see kube-rs `StructuralSchemaRewriter`);
 * - `x-kubernetes-embedded-resource` gets the `x-kubernetes-preserve-unknown-fields` it requires.
 *
 * ## Example
 * ```ts
 * toStructural({ type: 'object', properties: { size: { type: 'integer', nullable: true } }, required: [] }, 'spec');
 * // { type: 'object', properties: { size: { type: 'integer' } } }
 * ```
 *
 * @param schema the ajv schema
 * @param path the field the schema describes, used in error messages (`spec`)
 * @throws {CrdError} `NonStructuralSchema` naming the field when the schema cannot be expressed
 *   (unions of different types, tuples, recursion, `patternProperties`, properties next to a
 *   typed `additionalProperties`, ...); `InvalidDefinition` for a malformed CEL rule.
 */
export function toStructural(schema: unknown, path = ''): StructuralSchema {
  return convertNode(schema, path, { root: schema, refs: [] }, false);
}

