// Reads the JSON shape of Go structs from Kubernetes' API sources: each field's json name, omitempty and Go type.
//
// Only what encoding/json needs to decide whether a field is written when it holds its zero value:
// the `json:"name,omitempty"` tag, whether the Go type is a pointer, slice or map (nil: omitted or
// `null`) or a value (scalar zero, or a struct that is always written), and inline embedding.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goModuleDir, kubernetesModuleOf } from './go-modules.js';

/** One JSON field of a Go struct. */
export interface GoField {
  /** The Go type as written, e.g. `*int32`, `[]Container`, `metav1.ObjectMeta`. */
  readonly goType: string;
  readonly omitempty: boolean;
  /** The package the type expression is written in (to resolve unqualified and qualified names). */
  readonly importPath: string;
}

interface RawField {
  readonly name: string | undefined;
  readonly goType: string;
  readonly tag: string;
}

interface GoPackage {
  readonly structs: Map<string, RawField[]>;
  /** Import aliases of the package's files (`metav1` → `k8s.io/apimachinery/pkg/apis/meta/v1`). */
  readonly imports: Map<string, string>;
  /** Types with a `MarshalJSON` method. */
  readonly marshalers: Set<string>;
}

const packages = new Map<string, GoPackage>();

function packageDir(importPath: string): string {
  const { module, version, subdir } = kubernetesModuleOf(importPath);
  return join(goModuleDir(module, version), subdir);
}

function parseImports(source: string, imports: Map<string, string>): void {
  const block = /^import\s*\(([\s\S]*?)^\)/m.exec(source)?.[1] ?? '';
  const singles = [...source.matchAll(/^import\s+(\w+\s+)?"([^"]+)"/gm)].map((m) => `${m[1] ?? ''}"${m[2]}"`);
  for (const line of [...block.split('\n'), ...singles]) {
    const match = /^\s*(\w+\s+)?"([^"]+)"/.exec(line);
    if (match === null) continue;
    const path = match[2] as string;
    const alias = match[1]?.trim() ?? path.slice(path.lastIndexOf('/') + 1);
    imports.set(alias, path);
  }
}

function parseStructs(source: string, structs: Map<string, RawField[]>): void {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const empty = /^type (\w+) struct\s*\{\s*\}/.exec(lines[i] as string);
    if (empty !== null) {
      structs.set(empty[1] as string, []);
      continue;
    }
    const head = /^type (\w+) struct \{\s*$/.exec(lines[i] as string);
    if (head === null) continue;
    const fields: RawField[] = [];
    let depth = 1;
    for (i += 1; i < lines.length && depth > 0; i += 1) {
      const line = (lines[i] as string).trim();
      if (line === '' || line.startsWith('//')) continue;
      if (line.startsWith('/*')) {
        while (i < lines.length && !(lines[i] as string).includes('*/')) i += 1;
        continue;
      }
      if (line === '}') {
        depth -= 1;
        continue;
      }
      if (/\{\s*(\/\/.*)?$/.test(line) && !line.includes('`')) depth += 1;
      if (depth > 1) continue;
      const match = /^(?:(\w+)\s+)?([^\s`]+)\s*(?:`([^`]*)`)?/.exec(line);
      if (match === null) continue;
      fields.push({ name: match[1], goType: match[2] as string, tag: match[3] ?? '' });
    }
    i -= 1;
    structs.set(head[1] as string, fields);
  }
}

function load(importPath: string): GoPackage {
  const cached = packages.get(importPath);
  if (cached !== undefined) return cached;
  const dir = packageDir(importPath);
  const pkg: GoPackage = { structs: new Map(), imports: new Map(), marshalers: new Set() };
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.go') || file.endsWith('_test.go') || file.startsWith('zz_generated') || file === 'generated.pb.go') continue;
    const source = readFileSync(join(dir, file), 'utf8');
    parseImports(source, pkg.imports);
    parseStructs(source, pkg.structs);
    for (const m of source.matchAll(/^func \(\w+ \*?(\w+)\) MarshalJSON\(\)/gm)) pkg.marshalers.add(m[1] as string);
  }
  packages.set(importPath, pkg);
  return pkg;
}

/** Splits `metav1.ObjectMeta` (or `*metav1.ObjectMeta`) into the package and type it names, seen from `importPath`. */
export function resolveNamedType(importPath: string, goType: string): { readonly importPath: string; readonly name: string } | undefined {
  const bare = goType.replace(/^\*/, '');
  const match = /^(?:(\w+)\.)?(\w+)$/.exec(bare);
  if (match === null) return undefined;
  if (match[1] === undefined) return { importPath, name: match[2] as string };
  const target = load(importPath).imports.get(match[1]);
  return target === undefined ? undefined : { importPath: target, name: match[2] as string };
}

/** Whether a named type has a `MarshalJSON` method (its JSON form is its own). */
export function hasMarshalJSON(importPath: string, name: string): boolean {
  return load(importPath).marshalers.has(name);
}

/**
 * The JSON fields of a Go struct, inline embeddings expanded, keyed by json name; `undefined`
 * when the package declares no such struct.
 */
export function goStructFields(importPath: string, name: string): Map<string, GoField> | undefined {
  const raw = load(importPath).structs.get(name);
  if (raw === undefined) return undefined;
  const fields = new Map<string, GoField>();
  for (const field of raw) {
    const json = /(?:^|\s)json:"([^"]*)"/.exec(field.tag)?.[1];
    const [jsonName = '', ...options] = (json ?? '').split(',');
    if (jsonName === '-') continue;
    const embedded = field.name === undefined;
    if (embedded && jsonName === '') {
      const target = resolveNamedType(importPath, field.goType);
      const inner = target === undefined ? undefined : goStructFields(target.importPath, target.name);
      if (inner === undefined) throw new Error(`cannot inline ${field.goType} into ${importPath}.${name}`);
      for (const [key, value] of inner) fields.set(key, value);
      continue;
    }
    const key = jsonName !== '' ? jsonName : (field.name ?? field.goType.replace(/^.*\./, ''));
    fields.set(key, { goType: field.goType, omitempty: options.includes('omitempty'), importPath });
  }
  return fields;
}
