// A small JSONPath evaluator for printer columns (`.status.replicas`, `.items[0].name`, filters).
import { KubeError } from '../../core/index.js';

type Segment =
  | { readonly type: 'field'; readonly name: string }
  | { readonly type: 'index'; readonly index: number }
  | { readonly type: 'wildcard' }
  | { readonly type: 'filter'; readonly path: readonly string[]; readonly op: '==' | '!=' | 'exists'; readonly value: unknown };

/**
 * Evaluates a Kubernetes-style JSONPath (the `jsonPath` of a CRD printer column, without the
 * surrounding braces) against `value` and returns every match, in document order.
 *
 * Supported: `.field`, `['field']`/`["field"]` (for names with dots or slashes), `[n]` (negative
 * counts from the end), `[*]` and `.*`, and filters `[?(@.a.b == "x")]`, `[?(@.a != 1)]`,
 * `[?(@.a)]`. Not supported (they raise `InvalidJsonPath`): recursive descent `..`, slices
 * `[a:b]`, unions `[a,b]`, functions.
 *
 * ## Example
 * ```ts
 * evaluateJsonPath('.status.conditions[?(@.type=="Ready")].status', obj); // ['True']
 * ```
 *
 * @throws {KubeError} `InvalidJsonPath` when the path cannot be parsed.
 */
export function evaluateJsonPath(path: string, value: unknown): unknown[] {
  let current: unknown[] = [value];
  for (const segment of parseJsonPath(path)) {
    const next: unknown[] = [];
    for (const item of current) next.push(...step(segment, item));
    current = next;
  }
  return current;
}

function step(segment: Segment, item: unknown): unknown[] {
  switch (segment.type) {
    case 'field':
      return typeof item === 'object' && item !== null && !Array.isArray(item) && Object.hasOwn(item, segment.name)
        ? [(item as Record<string, unknown>)[segment.name]]
        : [];
    case 'index': {
      if (!Array.isArray(item)) return [];
      const at = segment.index < 0 ? item.length + segment.index : segment.index;
      return at >= 0 && at < item.length ? [item[at]] : [];
    }
    case 'wildcard':
      if (Array.isArray(item)) return item;
      return typeof item === 'object' && item !== null ? Object.values(item) : [];
    case 'filter': {
      if (!Array.isArray(item)) return [];
      return item.filter((element) => {
        let found: unknown[] = [element];
        for (const name of segment.path) found = found.flatMap((v) => step({ type: 'field', name }, v));
        switch (segment.op) {
          case 'exists':
            return found.length > 0;
          case '==':
            return found.length > 0 && found[0] === segment.value;
          case '!=':
            return found.length > 0 && found[0] !== segment.value;
        }
      });
    }
  }
}

/** Parses a path into segments; see {@link evaluateJsonPath} for the grammar. */
export function parseJsonPath(path: string): Segment[] {
  const fail = (why: string): never => {
    throw new KubeError('InvalidJsonPath', `jsonpath ${JSON.stringify(path)}: ${why}`);
  };
  const text = path.trim().replace(/^\{(.*)\}$/s, '$1').replace(/^\$/, '');
  const segments: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      if (text[i + 1] === '.') fail('recursive descent (..) is not supported');
      const match = /^[^.[\]\s]*/.exec(text.slice(i + 1));
      const name = match?.[0] ?? '';
      i += 1 + name.length;
      if (name === '') continue;
      segments.push(name === '*' ? { type: 'wildcard' } : { type: 'field', name });
    } else if (c === '[') {
      const close = findClose(text, i);
      if (close < 0) fail('unterminated [');
      const inner = text.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') segments.push({ type: 'wildcard' });
      else if (/^-?\d+$/.test(inner)) segments.push({ type: 'index', index: Number(inner) });
      else if (/^'(.*)'$|^"(.*)"$/s.test(inner)) segments.push({ type: 'field', name: inner.slice(1, -1).replace(/\\(.)/g, '$1') });
      else if (inner.startsWith('?(') && inner.endsWith(')')) segments.push(parseFilter(inner.slice(2, -1).trim(), fail));
      else fail(`unsupported subscript [${inner}]`);
    } else if (c !== undefined && /\s/.test(c)) {
      i++;
    } else {
      const match = /^[^.[\]\s]+/.exec(text.slice(i));
      const name = match?.[0] ?? fail(`unexpected ${JSON.stringify(c)}`);
      segments.push({ type: 'field', name });
      i += name.length;
    }
  }
  return segments;
}

function findClose(text: string, open: number): number {
  let quote: string | undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0 && c === ']') return i;
    }
  }
  return -1;
}

function parseFilter(expression: string, fail: (why: string) => never): Segment {
  const match = /^@((?:\.[^.\s=!]+)+)\s*(?:(==|!=)\s*(.+))?$/.exec(expression);
  if (match === null) return fail(`unsupported filter ?(${expression})`);
  const path = (match[1] ?? '').split('.').slice(1);
  if (match[2] === undefined) return { type: 'filter', path, op: 'exists', value: undefined };
  const literal = (match[3] ?? '').trim();
  let value: unknown;
  if (/^'.*'$/s.test(literal)) value = literal.slice(1, -1);
  else if (/^".*"$/s.test(literal)) value = JSON.parse(literal) as unknown;
  else if (literal === 'true' || literal === 'false') value = literal === 'true';
  else if (!Number.isNaN(Number(literal))) value = Number(literal);
  else return fail(`unsupported filter value ${literal}`);
  return { type: 'filter', path, op: match[2] as '==' | '!=', value };
}
