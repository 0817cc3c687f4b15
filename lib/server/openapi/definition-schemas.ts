// Turns the built-in type definitions into OpenAPI v3 component schemas, with Kubernetes' x-kubernetes extensions.
import { builtinDefinition, builtinKinds, type FieldType } from './builtin-definitions.js';
import { ATOMIC_STRUCTS, builtinFieldMetadata } from './builtin-field-metadata.js';

/** An OpenAPI v3 schema object. */
export type OpenApiSchema = Record<string, unknown>;

/** The OpenAPI name of the int-or-string type, which kubernetes-types inlines as `number | string`. */
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
/** The OpenAPI name of the PATCH body type. */
export const PATCH = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';

const EXTRA_SCHEMAS: Readonly<Record<string, OpenApiSchema>> = {
  [INT_OR_STRING]: {
    description:
      'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    type: 'string',
    format: 'int-or-string',
  },
  [PATCH]: { description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.', type: 'object' },
};

/** `$ref` to a component schema. */
export function ref(name: string): OpenApiSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** The group/version/kind of every built-in root type, by OpenAPI name (for `x-kubernetes-group-version-kind`). */
function kindsByDefinition(): Map<string, { group: string; kind: string; version: string }[]> {
  const byName = new Map<string, { group: string; kind: string; version: string }[]>();
  for (const [key, name] of builtinKinds()) {
    const [group = '', version = '', kind = ''] = key.split('/');
    for (const [definition, gvkKind] of [
      [name, kind],
      [`${name}List`, `${kind}List`],
    ] as const) {
      if (builtinDefinition(definition) === undefined) continue;
      const list = byName.get(definition) ?? [];
      list.push({ group, kind: gvkKind, version });
      byName.set(definition, list);
    }
  }
  return byName;
}

let gvks: Map<string, { group: string; kind: string; version: string }[]> | undefined;
const cache = new Map<string, OpenApiSchema>();

/**
 * The component schema of a built-in type: `type`, `description`, `properties` (struct fields
 * as `allOf: [$ref]` with their documentation, as kube-apiserver publishes them), `required`,
 * and the extensions kubectl reads — `x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`,
 * `x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`,
 * `x-kubernetes-group-version-kind`. `undefined` for unknown names.
 */
export function definitionSchema(name: string): OpenApiSchema | undefined {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const extra = EXTRA_SCHEMAS[name];
  if (extra !== undefined) return extra;
  const definition = builtinDefinition(name);
  if (definition === undefined) return undefined;
  let schema: OpenApiSchema;
  if (definition.scalar !== undefined) {
    schema = { ...scalarSchema(definition.scalar), ...(definition.description === '' ? {} : { description: definition.description }) };
  } else {
    const properties: Record<string, OpenApiSchema> = {};
    const required: string[] = [];
    for (const [field, { type, description, required: isRequired }] of definition.fields ?? []) {
      properties[field] = fieldSchema(type, description, name, field);
      if (isRequired) required.push(field);
    }
    schema = {
      ...(definition.description === '' ? {} : { description: definition.description }),
      type: 'object',
      ...(required.length > 0 ? { required } : {}),
      properties,
      ...(ATOMIC_STRUCTS.has(name) ? { 'x-kubernetes-map-type': 'atomic' } : {}),
    };
    gvks ??= kindsByDefinition();
    const kinds = gvks.get(name);
    if (kinds !== undefined) schema['x-kubernetes-group-version-kind'] = kinds;
  }
  cache.set(name, schema);
  return schema;
}

function scalarSchema(type: FieldType): OpenApiSchema {
  switch (type.kind) {
    case 'date-time':
      return { type: 'string', format: 'date-time' };
    case 'quantity':
      return { type: 'string' };
    case 'any':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    default:
      return inlineSchema(type);
  }
}

function inlineSchema(type: FieldType): OpenApiSchema {
  switch (type.kind) {
    case 'string':
    case 'integer':
    case 'boolean':
      return { type: type.kind };
    case 'number':
      return { type: 'number', format: 'double' };
    case 'bytes':
      return { type: 'string', format: 'byte' };
    case 'int-or-string':
      return ref(INT_OR_STRING);
    case 'date-time':
    case 'quantity':
    case 'any':
      return scalarSchema(type);
    case 'ref':
      return ref(type.name);
    case 'array':
      return { type: 'array', items: itemSchema(type.items) };
    case 'map':
      return { type: 'object', additionalProperties: itemSchema(type.values) };
  }
}

/** Items and map values: `$ref`s get kube-apiserver's `allOf` + `default: {}` wrapping for structs. */
function itemSchema(type: FieldType): OpenApiSchema {
  if (type.kind === 'ref' && builtinDefinition(type.name)?.fields !== undefined) return { allOf: [ref(type.name)], default: {} };
  return inlineSchema(type);
}

function fieldSchema(type: FieldType, description: string, owner: string, field: string): OpenApiSchema {
  const doc = description === '' ? {} : { description };
  let schema: OpenApiSchema;
  if (type.kind === 'ref' || type.kind === 'int-or-string') {
    const target = type.kind === 'ref' ? type.name : INT_OR_STRING;
    const isStruct = builtinDefinition(target)?.fields !== undefined;
    schema = { allOf: [ref(target)], ...(isStruct ? { default: {} } : {}), ...doc };
  } else {
    schema = { ...inlineSchema(type), ...doc };
  }
  const meta = builtinFieldMetadata(owner, field);
  if (meta !== undefined) {
    if (meta.patchStrategy !== undefined) schema['x-kubernetes-patch-strategy'] = meta.patchStrategy;
    if (meta.patchMergeKey !== undefined) schema['x-kubernetes-patch-merge-key'] = meta.patchMergeKey;
    if (meta.listType !== undefined) schema['x-kubernetes-list-type'] = meta.listType;
    if (meta.listMapKeys !== undefined) schema['x-kubernetes-list-map-keys'] = meta.listMapKeys;
    if (meta.mapType !== undefined) schema['x-kubernetes-map-type'] = meta.mapType;
  }
  return schema;
}

/** The names of every component schema `schema` refers to, transitively (including `roots`). */
export function schemaClosure(roots: Iterable<string>, lookup: (name: string) => OpenApiSchema | undefined = definitionSchema): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') queue.push(value.slice('#/components/schemas/'.length));
        else visit(value);
      }
    }
  };
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (seen.has(name)) continue;
    const schema = lookup(name);
    if (schema === undefined) continue;
    seen.add(name);
    visit(schema);
  }
  return seen;
}
