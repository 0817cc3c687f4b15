// The Swagger 2.0 document of /openapi/v2, built from the same schemas as the OpenAPI v3 documents.
import { openApiV3Documents, type ServedResource } from './openapi-v3.js';

type Json = Record<string, unknown>;

const V3_PREFIX = '#/components/schemas/';
const V2_PREFIX = '#/definitions/';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A v3 schema in Swagger 2.0's dialect, as kube-openapi writes both from one model: `$ref`s point
 * into `#/definitions/`, a single-`$ref` `allOf` (v3's way of documenting a reference) is the
 * `$ref` itself, and `default`s, which the v2 document does not carry, are left out.
 */
function toV2(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toV2);
  if (!isObject(schema)) return schema;
  const out: Json = {};
  const allOf = schema['allOf'];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'default') continue;
    if (key === 'allOf' && Array.isArray(allOf) && allOf.length === 1 && isObject(allOf[0]) && typeof allOf[0]['$ref'] === 'string') {
      out['$ref'] = (allOf[0]['$ref'] as string).replace(V3_PREFIX, V2_PREFIX);
      continue;
    }
    if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace(V3_PREFIX, V2_PREFIX);
      continue;
    }
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, toV2(property)]));
      continue;
    }
    out[key] = key.startsWith('x-') || key === 'enum' || key === 'example' ? value : toV2(value);
  }
  return out;
}

/**
 * The Swagger 2.0 document kube-apiserver serves at `/openapi/v2`: `swagger: "2.0"`, `info`
 * (title Kubernetes, version 1.32), every definition of every served group version (built-in
 * kinds and established custom resources, each kind's root carrying
 * `x-kubernetes-group-version-kind`), and the BearerToken security definition. kubectl reads it
 * to validate what OpenAPI v3 does not describe (`kind: List` files, unknown kinds). Paths are
 * left empty: clients read operations from the v3 documents.
 */
export function openApiV2Document(served: readonly ServedResource[]): Json {
  const definitions: Json = {};
  for (const document of openApiV3Documents(served).values()) {
    const schemas = (document as { components?: { schemas?: Json } }).components?.schemas ?? {};
    for (const [name, schema] of Object.entries(schemas)) {
      if (!Object.hasOwn(definitions, name)) definitions[name] = toV2(schema);
    }
  }
  const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: '1.32' },
    paths: {},
    definitions: sorted,
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}
