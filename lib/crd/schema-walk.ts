// Small shared pieces of the schema translation: records, paths, $ref resolution, type lists, canonical JSON.
import { CrdError } from './crd-error.js';

/** A schema or any JSON object, as read from user input. @internal */
export type Raw = Record<string, unknown>;

/** The translation context: the document `$ref`s resolve against, and the refs being expanded. @internal */
export interface WalkContext {
  readonly root: unknown;
  readonly refs: readonly string[];
}

/** @internal */
export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-structural-schema error at `path`. @internal */
export function nonStructural(path: string, message: string): CrdError {
  return new CrdError('NonStructuralSchema', path === '' ? '<root>' : path, message);
}

/** `spec` + `replicas` → `spec.replicas`; odd keys use Kubernetes' `[key]` notation. @internal */
export function childPath(path: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** The path of every array item or map value below `path`. @internal */
export function itemsPath(path: string): string {
  return `${path}[*]`;
}

/** `type` as a list (`'string'` → `['string']`, absent → `[]`), plus whether `'null'` was in it. @internal */
export function typeList(type: unknown, path: string): { types: string[]; withNull: boolean } {
  if (type === undefined) return { types: [], withNull: false };
  const list = Array.isArray(type) ? type : [type];
  if (!list.every((t): t is string => typeof t === 'string')) throw nonStructural(path, `type must be a string or a list of strings`);
  const known = ['string', 'integer', 'number', 'boolean', 'object', 'array', 'null'];
  for (const t of list) if (!known.includes(t)) throw nonStructural(path, `unknown type ${JSON.stringify(t)}`);
  return { types: [...new Set(list.filter((t) => t !== 'null'))], withNull: list.includes('null') };
}

/** JSON with sorted keys, to compare schemas and values structurally. @internal */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** `value` without the given keys. @internal */
export function omit(value: Raw, ...keys: string[]): Raw {
  const out: Raw = {};
  for (const [k, v] of Object.entries(value)) if (!keys.includes(k)) out[k] = v;
  return out;
}

function resolvePointer(root: unknown, ref: string, path: string): unknown {
  if (!ref.startsWith('#')) throw nonStructural(path, `$ref ${JSON.stringify(ref)} is not local; only "#/..." references can be inlined`);
  const pointer = ref.slice(1);
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) throw nonStructural(path, `$ref ${JSON.stringify(ref)} is not a JSON pointer`);
  let node: unknown = root;
  for (const segment of pointer.slice(1).split('/')) {
    const key = decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : isRecord(node) ? node[key] : undefined;
    if (node === undefined) throw nonStructural(path, `$ref ${JSON.stringify(ref)} points nowhere`);
  }
  return node;
}

/**
 * Inlines `$ref` (CRDs forbid it): the target merged with the node's sibling keywords, as ajv 8
 * applies them. A reference cycle is refused: a CRD schema cannot be recursive.
 * @internal
 */
export function deref(raw: Raw, path: string, ctx: WalkContext): { node: Raw; ctx: WalkContext } {
  let node = raw;
  let refs = ctx.refs;
  while (typeof node['$ref'] === 'string') {
    const ref = node['$ref'];
    if (refs.includes(ref)) {
      throw nonStructural(path, `$ref ${JSON.stringify(ref)} is recursive; a CRD schema cannot describe recursive types (use preserveUnknownFields() below some depth)`);
    }
    const target = resolvePointer(ctx.root, ref, path);
    if (target === true) return { node: { ...omit(node, '$ref'), 'x-kubernetes-preserve-unknown-fields': true }, ctx: { root: ctx.root, refs } };
    if (!isRecord(target)) throw nonStructural(path, `$ref ${JSON.stringify(ref)} does not point at a schema`);
    node = { ...target, ...omit(node, '$ref') };
    refs = [...refs, ref];
  }
  if (node['$ref'] !== undefined) throw nonStructural(path, '$ref must be a string');
  return { node, ctx: refs === ctx.refs ? ctx : { root: ctx.root, refs } };
}
