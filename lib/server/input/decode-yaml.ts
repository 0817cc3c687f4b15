// Decodes a YAML request body as kube-apiserver's sigs.k8s.io/yaml does, with its depth and alias limits bounded first.
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, type CST, type Document, type Node, type Tags } from 'yaml';
import { InputError } from './input-error.js';
import { jsonSyntaxError } from './json-syntax.js';
import { MAX_NESTING_DEPTH } from './nesting-limit.js';
import { yamlTooDeep } from './yaml-nesting.js';

/** go-yaml's rule against alias bombs: the share of decoded nodes reached through aliases it allows. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

/** go-yaml v2 resolves YAML 1.1 scalars (`yes`, `on`, `0777`) but neither timestamps nor `1:30` sexagesimals. */
function goYamlTags(tags: Tags): Tags {
  return tags.filter((tag) =>
    typeof tag === 'string' ? !['timestamp', 'intTime', 'floatTime'].includes(tag) : tag.format !== 'TIME' && tag.tag !== 'tag:yaml.org,2002:timestamp',
  );
}

const COMPOSE_OPTIONS = { version: '1.1', merge: true, uniqueKeys: false, customTags: goYamlTags, intAsBigInt: false } as const;

/** go-yaml's way of naming a position: `line N: ` from the second line on, nothing on the first. */
function wherePrefix(text: string, offset: number): string {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line > 1 ? `line ${line}: ` : '';
}

function tooDeep(where: string, maxDepth: number): InputError {
  return new InputError('TooDeep', 'yaml', `yaml: ${where}exceeded max depth of ${maxDepth}`);
}

/** The deepest collection in a CST document, walked without recursion; with the offset of the first one past `maxDepth`. */
function cstTooDeep(document: CST.Token, maxDepth: number): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = [{ token: document, depth: 0 }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { token, depth } = entry;
    switch (token.type) {
      case 'document':
        if (token.value !== undefined) stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (depth + 1 > maxDepth) return token.offset;
        for (const item of token.items) {
          if (item.key !== undefined && item.key !== null) stack.push({ token: item.key, depth: depth + 1 });
          if (item.value !== undefined) stack.push({ token: item.value, depth: depth + 1 });
        }
        break;
      default:
        break;
    }
  }
  return undefined;
}

/**
 * Counts the nodes go-yaml would decode, in its order, expanding aliases, and refuses the
 * document the way go-yaml does: more than 100 aliased nodes among more than 1000 with too
 * high a share of them reached through aliases, or an alias inside the node it names.
 */
function checkAliasing(document: Document): void {
  type Frame = { node: unknown; aliased: boolean; anchors: readonly Node[] };
  let decodeCount = 1;
  let aliasCount = 0;
  const stack: Frame[] = [{ node: document.contents, aliased: false, anchors: [] }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { node, aliased, anchors } = frame;
    if (node === null || node === undefined) continue;
    decodeCount += 1;
    if (aliased) aliasCount += 1;
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
      throw new InputError('Aliasing', 'yaml', 'yaml: document contains excessive aliasing');
    }
    let children: readonly unknown[] = [];
    let next = anchors;
    if (isAlias(node)) {
      const target = node.resolve(document);
      if (target === undefined) throw new InputError('Syntax', 'yaml', `yaml: unknown anchor '${node.source}' referenced`);
      if (anchors.includes(target)) throw new InputError('Aliasing', 'yaml', `yaml: anchor '${node.source}' value contains itself`);
      stack.push({ node: target, aliased: true, anchors: [...anchors, target] });
      continue;
    }
    if (isMap(node)) {
      const pairs: unknown[] = [];
      for (const pair of node.items) pairs.push(pair.key, pair.value);
      children = pairs;
    } else if (isSeq(node)) {
      children = node.items;
    } else if (isPair(node)) {
      children = [node.key, node.value];
    }
    if (children.length > 0 && (node as { anchor?: string }).anchor !== undefined) next = [...anchors, node as Node];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], aliased, anchors: next });
  }
}

/**
 * The JSON value of a YAML value: byte strings (`!!binary`) become text, and a number JSON
 * cannot carry is refused as Go's encoder refuses it. Aliases shared one object in several
 * places; the copy is a tree. Walked without recursion, with the depth checked again (an
 * alias can nest a deep node inside another).
 */
function toJsonValue(value: unknown, maxDepth: number): unknown {
  const root: Record<string, unknown> = { value: undefined };
  const stack: { source: unknown; parent: Record<string, unknown> | unknown[]; key: string | number; depth: number }[] = [
    { source: value, parent: root, key: 'value', depth: 0 },
  ];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { source, parent, key: at, depth } = entry;
    const set = (v: unknown): void => {
      (parent as Record<string | number, unknown>)[at] = v;
    };
    if (typeof source === 'number' && !Number.isFinite(source)) {
      throw new InputError('Unsupported', 'yaml', `json: unsupported value: ${Number.isNaN(source) ? 'NaN' : source > 0 ? '+Inf' : '-Inf'}`);
    }
    if (source instanceof Uint8Array) {
      set(Buffer.from(source.buffer, source.byteOffset, source.length).toString('utf8'));
      continue;
    }
    if (typeof source !== 'object' || source === null) {
      set(source);
      continue;
    }
    if (depth + 1 > maxDepth) throw new InputError('TooDeep', 'yaml', `yaml: exceeded max depth of ${maxDepth}`);
    if (Array.isArray(source)) {
      const copy: unknown[] = new Array<unknown>(source.length);
      set(copy);
      for (let i = source.length - 1; i >= 0; i--) stack.push({ source: source[i], parent: copy, key: i, depth: depth + 1 });
      continue;
    }
    // Keys are defined first, in order (`__proto__` as an own key), and filled as the walk reaches them.
    const copy: Record<string, unknown> = {};
    set(copy);
    for (const key of Object.keys(source)) {
      Object.defineProperty(copy, key, { value: undefined, writable: true, enumerable: true, configurable: true });
      stack.push({ source: (source as Record<string, unknown>)[key], parent: copy, key, depth: depth + 1 });
    }
  }
  return root['value'];
}

/**
 * A request body parsed as YAML, the way kube-apiserver's `sigs.k8s.io/yaml` reads it
 * (go-yaml v2: YAML 1.1 scalars such as `yes`, merge keys, duplicate keys allowed, the first
 * document only), bounded before anything recursive runs:
 *
 * 1. a byte scan refuses flow collections and compact entries nested past `maxDepth`;
 * 2. the parser builds its syntax tree (without recursion) and the tree's depth is checked;
 * 3. the tree is composed, aliases are counted as go-yaml counts them (alias bombs and
 *    self-referencing anchors refused), and the value is copied out as plain JSON.
 *
 * A body that is JSON (as `kubectl apply --server-side` sends) is read as JSON after the same
 * byte scan that bounds JSON bodies.
 *
 * Errors carry go-yaml's wording where it has one (`yaml: line 5: exceeded max depth of 256`,
 * `yaml: document contains excessive aliasing`, `yaml: unknown anchor 'x' referenced`); for
 * other syntax errors the `yaml` package's own message follows `yaml: line N: `.
 *
 * @returns the value; `null` for an empty document.
 * @throws {InputError} `Syntax`, `TooDeep`, `Aliasing` or `Unsupported`.
 */
export function decodeYaml(body: Uint8Array, maxDepth: number = MAX_NESTING_DEPTH): unknown {
  const text = Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8');
  // JSON is YAML, and what kubectl sends as an apply patch: read it as JSON, a hundred times faster.
  if (/^[ \t\r\n]*[[{]/.test(text.slice(0, 64)) && jsonSyntaxError(body, maxDepth) === undefined) return JSON.parse(text);
  const scanned = yamlTooDeep(text, maxDepth);
  if (scanned !== undefined) throw tooDeep(scanned.line > 1 ? `line ${scanned.line}: ` : '', maxDepth);
  const tokens: CST.Token[] = [];
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document') {
      const deep = cstTooDeep(token, maxDepth);
      if (deep !== undefined) throw tooDeep(wherePrefix(text, deep), maxDepth);
      tokens.push(token);
      break;
    }
    tokens.push(token);
  }
  const composer = new Composer(COMPOSE_OPTIONS);
  let document: Document | undefined;
  for (const doc of composer.compose(tokens, true, text.length)) {
    document ??= doc as unknown as Document;
  }
  if (document === undefined) return null;
  const [error] = document.errors;
  if (error !== undefined) {
    const first = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError('Syntax', 'yaml', `yaml: ${wherePrefix(text, error.pos[0])}${first}`);
  }
  checkAliasing(document);
  if (isScalar(document.contents) && document.contents.value === null) return null;
  return toJsonValue(document.toJS({ maxAliasCount: -1 }), maxDepth);
}
