// Translates a structural CRD schema (OpenAPI v3, draft-04 flavoured) into a JSON schema ajv compiles.
import { NUMBER_FORMATS, STRING_FORMATS } from './formats.js';
import type { StructuralSchema } from './structural-schema.js';

/** An ajv (draft-07) schema object. */
export type AjvSchema = Record<string, unknown>;

/**
 * Converts `schema` for ajv: `nullable` becomes a `null` type (and enum member),
 * `x-kubernetes-int-or-string` the types integer and string, boolean `exclusiveMinimum`/
 * `exclusiveMaximum` their numeric draft-07 form; unknown formats and patterns that JavaScript
 * cannot compile are dropped (the API server ignores unknown formats); defaults, descriptions and
 * `x-kubernetes-*` extensions are left out (they are handled by the other steps).
 */
export function toAjvSchema(schema: StructuralSchema): AjvSchema {
  const out: AjvSchema = {};
  const nullable = schema.nullable === true;
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  let types: string[] | undefined = schema.type !== undefined && schema.type !== '' ? [schema.type] : intOrString ? ['integer', 'string'] : undefined;
  if (types !== undefined && nullable) types = [...types, 'null'];
  if (types !== undefined) out['type'] = types.length === 1 ? types[0] : types;
  if (schema.properties !== undefined) {
    out['properties'] = Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, toAjvSchema(property)]));
  }
  if (schema.required !== undefined && schema.required.length > 0) out['required'] = schema.required;
  if (schema.items !== undefined && !Array.isArray(schema.items)) out['items'] = toAjvSchema(schema.items);
  if (typeof schema.additionalProperties === 'object') out['additionalProperties'] = toAjvSchema(schema.additionalProperties);
  if (schema.enum !== undefined) out['enum'] = nullable && !(schema.enum as unknown[]).includes(null) ? [...schema.enum, null] : schema.enum;
  if (schema.pattern !== undefined && compiles(schema.pattern)) out['pattern'] = schema.pattern;
  for (const keyword of ['minLength', 'maxLength', 'multipleOf', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const) {
    if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
  }
  if (schema.uniqueItems === true) out['uniqueItems'] = true;
  if (schema.maximum !== undefined) out[schema.exclusiveMaximum === true ? 'exclusiveMaximum' : 'maximum'] = schema.maximum;
  if (schema.minimum !== undefined) out[schema.exclusiveMinimum === true ? 'exclusiveMinimum' : 'minimum'] = schema.minimum;
  if (schema.format !== undefined && (Object.hasOwn(STRING_FORMATS, schema.format) || Object.hasOwn(NUMBER_FORMATS, schema.format))) {
    out['format'] = schema.format;
  }
  for (const junctor of ['allOf', 'anyOf', 'oneOf'] as const) {
    const nested = schema[junctor];
    if (nested !== undefined && nested.length > 0) out[junctor] = nested.map(toAjvSchema);
  }
  if (schema.not !== undefined) out['not'] = toAjvSchema(schema.not);
  return out;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
