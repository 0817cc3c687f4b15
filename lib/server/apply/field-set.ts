// Sets of field paths and their FieldsV1 encoding (`f:`, `k:`, `v:`, `i:` and `.`), as in structured-merge-diff.
import { isJsonObject } from '../patch/json-value.js';

/**
 * One step of a field path, in FieldsV1 spelling: `f:<field>` (a struct field or map key),
 * `k:<json>` (a map-list item by its keys, fields sorted), `v:<json>` (a set member), `i:<n>`
 * (a list index).
 */
export type PathElement = string;

/** A field path from the object root. */
export type FieldPath = readonly PathElement[];

/** `f:<name>`. */
export const fieldElement = (name: string): PathElement => `f:${name}`;
/** `k:{"name":"x"}` with the key fields sorted by name, as structured-merge-diff serializes them. */
export const keyElement = (keys: Readonly<Record<string, unknown>>): PathElement =>
  `k:${JSON.stringify(Object.fromEntries(Object.entries(keys).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))}`;
/** `v:<json>` for a member of a set. */
export const valueElement = (value: unknown): PathElement => `v:${JSON.stringify(value)}`;
/** `i:<n>`. */
export const indexElement = (at: number): PathElement => `i:${at}`;

/**
 * A path as structured-merge-diff prints it in conflicts: `.spec.replicas`,
 * `.spec.containers[name="nginx"].image`, `.metadata.finalizers[="x"]`, `.items[0]`.
 */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const element of path) {
    const body = element.slice(2);
    switch (element.slice(0, 2)) {
      case 'f:':
        out += `.${body}`;
        break;
      case 'k:': {
        const keys = JSON.parse(body) as Record<string, unknown>;
        out += `[${Object.entries(keys)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
        break;
      }
      case 'v:':
        out += `[=${body}]`;
        break;
      default:
        out += `[${body}]`;
    }
  }
  return out;
}

const SEPARATOR = '\u0000';

/**
 * An immutable set of field paths (structured-merge-diff `fieldpath.Set`). Membership is per
 * path: `{spec.a}` does not contain `spec` or `spec.a.b`.
 */
export class FieldSet {
  readonly #paths: ReadonlyMap<string, FieldPath>;

  constructor(paths: Iterable<FieldPath> = []) {
    const map = new Map<string, FieldPath>();
    for (const path of paths) if (path.length > 0) map.set(path.join(SEPARATOR), [...path]);
    this.#paths = map;
  }

  /** The empty set. */
  static readonly EMPTY = new FieldSet();

  /** Decodes a `managedFields[].fieldsV1` trie. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const paths: FieldPath[] = [];
    const visit = (node: unknown, prefix: FieldPath): void => {
      if (!isJsonObject(node)) return;
      const entries = Object.entries(node);
      if (prefix.length > 0 && (entries.length === 0 || Object.hasOwn(node, '.'))) paths.push(prefix);
      for (const [element, child] of entries) if (element !== '.') visit(child, [...prefix, element]);
    };
    visit(fields, []);
    return new FieldSet(paths);
  }

  /** Encodes as a FieldsV1 trie: leaves `{}`, a member with children gets `".": {}`. */
  toFieldsV1(): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    for (const path of this.paths()) {
      let node = root;
      for (const element of path) {
        node[element] ??= {};
        node = node[element] as Record<string, unknown>;
      }
      node['.'] = {};
    }
    const finish = (node: Record<string, unknown>): Record<string, unknown> => {
      const keys = Object.keys(node).filter((k) => k !== '.');
      if (keys.length === 0) return {};
      const out: Record<string, unknown> = Object.hasOwn(node, '.') ? { '.': {} } : {};
      for (const key of keys.sort()) out[key] = finish(node[key] as Record<string, unknown>);
      return out;
    };
    return finish(root);
  }

  /** Every path, in sorted order. */
  paths(): FieldPath[] {
    return [...this.#paths.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, path]) => path);
  }

  get size(): number {
    return this.#paths.size;
  }

  isEmpty(): boolean {
    return this.#paths.size === 0;
  }

  has(path: FieldPath): boolean {
    return this.#paths.has(path.join(SEPARATOR));
  }

  /** True when some member starts with `prefix` (or is it). */
  hasPrefix(prefix: FieldPath): boolean {
    if (prefix.length === 0) return !this.isEmpty();
    const key = prefix.join(SEPARATOR);
    for (const other of this.#paths.keys()) if (other === key || other.startsWith(key + SEPARATOR)) return true;
    return false;
  }

  union(other: FieldSet): FieldSet {
    return new FieldSet([...this.#paths.values(), ...other.#paths.values()]);
  }

  difference(other: FieldSet): FieldSet {
    return new FieldSet([...this.#paths.entries()].filter(([key]) => !other.#paths.has(key)).map(([, path]) => path));
  }

  intersection(other: FieldSet): FieldSet {
    return new FieldSet([...this.#paths.entries()].filter(([key]) => other.#paths.has(key)).map(([, path]) => path));
  }

  /** Removes the members of `other` and everything below them. */
  recursiveDifference(other: FieldSet): FieldSet {
    const prefixes = [...other.#paths.keys()];
    return new FieldSet([...this.#paths.entries()].filter(([key]) => !prefixes.some((p) => key === p || key.startsWith(p + SEPARATOR))).map(([, path]) => path));
  }

  equals(other: FieldSet): boolean {
    return this.size === other.size && [...this.#paths.keys()].every((key) => other.#paths.has(key));
  }
}
