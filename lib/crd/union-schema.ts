// Rewrites untyped anyOf/oneOf/allOf (TypeScript unions and intersections) into structural form.
import { canonical, childPath, deref, isRecord, nonStructural, omit, typeList, type Raw, type WalkContext } from './schema-walk.js';

const ANNOTATIONS = ['description', 'title', '$comment', 'examples', 'example'];
const SCALARS = ['string', 'integer', 'number', 'boolean'];

function branchesOf(node: Raw, keyword: 'anyOf' | 'oneOf' | 'allOf', path: string, ctx: WalkContext): Raw[] {
  const list = node[keyword];
  if (!Array.isArray(list) || list.length === 0) throw nonStructural(path, `${keyword} must be a non-empty list of schemas`);
  return list.map((branch, i) => {
    if (!isRecord(branch)) throw nonStructural(path, `${keyword}[${i}] must be a schema object`);
    return deref(branch, path, ctx).node;
  });
}

function singleType(branch: Raw, path: string, where: string): string | 'null' {
  const { types, withNull } = typeList(branch['type'], path);
  if (types.length === 0 && withNull) return 'null';
  if (types.length === 1 && !withNull) return types[0] ?? '';
  if (types.length === 0 && (isRecord(branch['properties']) || branch['additionalProperties'] !== undefined)) return 'object';
  throw nonStructural(path, `every branch of ${where} needs exactly one type to be made structural`);
}

function enumValues(branch: Raw): unknown[] | undefined {
  if (Array.isArray(branch['enum'])) return branch['enum'] as unknown[];
  if ('const' in branch) return [branch['const']];
  return undefined;
}

function union(values: readonly unknown[][]): unknown[] {
  const seen = new Map<string, unknown>();
  for (const list of values) for (const v of list) seen.set(canonical(v), v);
  return [...seen.values()];
}

/** A branch reduced to its value validations (what a structural junctor may hold). */
function residue(branch: Raw): Raw {
  return omit(branch, 'type', 'nullable', 'default', ...ANNOTATIONS);
}

function mergeProperty(path: string, key: string, schemas: Raw[], where: string): { schema: Raw; discriminator: boolean } {
  const stripped = schemas.map((s) => omit(s, 'nullable', ...ANNOTATIONS));
  const first = schemas[0] ?? {};
  if (stripped.every((s) => canonical(s) === canonical(stripped[0]))) return { schema: omit(first, 'nullable'), discriminator: false };
  const values = schemas.map(enumValues);
  const types = new Set(schemas.map((s) => canonical(s['type'])));
  if (values.every((v) => v !== undefined) && types.size === 1 && SCALARS.includes(String(first['type']))) {
    const schema: Raw = { type: first['type'], enum: union(values as unknown[][]) };
    if (first['description'] !== undefined) schema['description'] = first['description'];
    return { schema, discriminator: true };
  }
  throw nonStructural(childPath(path, key), `the branches of ${where} give this property different schemas; a structural schema has one schema per field`);
}

function hoistObjects(rest: Raw, branches: Raw[], keyword: 'anyOf' | 'oneOf', path: string, ctx: WalkContext): Raw {
  const byKey = new Map<string, Raw[]>();
  for (const branch of branches) {
    const extra = branch['additionalProperties'];
    if (extra !== undefined && extra !== false) {
      throw nonStructural(path, `a ${keyword} of objects with additionalProperties cannot be made structural`);
    }
    const properties = isRecord(branch['properties']) ? branch['properties'] : {};
    for (const [key, schema] of Object.entries(properties)) {
      if (!isRecord(schema)) throw nonStructural(childPath(path, key), 'a property schema must be an object');
      byKey.set(key, [...(byKey.get(key) ?? []), deref(schema, childPath(path, key), ctx).node]);
    }
  }
  const properties: Raw = {};
  const discriminators: string[] = [];
  for (const [key, schemas] of byKey) {
    const merged = mergeProperty(path, key, schemas, keyword);
    properties[key] = merged.schema;
    if (merged.discriminator) discriminators.push(key);
  }
  const requiredOf = (b: Raw): string[] => (Array.isArray(b['required']) ? (b['required'] as unknown[]).map(String) : []);
  const common = requiredOf(branches[0] ?? {}).filter((k) => branches.every((b) => requiredOf(b).includes(k)));
  const residues = branches.map((branch) => {
    const out: Raw = {};
    if (requiredOf(branch).length > 0) out['required'] = requiredOf(branch);
    const own = isRecord(branch['properties']) ? branch['properties'] : {};
    const pinned: Raw = {};
    for (const key of discriminators) {
      const schema = own[key];
      const values = isRecord(schema) ? enumValues(schema) : undefined;
      if (values !== undefined) pinned[key] = { enum: values };
    }
    if (Object.keys(pinned).length > 0) out['properties'] = pinned;
    return out;
  });
  const result: Raw = { ...rest, type: 'object', properties };
  if (common.length > 0) result['required'] = common;
  // A branch with nothing left would match anything: the junctor then says nothing and is dropped.
  if (residues.every((r) => Object.keys(r).length > 0)) result[keyword] = residues;
  return result;
}

/**
 * Turns an untyped `anyOf`/`oneOf` into one typed node, the way kube-rs's
 * `StructuralSchemaRewriter` does: `{type: 'null'}` branches become `nullable`; scalar branches
 * of one type merge their `enum`/`const`s; object branches (TypeScript unions of objects) hoist
 * their properties into the node and keep, per branch, only `required` and the discriminating
 * `enum`s; branches of different types are refused.
 *
 * @throws {CrdError} `NonStructuralSchema` naming `path`.
 * @internal
 */
export function collapseUnion(node: Raw, path: string, ctx: WalkContext): Raw {
  if (node['anyOf'] !== undefined && node['oneOf'] !== undefined) {
    throw nonStructural(path, 'anyOf and oneOf without a type cannot both be made structural');
  }
  const keyword = node['anyOf'] !== undefined ? 'anyOf' : 'oneOf';
  const rest = omit(node, keyword);
  const typed = branchesOf(node, keyword, path, ctx).map((branch) => ({ branch, type: singleType(branch, path, keyword) }));
  const branches = typed.filter((t) => t.type !== 'null');
  if (branches.length < typed.length) rest['nullable'] = true;
  const kinds = new Set(branches.map((t) => (t.type === 'integer' && branches.some((o) => o.type === 'number') ? 'number' : t.type)));
  if (kinds.size !== 1) {
    throw nonStructural(path, `${keyword} mixes the types ${[...kinds].join(', ')}; a structural schema has one type per field (for an integer or a string use intOrString())`);
  }
  const type = [...kinds][0] ?? '';
  const plain = branches.map((t) => t.branch);
  if (SCALARS.includes(type)) {
    const values = plain.map(enumValues);
    if (values.every((v) => v !== undefined)) return { ...rest, type, enum: union(values as unknown[][]) };
    const residues = plain.map((b) => omit(residue(b), 'enum', 'const'));
    return residues.every((r) => Object.keys(r).length > 0) ? { ...rest, type, [keyword]: residues } : { ...rest, type };
  }
  if (type === 'array') {
    const shapes = plain.map((b) => canonical(omit(b, ...ANNOTATIONS)));
    if (shapes.every((s) => s === shapes[0])) return { ...rest, ...omit(plain[0] ?? {}, ...ANNOTATIONS) };
    throw nonStructural(path, `the array branches of ${keyword} differ; a structural schema has one schema per list`);
  }
  return hoistObjects(rest, plain, keyword, path, ctx);
}

/**
 * Turns an untyped `allOf` of object schemas (a TypeScript intersection) into one object:
 * properties united (a property given twice must have the same schema), `required` united.
 *
 * @throws {CrdError} `NonStructuralSchema` naming `path`.
 * @internal
 */
export function mergeAllOf(node: Raw, path: string, ctx: WalkContext): Raw {
  const branches = branchesOf(node, 'allOf', path, ctx);
  const properties: Raw = {};
  const required = new Set<string>();
  for (const branch of branches) {
    if (singleType(branch, path, 'allOf') !== 'object') {
      throw nonStructural(path, 'an allOf without a type can only be made structural when every branch is an object');
    }
    if (branch['additionalProperties'] !== undefined && branch['additionalProperties'] !== false) {
      throw nonStructural(path, 'an allOf of objects with additionalProperties cannot be made structural');
    }
    for (const [key, value] of Object.entries(isRecord(branch['properties']) ? branch['properties'] : {})) {
      if (!isRecord(value)) throw nonStructural(childPath(path, key), 'a property schema must be an object');
      const schema = deref(value, childPath(path, key), ctx).node;
      const seen = properties[key];
      if (seen !== undefined && canonical(omit(seen as Raw, ...ANNOTATIONS)) !== canonical(omit(schema as Raw, ...ANNOTATIONS))) {
        throw nonStructural(childPath(path, key), 'the branches of allOf give this property different schemas');
      }
      properties[key] = seen ?? schema;
    }
    if (Array.isArray(branch['required'])) for (const key of branch['required'] as unknown[]) required.add(String(key));
  }
  const merged: Raw = { ...omit(node, 'allOf'), type: 'object', properties };
  if (required.size > 0) merged['required'] = [...required];
  return merged;
}
