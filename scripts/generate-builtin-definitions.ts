// Regenerates lib/server/openapi/builtin-definitions-data.ts from the kubernetes-types `.d.ts` files.
//
// The embedded server needs, for every built-in kind it serves, the shape of the object (for strategic
// merge patch, server-side apply and OpenAPI) and each field's documentation (for `kubectl explain`).
// kubernetes-types carries both — it is generated from Kubernetes' own OpenAPI document — so we read
// its declarations with the TypeScript parser and write a compact JSON table that the server loads
// without any I/O. Run `npm run generate:definitions` after upgrading kubernetes-types;
// spec/scripts/generate-builtin-definitions.spec.ts fails when the committed table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { BUILTIN_RESOURCES } from '../lib/core/resources/builtin-table.js';

/** One field: `[type code, description, required (1) or not (0)]`. */
type FieldEntry = [string, string, 0 | 1];
/** One definition: `[description, fields]`, or `[description, type code]` for a scalar alias. */
type DefinitionEntry = [string, Record<string, FieldEntry> | string];

const require = createRequire(import.meta.url);
const typesRoot = dirname(require.resolve('kubernetes-types/package.json'));

/** The OpenAPI name prefix of each kubernetes-types module (`core/v1` → `io.k8s.api.core.v1`). */
function openApiPrefix(module: string): string {
  if (module === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (module === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (module === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  if (module.startsWith('apiextensions/')) return `io.k8s.apiextensions-apiserver.pkg.apis.${module.replace('/', '.')}`;
  return `io.k8s.api.${module.replace('/', '.')}`;
}

interface ParsedModule {
  readonly interfaces: Map<string, ts.InterfaceDeclaration>;
  readonly aliases: Map<string, ts.TypeAliasDeclaration>;
  readonly imports: Map<string, string>;
}

const modules = new Map<string, ParsedModule>();

function parseModule(module: string): ParsedModule {
  const cached = modules.get(module);
  if (cached !== undefined) return cached;
  const file = join(typesRoot, `${module}.d.ts`);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const parsed: ParsedModule = { interfaces: new Map(), aliases: new Map(), imports: new Map() };
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) parsed.interfaces.set(statement.name.text, statement);
    else if (ts.isTypeAliasDeclaration(statement)) parsed.aliases.set(statement.name.text, statement);
    else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const from = resolve(dirname(file), statement.moduleSpecifier.text).slice(typesRoot.length + 1);
      const bindings = statement.importClause?.namedBindings;
      if (bindings !== undefined && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) parsed.imports.set(element.name.text, from);
      }
    }
  }
  modules.set(module, parsed);
  return parsed;
}

function docOf(node: ts.Node): string {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  return docs
    .map((doc) => (typeof doc.comment === 'string' ? doc.comment : ts.getTextOfJSDocComment(doc.comment) ?? ''))
    .join('\n')
    .trim();
}

const definitions = new Map<string, DefinitionEntry>();
const queue: [string, string][] = [];

/** The type code of a reference to `name` as seen from `module`, queueing the target. */
function referenceCode(module: string, name: string): string {
  const parsed = parseModule(module);
  const from = parsed.imports.get(name);
  if (from !== undefined) return referenceCode(from, name);
  if (parsed.interfaces.has(name) || parsed.aliases.has(name)) {
    queue.push([module, name]);
    return `#${openApiPrefix(module)}.${name}`;
  }
  throw new Error(`unresolved type ${name} in ${module}`);
}

/** Encodes a declared type: s, i, n, b, ios (int-or-string), *, #ref, []T, {}T. */
function typeCode(module: string, type: ts.TypeNode, owner: string, field: string): string {
  if (type.kind === ts.SyntaxKind.StringKeyword) return 's';
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return 'b';
  if (type.kind === ts.SyntaxKind.NumberKeyword) return FLOAT_FIELDS.has(`${owner}.${field}`) ? 'n' : 'i';
  if (ts.isLiteralTypeNode(type)) return 's';
  if (ts.isUnionTypeNode(type)) {
    const kinds = type.types.map((t) => t.kind).sort();
    if (kinds.length === 2 && kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) return 'ios';
    throw new Error(`unsupported union in ${owner}.${field}`);
  }
  if (ts.isArrayTypeNode(type)) return `[]${typeCode(module, type.elementType, owner, field)}`;
  if (ts.isTypeReferenceNode(type)) {
    const name = type.typeName.getText();
    const [argument] = type.typeArguments ?? [];
    if (name === 'Array' && argument !== undefined) return `[]${typeCode(module, argument, owner, field)}`;
    return referenceCode(module, name);
  }
  if (ts.isTypeLiteralNode(type)) {
    const [index] = type.members;
    if (type.members.length === 1 && index !== undefined && ts.isIndexSignatureDeclaration(index) && index.type !== undefined) {
      return `{}${typeCode(module, index.type, owner, field)}`;
    }
  }
  throw new Error(`unsupported type ${type.getText()} in ${owner}.${field}`);
}

/** Fields whose Go type is a float (everything else declared `number` is an integer). */
const FLOAT_FIELDS = new Set(['JSONSchemaProps.maximum', 'JSONSchemaProps.minimum', 'JSONSchemaProps.multipleOf']);

/** Scalar aliases and empty interfaces with a fixed OpenAPI meaning. */
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

/** Extension fields of JSONSchemaProps that kubernetes-types 1.30 does not declare. */
const SCHEMA_EXTENSIONS: Record<string, FieldEntry> = {
  'x-kubernetes-embedded-resource': ['b', 'x-kubernetes-embedded-resource defines that the value is an embedded Kubernetes runtime.Object, with TypeMeta and ObjectMeta.', 0],
  'x-kubernetes-int-or-string': ['b', 'x-kubernetes-int-or-string specifies that this value is either an integer or a string.', 0],
  'x-kubernetes-list-map-keys': ['[]s', 'x-kubernetes-list-map-keys annotates an array with the x-kubernetes-list-type `map` by specifying the keys used as the index of the map.', 0],
  'x-kubernetes-list-type': ['s', 'x-kubernetes-list-type annotates an array to further describe its topology: atomic, set or map.', 0],
  'x-kubernetes-map-type': ['s', 'x-kubernetes-map-type annotates an object to further describe its topology: granular or atomic.', 0],
  'x-kubernetes-preserve-unknown-fields': ['b', 'x-kubernetes-preserve-unknown-fields stops the API server decoding step from pruning fields which are not specified in the validation schema.', 0],
  'x-kubernetes-validations': ['*', 'x-kubernetes-validations describes a list of validation rules written in the CEL expression language.', 0],
};

function define(module: string, name: string): void {
  const full = `${openApiPrefix(module)}.${name}`;
  if (definitions.has(full)) return;
  const parsed = parseModule(module);
  const declaration = parsed.interfaces.get(name) ?? parsed.aliases.get(name);
  if (declaration === undefined) throw new Error(`no ${name} in ${module}`);
  const description = docOf(declaration);
  const special = SPECIAL[full];
  if (special !== undefined) {
    definitions.set(full, [description, special]);
    return;
  }
  if (ts.isTypeAliasDeclaration(declaration)) {
    definitions.set(full, [description, typeCode(module, declaration.type, name, '')]);
    return;
  }
  const fields: Record<string, FieldEntry> = {};
  definitions.set(full, [description, fields]);
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member) || member.type === undefined) continue;
    const field = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
    fields[field] = [typeCode(module, member.type, name, field), docOf(member), member.questionToken === undefined ? 1 : 0];
  }
  if (name === 'JSONSchemaProps') Object.assign(fields, SCHEMA_EXTENSIONS);
}

/** The path of the generated file. */
export const DEFINITIONS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../lib/server/openapi/builtin-definitions-data.ts');

/** The text of the generated file: every built-in kind of core's table and the types they reach. */
export function generateBuiltinDefinitions(): string {
  const kinds: Record<string, string> = {};
  for (const row of BUILTIN_RESOURCES) {
    const module = `${row.group === '' ? 'core' : row.group.split('.')[0]}/${row.version}`;
    kinds[`${row.group}/${row.version}/${row.kind}`] = referenceCode(module, row.kind).slice(1);
    if (parseModule(module).interfaces.has(`${row.kind}List`)) referenceCode(module, `${row.kind}List`);
  }
  // What the OpenAPI operations refer to besides the kinds: list metadata, errors, delete bodies, scale.
  for (const name of ['ListMeta', 'Status', 'DeleteOptions']) referenceCode('meta/v1', name);
  kinds['autoscaling/v1/Scale'] = referenceCode('autoscaling/v1', 'Scale').slice(1);
  // The body and answer of the serviceaccounts/token subresource.
  kinds['authentication.k8s.io/v1/TokenRequest'] = referenceCode('authentication/v1', 'TokenRequest').slice(1);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) define(next[0], next[1]);
  const sorted = Object.fromEntries([...definitions.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const json = JSON.stringify({ kinds, definitions: sorted });
  return [
    '// GENERATED by scripts/generate-builtin-definitions.ts from kubernetes-types; do not edit.',
    "// The built-in kinds' object shapes and field documentation as compact JSON (read by builtin-definitions.ts).",
    '',
    '/** @internal `{kinds: {"group/version/Kind": name}, definitions: {name: [description, {field: [type, description, required]} | type]}}`. */',
    `export const BUILTIN_DEFINITIONS_JSON =\n  ${JSON.stringify(json)};`,
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = generateBuiltinDefinitions();
  writeFileSync(DEFINITIONS_FILE, text);
  console.log(`wrote ${definitions.size} definitions (${text.length} bytes) to ${DEFINITIONS_FILE}`);
}
