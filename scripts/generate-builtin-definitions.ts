// Regenerates lib/server/openapi/builtin-definitions-data.ts from Kubernetes 1.32's own API sources.
//
// The embedded server needs, for every built-in kind it serves, the shape of the object (for typed
// decoding, strategic merge patch, server-side apply and OpenAPI), each field's documentation (for
// `kubectl explain`) and how Go's encoding/json writes the field when it holds its zero value (a
// `replicas: 0` without `omitempty` is written; a nil pointer is not). The shapes and documentation
// come from the OpenAPI v3 documents kube-apiserver 1.32 publishes (api/openapi-spec/v3 of the
// k8s.io/kubernetes module); the zero-value facts from the Go structs' `json` tags in the k8s.io/api,
// k8s.io/apimachinery, k8s.io/apiextensions-apiserver and k8s.io/kube-aggregator modules. Both are read
// from the Go module cache (`go mod download` fetches them through the module proxy). Run
// `npm run generate:definitions` after changing the release; spec/scripts/generate-builtin-definitions.spec.ts
// fails when the committed table is stale.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILTIN_RESOURCES } from '../lib/core/resources/builtin-table.js';
import { goModuleDir, KUBERNETES_VERSION } from './go-modules.js';
import { goStructFields, hasMarshalJSON, resolveNamedType } from './go-struct-fields.js';

/**
 * One field: `[type code, description, required (1) or not (0), zero]`, where `zero` says what
 * Go's encoding/json does with the field's zero value: 0 omits a nil pointer, slice or map and an
 * empty list or map (`omitempty` on a pointer, slice or map; a pointer to a zero scalar is kept),
 * 1 writes the zero value (a scalar without `omitempty`, or a value struct, which Go always
 * writes), 2 writes `null` for nil but keeps an empty list or map (a pointer, slice or map without
 * `omitempty`; the server leaves a nil one absent, which clients read as `null`), 3 omits the
 * zero value of a scalar (`omitempty` on a value: `readyReplicas: 0` is not written), 4 writes
 * `null` (a value `metav1.Time` or `MicroTime`, whose MarshalJSON writes null for the zero time:
 * `creationTimestamp: null` in a pod template, an Event's `eventTime: null`).
 */
type FieldEntry = [string, string, 0 | 1, 0 | 1 | 2 | 3 | 4];
/** One definition: `[description, fields]`, or `[description, type code]` for a scalar alias. */
type DefinitionEntry = [string, Record<string, FieldEntry> | string];

interface Schema {
  readonly type?: string;
  readonly format?: string;
  readonly description?: string;
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly additionalProperties?: Schema | boolean;
  readonly allOf?: readonly Schema[];
  readonly $ref?: string;
  readonly 'x-kubernetes-group-version-kind'?: readonly { group: string; version: string; kind: string }[];
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** Definitions with a fixed meaning on the wire: free-form JSON, times, quantities. */
const SPECIAL: Record<string, string> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'date-time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'date-time',
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.runtime.RawExtension': '*',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': '*',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': '*',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': '*',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': '*',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': '*',
};

let schemas: Map<string, Schema> | undefined;

/** Every schema of the OpenAPI v3 documents of the release, by name. */
function allSchemas(): Map<string, Schema> {
  if (schemas !== undefined) return schemas;
  const dir = join(goModuleDir('k8s.io/kubernetes', KUBERNETES_VERSION), 'api/openapi-spec/v3');
  schemas = new Map();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    const document = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { components?: { schemas?: Record<string, Schema> } };
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) schemas.set(name, schema);
  }
  return schemas;
}

function schemaOf(name: string): Schema {
  const schema = allSchemas().get(name);
  if (schema === undefined) throw new Error(`no OpenAPI schema ${name}`);
  return schema;
}

const definitions = new Map<string, DefinitionEntry>();
const queue: string[] = [];

function refName(schema: Schema): string | undefined {
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0]?.$ref : undefined);
  return ref?.replace('#/components/schemas/', '');
}

/** Encodes a property's type: s, b64 (Go []byte), i, n, b, ios (int-or-string), *, #ref, []T, {}T. */
function typeCode(schema: Schema, where: string): string {
  const ref = refName(schema);
  if (ref !== undefined) {
    if (ref === INT_OR_STRING) return 'ios';
    queue.push(ref);
    return `#${ref}`;
  }
  switch (schema.type) {
    case 'string':
      return schema.format === 'int-or-string' ? 'ios' : schema.format === 'byte' ? 'b64' : 's';
    case 'integer':
      return 'i';
    case 'number':
      return 'n';
    case 'boolean':
      return 'b';
    case 'array':
      if (schema.items === undefined) throw new Error(`array without items at ${where}`);
      return `[]${typeCode(schema.items, where)}`;
    case 'object':
      if (typeof schema.additionalProperties === 'object') return `{}${typeCode(schema.additionalProperties, where)}`;
      return '*';
    default:
      if (schema.format === 'int-or-string') return 'ios';
      throw new Error(`unsupported schema at ${where}: ${JSON.stringify(schema)}`);
  }
}

/** The Go package of an OpenAPI name's prefix: `io.k8s.api.core.v1` → `k8s.io/api/core/v1`. */
function goPackageOf(definition: string): { readonly importPath: string; readonly type: string } {
  const dot = definition.lastIndexOf('.');
  const [, , ...rest] = definition.slice(0, dot).split('.');
  return { importPath: `k8s.io/${rest.join('/')}`, type: definition.slice(dot + 1) };
}

/** What Go writes for a field holding its zero value (see {@link FieldEntry}). */
function zeroCode(definition: string, field: string, code: string, go: { goType: string; omitempty: boolean; importPath: string }): 0 | 1 | 2 | 3 | 4 {
  if (/^(\*|\[\]|map\[)/.test(go.goType)) return go.omitempty ? 0 : 2;
  if (code === 'ios' || code === '#io.k8s.apimachinery.pkg.api.resource.Quantity') return 1;
  if (code.startsWith('#')) {
    const target = code.slice(1);
    const special = SPECIAL[target];
    if (special === 'date-time') return 4;
    if (special !== undefined) return 0;
    const named = resolveNamedType(go.importPath, go.goType);
    if (named !== undefined && hasMarshalJSON(named.importPath, named.name)) {
      throw new Error(`${definition}.${field}: ${go.goType} has its own MarshalJSON; say what its zero value writes`);
    }
    return 1;
  }
  return go.omitempty ? 3 : 1;
}

function define(name: string): void {
  if (definitions.has(name)) return;
  const schema = schemaOf(name);
  const description = schema.description ?? '';
  const special = SPECIAL[name];
  if (special !== undefined) {
    definitions.set(name, [description, special]);
    return;
  }
  if (schema.properties === undefined) {
    if (schema.type !== 'object') {
      definitions.set(name, [description, typeCode(schema, name)]);
      return;
    }
  }
  const fields: Record<string, FieldEntry> = {};
  definitions.set(name, [description, fields]);
  const go = goPackageOf(name);
  const goFields = goStructFields(go.importPath, go.type);
  if (goFields === undefined) throw new Error(`no Go struct ${go.type} in ${go.importPath} for ${name}`);
  const required = new Set(schema.required ?? []);
  for (const [field, property] of Object.entries(schema.properties ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const code = typeCode(property, `${name}.${field}`);
    const goField = goFields.get(field);
    if (goField === undefined) throw new Error(`${name}.${field}: no such json field in Go's ${go.importPath}.${go.type}`);
    fields[field] = [code, property.description ?? '', required.has(field) ? 1 : 0, zeroCode(name, field, code, goField)];
  }
  // The other way round: every JSON field of the Go struct, the members of inlined structs
  // included (RuleWithOperations inlines Rule's apiGroups, apiVersions, resources and scope),
  // must be in the table, or typed decoding would drop it as unknown.
  const missing = [...goFields.keys()].filter((field) => fields[field] === undefined);
  if (missing.length > 0) throw new Error(`${name}: the OpenAPI schema lacks the Go fields ${missing.join(', ')} of ${go.importPath}.${go.type}`);
}

/** The OpenAPI name of a kind's schema, from its `x-kubernetes-group-version-kind`. */
function kindSchemaName(group: string, version: string, kind: string): string | undefined {
  for (const [name, schema] of allSchemas()) {
    if (schema['x-kubernetes-group-version-kind']?.some((g) => g.group === group && g.version === version && g.kind === kind) === true) return name;
  }
  return undefined;
}

/** The path of the generated file. */
export const DEFINITIONS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../lib/server/openapi/builtin-definitions-data.ts');

/** The text of the generated file: every built-in kind of core's table and the types they reach. */
export function generateBuiltinDefinitions(): string {
  definitions.clear();
  const kinds: Record<string, string> = {};
  const root = (group: string, version: string, kind: string): string => {
    const name = kindSchemaName(group, version, kind);
    if (name === undefined) throw new Error(`no OpenAPI schema for ${group}/${version} ${kind}`);
    queue.push(name);
    return name;
  };
  for (const row of BUILTIN_RESOURCES) {
    kinds[`${row.group}/${row.version}/${row.kind}`] = root(row.group, row.version, row.kind);
    if (kindSchemaName(row.group, row.version, `${row.kind}List`) !== undefined) root(row.group, row.version, `${row.kind}List`);
  }
  // What the OpenAPI operations refer to besides the kinds: list metadata, errors, delete bodies, scale.
  for (const name of ['ListMeta', 'Status', 'DeleteOptions']) queue.push(`io.k8s.apimachinery.pkg.apis.meta.v1.${name}`);
  kinds['autoscaling/v1/Scale'] = root('autoscaling', 'v1', 'Scale');
  // The body and answer of the serviceaccounts/token subresource.
  kinds['authentication.k8s.io/v1/TokenRequest'] = root('authentication.k8s.io', 'v1', 'TokenRequest');
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) define(next);
  const sorted = Object.fromEntries([...definitions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const json = JSON.stringify({ kinds, definitions: sorted });
  return [
    `// GENERATED by scripts/generate-builtin-definitions.ts from Kubernetes ${KUBERNETES_VERSION}'s OpenAPI v3 documents and Go types; do not edit.`,
    "// The built-in kinds' object shapes, field documentation and zero-value rules as compact JSON (read by builtin-definitions.ts).",
    '',
    '/** @internal `{kinds: {"group/version/Kind": name}, definitions: {name: [description, {field: [type, description, required, zero]} | type]}}`. */',
    `export const BUILTIN_DEFINITIONS_JSON =\n  ${JSON.stringify(json)};`,
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = generateBuiltinDefinitions();
  writeFileSync(DEFINITIONS_FILE, text);
  console.log(`wrote ${definitions.size} definitions (${text.length} bytes) to ${DEFINITIONS_FILE}`);
}
