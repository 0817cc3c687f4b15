// Regenerates lib/server/protobuf/protobuf-fields-data.ts from the Kubernetes Go modules.
//
// kubectl and client-go send and accept `application/vnd.kubernetes.protobuf`. The wire format of
// each kind is the message of the `generated.proto` file of its Go package (k8s.io/api,
// k8s.io/apimachinery, k8s.io/apiextensions-apiserver, k8s.io/kube-aggregator): field numbers and
// protobuf types. How a message maps to JSON is fixed by the Go struct the proto was generated
// from: the `json:"..."` tag (name, omitempty, inline), whether the field is a pointer (then it is
// written only when set; value fields are always written), and which types marshal their own JSON
// (Time, Quantity, IntOrString, RawExtension, ...). So this script reads both — the `.proto` for
// the numbers and types, the Go sources for the JSON facts — checks that they agree field by
// field, and writes a compact JSON table the server loads without any I/O.
//
// The modules are fetched with `go mod download -json` (scripts/go-modules.ts: from the Go module
// cache, or the module proxy on a fresh machine). Run `npm run generate:protobuf` after changing STAGING_VERSION;
// spec/scripts/generate-protobuf-fields.spec.ts fails when the committed table is stale.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { goModuleDir, STAGING_VERSION } from './go-modules.js';

/** The Go modules read, each with the packages (directories) whose messages are served. */
const MODULES: Record<string, (dirs: string[]) => string[]> = {
  // Every GA group/version: the server serves only GA versions, as a 1.32 cluster does by default.
  'k8s.io/api': (dirs) => dirs.filter((dir) => /^[a-z]+\/v\d+$/.test(dir) && dir !== 'imagepolicy/v1alpha1'),
  // meta/v1beta1 for PartialObjectMetadataList (its own field numbers) and the PartialObjectMetadata alias.
  'k8s.io/apimachinery': () => ['pkg/apis/meta/v1', 'pkg/apis/meta/v1beta1', 'pkg/runtime', 'pkg/api/resource', 'pkg/util/intstr'],
  'k8s.io/apiextensions-apiserver': () => ['pkg/apis/apiextensions/v1'],
  'k8s.io/kube-aggregator': () => ['pkg/apis/apiregistration/v1'],
};

/** The protobuf scalar types the Kubernetes messages use. */
const SCALARS = new Set(['string', 'bytes', 'int32', 'int64', 'bool', 'double']);

/** One field: `[number, JSON name, type, flags, Go name?]` (see {@link generateProtobufFields}). */
type FieldEntry = [number, string, string, string] | [number, string, string, string, string];

/** One message: its fields in Go declaration order, and how its Go type marshals JSON. */
interface MessageEntry {
  fields: FieldEntry[];
  /** `kind`: a struct with TypeMeta; `slice`: a named Go slice (JSON array); `custom`: its own JSON. */
  form?: 'kind' | 'slice' | 'custom';
}

interface PackageEntry {
  group: string;
  version: string;
  messages: Record<string, MessageEntry>;
  /** Kinds that are Go aliases of another package's message (`type PartialObjectMetadata = v1.PartialObjectMetadata`). */
  aliases?: Record<string, string>;
}

interface ProtoField {
  readonly number: number;
  readonly protoName: string;
  readonly type: string;
  readonly label: 'optional' | 'repeated' | 'map';
}

interface GoField {
  readonly goName: string;
  readonly goType: string;
  readonly embedded: boolean;
  readonly json: { name: string; omitempty: boolean; inline: boolean } | undefined;
  readonly protobuf: { number: number; name: string | undefined } | undefined;
}

interface GoPackage {
  readonly structs: Map<string, GoField[]>;
  /** Named non-struct types: `type X []string` -> `[]string`. */
  readonly named: Map<string, string>;
  readonly customJson: Set<string>;
  readonly group: string | undefined;
  /** `type X = pkg.Y` aliases, as proto names: `X` -> `k8s.io.apimachinery.pkg.apis.meta.v1.Y`. */
  readonly aliases: Map<string, string>;
}

/** The package directories (relative to the module) holding a generated.proto. */
function protoDirs(root: string, dir = ''): string[] {
  const here = join(root, dir);
  const found: string[] = existsSync(join(here, 'generated.proto')) ? [dir] : [];
  for (const entry of readdirSync(here, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'testdata') found.push(...protoDirs(root, dir === '' ? entry.name : `${dir}/${entry.name}`));
  }
  return found;
}

/** Drops `//` and block comments from proto or Go text (neither carries strings with comment markers here). */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Parses a generated.proto: its package and each message's fields. */
function parseProto(text: string): { pkg: string; messages: Map<string, ProtoField[]> } {
  const body = stripComments(text);
  const pkg = /^package\s+([\w.]+);/m.exec(body)?.[1];
  if (pkg === undefined) throw new Error('generated.proto without a package');
  const messages = new Map<string, ProtoField[]>();
  for (const match of body.matchAll(/^message\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields: ProtoField[] = [];
    for (const line of (match[2] ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '')) {
      const plain = /^(optional|repeated)\s+([\w.]+)\s+(\w+)\s*=\s*(\d+);$/.exec(line);
      const map = /^map<\s*string\s*,\s*([\w.]+)\s*>\s+(\w+)\s*=\s*(\d+);$/.exec(line);
      if (plain !== null) {
        fields.push({ label: plain[1] as 'optional' | 'repeated', type: plain[2] ?? '', protoName: plain[3] ?? '', number: Number(plain[4]) });
      } else if (map !== null) {
        fields.push({ label: 'map', type: map[1] ?? '', protoName: map[2] ?? '', number: Number(map[3]) });
      } else {
        throw new Error(`${pkg}.${match[1]}: unsupported proto line: ${line}`);
      }
    }
    messages.set(match[1] ?? '', fields);
  }
  return { pkg, messages };
}

/** Parses one struct tag: `json:"name,omitempty" protobuf:"bytes,1,opt,name=x"`. */
function parseTag(tag: string): Pick<GoField, 'json' | 'protobuf'> {
  const json = /(?:^|\s)json:"([^"]*)"/.exec(tag)?.[1];
  const protobuf = /(?:^|\s)protobuf:"([^"]*)"/.exec(tag)?.[1];
  let parsedJson: GoField['json'];
  if (json !== undefined && json !== '-') {
    const [name = '', ...options] = json.split(',');
    parsedJson = { name, omitempty: options.includes('omitempty'), inline: options.includes('inline') };
  }
  let parsedProtobuf: GoField['protobuf'];
  if (protobuf !== undefined && protobuf !== '-') {
    const parts = protobuf.split(',');
    // A tag may leave the name out (EphemeralContainer's inlined EphemeralContainerCommon): the number decides.
    parsedProtobuf = { number: Number(parts[1]), name: parts.find((p) => p.startsWith('name='))?.slice(5) };
  }
  return { json: parsedJson, protobuf: parsedProtobuf };
}

/** Parses the Go sources of a package: structs with their tagged fields, named types, custom JSON. */
function parseGoPackage(dir: string): GoPackage {
  const structs = new Map<string, GoField[]>();
  const named = new Map<string, string>();
  const customJson = new Set<string>();
  const unparsable = new Map<string, string>();
  const aliases = new Map<string, string>();
  let group: string | undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !f.startsWith('zz_generated') && f !== 'generated.pb.go');
  for (const file of files) {
    const text = stripComments(readFileSync(join(dir, file), 'utf8'));
    const groupMatch = /\bGroupName\s*=\s*"([^"]*)"/.exec(text);
    if (groupMatch !== null && file === 'register.go') group = groupMatch[1];
    for (const match of text.matchAll(/^func \(\w+ \*?(\w+)\) MarshalJSON\(/gm)) customJson.add(match[1] ?? '');
    const imports = new Map([...text.matchAll(/^\s*(\w+)\s+"(k8s\.io\/[^"]+)"$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
    for (const match of text.matchAll(/^type\s+(\w+)\s*=\s*(\w+)\.(\w+)\s*$/gm)) {
      const path = imports.get(match[2] ?? '');
      if (path !== undefined) aliases.set(match[1] ?? '', `${path.replace(/\//g, '.').replace(/-/g, '_')}.${match[3] ?? ''}`);
    }
    for (const match of text.matchAll(/^type\s+(\w+)\s+(\S.*)$/gm)) {
      const [, name = '', rest = ''] = match;
      if (!rest.startsWith('struct')) named.set(name, rest.trim());
    }
    for (const match of text.matchAll(/^type\s+(\w+)\s+struct\s*\{\s*\}/gm)) structs.set(match[1] ?? '', []);
    for (const match of text.matchAll(/^type\s+(\w+)\s+struct\s*\{[ \t]*\n([\s\S]*?)^\}/gm)) {
      const fields: GoField[] = [];
      for (const raw of (match[2] ?? '').split('\n')) {
        const line = raw.trim();
        if (line === '') continue;
        const withTag = /^(\S+)(?:\s+(\S+))?\s+`([^`]*)`$/.exec(line);
        const untagged = /^(\S+)(?:\s+(\S+))?$/.exec(line);
        const parts = withTag ?? untagged;
        if (parts === null) {
          // Not an API type (e.g. a struct with func fields): unusable, which matters only if a message names it.
          unparsable.set(match[1] ?? '', `${dir}/${file}: unsupported field line: ${line}`);
          break;
        }
        const embedded = parts[2] === undefined;
        const goType = embedded ? (parts[1] ?? '') : (parts[2] ?? '');
        const goName = embedded ? goType.replace(/^\*/, '').replace(/^\w+\./, '') : (parts[1] ?? '');
        fields.push({ goName, goType, embedded, ...parseTag(withTag?.[3] ?? '') });
      }
      structs.set(match[1] ?? '', fields);
    }
  }
  for (const [name, reason] of unparsable) {
    structs.delete(name);
    named.set(name, `unparsable struct (${reason})`);
  }
  return { structs, named, customJson, group, aliases };
}

/** A proto type reference as the table writes it: scalars by name, same-package messages short, others fully qualified. */
function typeCode(pkg: string, type: string): string {
  if (SCALARS.has(type)) return type;
  const full = type.startsWith('.') ? type.slice(1) : `${pkg}.${type}`;
  return full.startsWith(`${pkg}.`) && !full.slice(pkg.length + 1).includes('.') ? full.slice(pkg.length + 1) : full;
}

/** Whether a Go type is written only when set: pointers, slices, maps (also through a named type). */
function isNilable(goType: string, named: ReadonlyMap<string, string>): boolean {
  if (goType.startsWith('*') || goType.startsWith('[]') || goType.startsWith('map[')) return true;
  const underlying = named.get(goType);
  return underlying !== undefined && (underlying.startsWith('[]') || underlying.startsWith('map['));
}

interface ParsedPackage {
  readonly pkg: string;
  readonly version: string;
  readonly proto: Map<string, ProtoField[]>;
  readonly go: GoPackage;
}

/** Builds the table entry of one message, checking the .proto against the Go struct. */
function messageEntry(parsed: ParsedPackage, name: string): MessageEntry {
  const { pkg, proto, go } = parsed;
  const protoFields = proto.get(name);
  if (protoFields === undefined) throw new Error(`${pkg}.${name}: not a message of generated.proto`);
  const struct = go.structs.get(name);
  if (struct === undefined) {
    const underlying = go.named.get(name);
    const [items] = protoFields;
    if (underlying?.startsWith('[]') !== true || protoFields.length !== 1 || items === undefined || items.label !== 'repeated') {
      throw new Error(`${pkg}.${name}: no Go struct or slice type`);
    }
    return { form: 'slice', fields: [[items.number, items.protoName, typeCode(pkg, items.type), 'r']] };
  }
  const byNumber = new Map(protoFields.map((f) => [f.number, f]));
  const fields: FieldEntry[] = [];
  for (const field of struct) {
    if (field.protobuf === undefined) continue;
    const protoField = byNumber.get(field.protobuf.number);
    if (protoField === undefined || (field.protobuf.name !== undefined && protoField.protoName !== field.protobuf.name)) {
      throw new Error(`${pkg}.${name}.${field.goName}: protobuf tag ${field.protobuf.number}/${field.protobuf.name ?? ''} is not in generated.proto`);
    }
    byNumber.delete(field.protobuf.number);
    const inline = field.json?.inline === true && field.json.name === '';
    const jsonName = inline ? '' : field.json?.name !== undefined && field.json.name !== '' ? field.json.name : field.goName;
    let flags = '';
    if (protoField.label === 'repeated') flags += 'r';
    else if (protoField.label === 'map') flags += 'm';
    else if (isNilable(field.goType, go.named)) flags += 'n';
    if (field.json?.omitempty === true) flags += 'o';
    if (inline) flags += 'i';
    // The Go field name (Go's unmarshal errors name it) only where it is not the capitalized JSON name.
    const capitalized = jsonName.charAt(0).toUpperCase() + jsonName.slice(1);
    fields.push(field.goName === capitalized ? [protoField.number, jsonName, typeCode(pkg, protoField.type), flags] : [protoField.number, jsonName, typeCode(pkg, protoField.type), flags, field.goName]);
  }
  // A type that marshals itself (Time as a Timestamp) has proto fields its Go struct does not tag.
  if (go.customJson.has(name)) for (const f of byNumber.values()) fields.push([f.number, f.protoName, typeCode(pkg, f.type), '', f.protoName]);
  else if (byNumber.size > 0) throw new Error(`${pkg}.${name}: proto fields without a Go field: ${[...byNumber.keys()].join(', ')}`);
  const isKind = struct.some((f) => f.embedded && f.json?.inline === true && /^(\w+\.)?TypeMeta$/.test(f.goType) && f.protobuf === undefined);
  const entry: MessageEntry = { fields };
  if (go.customJson.has(name)) entry.form = 'custom';
  else if (isKind) entry.form = 'kind';
  return entry;
}

/** The path of the generated file. */
export const PROTOBUF_FIELDS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../lib/server/protobuf/protobuf-fields-data.ts');

/**
 * The text of the generated file: every message reachable from the kinds of the served
 * packages (and `WatchEvent`, the frame of protobuf watches), grouped by proto package:
 *
 * `{packages: {"k8s.io.api.apps.v1": {group, version, messages: {Deployment: {form?, fields}}, aliases?: {Kind: message}}}}`
 *
 * where a field is `[number, JSON name ("" when inline), type, flags, Go name]` (the Go name only
 * when it is not the capitalized JSON name: `ObjectMeta` for `metadata`): the type is a scalar
 * (`string`, `bytes`, `int32`, `int64`, `bool`, `double`) or a message (short within its package,
 * else fully qualified; a map's value type for maps), and the flags are `r` repeated, `m` map,
 * `n` written only when set (Go pointer, slice or map), `o` JSON omitempty, `i` JSON-inlined.
 */
export function generateProtobufFields(): string {
  const parsed = new Map<string, ParsedPackage>();
  for (const [module, select] of Object.entries(MODULES)) {
    const root = goModuleDir(module, STAGING_VERSION);
    for (const dir of select(protoDirs(root))) {
      const { pkg, messages } = parseProto(readFileSync(join(root, dir, 'generated.proto'), 'utf8'));
      parsed.set(pkg, { pkg, version: basename(dir), proto: messages, go: parseGoPackage(join(root, dir)) });
    }
  }
  const entries = new Map<string, MessageEntry>();
  const queue: string[] = [];
  const visit = (full: string): void => {
    if (entries.has(full)) return;
    const pkg = full.slice(0, full.lastIndexOf('.'));
    const name = full.slice(pkg.length + 1);
    const parsedPackage = parsed.get(pkg);
    if (parsedPackage === undefined) throw new Error(`${full}: its package is not read`);
    const entry = messageEntry(parsedPackage, name);
    entries.set(full, entry);
    for (const [, , type] of entry.fields) if (!SCALARS.has(type)) queue.push(type.includes('.') ? type : `${pkg}.${type}`);
  };
  for (const { pkg, proto, go } of parsed.values()) {
    if (go.group === undefined) continue;
    for (const name of proto.keys()) {
      const fields = go.structs.get(name);
      if (fields?.some((f) => f.embedded && /^(\w+\.)?TypeMeta$/.test(f.goType) && f.protobuf === undefined) === true) queue.push(`${pkg}.${name}`);
    }
  }
  for (const { go } of parsed.values()) {
    for (const target of go.aliases.values()) {
      const targetPackage = parsed.get(target.slice(0, target.lastIndexOf('.')));
      const name = target.slice(target.lastIndexOf('.') + 1);
      const fields = targetPackage?.proto.has(name) === true ? targetPackage.go.structs.get(name) : undefined;
      if (fields?.some((f) => f.embedded && /^(\w+\.)?TypeMeta$/.test(f.goType) && f.protobuf === undefined) === true) queue.push(target);
    }
  }
  queue.push('k8s.io.apimachinery.pkg.apis.meta.v1.WatchEvent', 'k8s.io.apimachinery.pkg.runtime.Unknown');
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) visit(next);

  const packages: Record<string, PackageEntry> = {};
  for (const pkg of [...parsed.keys()].sort()) {
    const { version, go, proto } = parsed.get(pkg) as ParsedPackage;
    const messages: Record<string, MessageEntry> = {};
    for (const name of [...proto.keys()].sort()) {
      const entry = entries.get(`${pkg}.${name}`);
      if (entry !== undefined) messages[name] = entry;
    }
    const aliases = Object.fromEntries([...go.aliases].filter(([, target]) => entries.get(target)?.form === 'kind').sort(([a], [b]) => (a < b ? -1 : 1)));
    if (Object.keys(messages).length > 0) packages[pkg] = { group: go.group ?? '', version, messages, ...(Object.keys(aliases).length > 0 ? { aliases } : {}) };
  }
  const json = JSON.stringify({ version: STAGING_VERSION, packages });
  return [
    '// GENERATED by scripts/generate-protobuf-fields.ts from the generated.proto files and Go types of',
    `// k8s.io/api, k8s.io/apimachinery, k8s.io/apiextensions-apiserver and k8s.io/kube-aggregator ${STAGING_VERSION}; do not edit.`,
    '',
    '/** @internal The protobuf messages of the built-in kinds as compact JSON (read by message-table.ts; format in the generator). */',
    `export const PROTOBUF_FIELDS_JSON =\n  ${JSON.stringify(json)};`,
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = generateProtobufFields();
  writeFileSync(PROTOBUF_FIELDS_FILE, text);
  console.log(`wrote ${text.length} bytes to ${PROTOBUF_FIELDS_FILE}`);
}
