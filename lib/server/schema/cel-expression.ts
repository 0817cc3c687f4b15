// A small CEL interpreter: the subset of expressions CRD validation rules commonly use.
import { KubeError } from '../../core/index.js';
import { isJsonObject, jsonEqual } from '../patch/json-value.js';

type Node =
  | { readonly t: 'lit'; readonly v: unknown }
  | { readonly t: 'id'; readonly name: string }
  | { readonly t: 'sel'; readonly on: Node; readonly field: string }
  | { readonly t: 'idx'; readonly on: Node; readonly at: Node }
  | { readonly t: 'call'; readonly on: Node | undefined; readonly fn: string; readonly args: readonly Node[] }
  | { readonly t: 'un'; readonly op: '!' | '-'; readonly arg: Node }
  | { readonly t: 'bin'; readonly op: string; readonly l: Node; readonly r: Node }
  | { readonly t: 'cond'; readonly c: Node; readonly a: Node; readonly b: Node }
  | { readonly t: 'list'; readonly items: readonly Node[] }
  | { readonly t: 'map'; readonly entries: readonly (readonly [Node, Node])[] };

/** A parsed CEL expression, ready to evaluate against variable bindings. */
export interface CelProgram {
  /** The source text. */
  readonly source: string;
  /** True when the expression mentions `oldSelf` (a transition rule, evaluated on update only). */
  readonly usesOldSelf: boolean;
  /** Evaluates with `self`, `oldSelf`, ... bound. @throws {CelError} `EvaluationFailed`. */
  evaluate(bindings: Readonly<Record<string, unknown>>): unknown;
}

/** Why a CEL expression could not be used. */
export type CelErrorReason = 'UnsupportedExpression' | 'EvaluationFailed';

/** A CEL expression outside the supported subset, or a runtime error (`no such key: x`). */
export class CelError extends KubeError<CelErrorReason> {
  override name = 'CelError' as const;
}

/**
 * Parses a CEL expression of the supported subset:
 * - literals: integers, doubles, single/double-quoted strings, `true`, `false`, `null`, lists
 *   `[a, b]`, maps `{'k': v}`;
 * - variables (`self`, `oldSelf`, macro variables), field selection `a.b`, indexing `a[0]`,
 *   `a['key']`;
 * - operators: `!`, unary `-`, `* / %`, `+ -` (numbers, string and list concatenation),
 *   `< <= > >=`, `== !=` (deep equality), `in` (list membership, map keys), `&&`, `||` (with
 *   CEL's error-absorbing short circuit), `c ? a : b`;
 * - macros `has(a.b)`, `l.all(x, p)`, `l.exists(x, p)`, `l.exists_one(x, p)`, `l.map(x, e)`,
 *   `l.filter(x, p)` (lists, and maps over their keys);
 * - functions `size(x)`/`x.size()`, `s.startsWith(p)`, `s.endsWith(p)`, `s.contains(p)`,
 *   `s.matches(re)`, `s.lowerAscii()`, `s.upperAscii()`, `s.trim()`, `int(x)`, `double(x)`,
 *   `string(x)`, `l.isSorted()`, `l.sum()`, `l.min()`, `l.max()`, `l.indexOf(x)`.
 * Not supported (refused with `UnsupportedExpression`): timestamps and durations, `type()`,
 * optionals (`?.`, `optionalOldSelf`), quantity/url/ip libraries, bytes, unsigned literals.
 *
 * @throws {CelError} `UnsupportedExpression` when the text is outside the subset.
 */
export function parseCel(source: string): CelProgram {
  const tokens = tokenize(source);
  const parser = new Parser(tokens, source);
  const ast = parser.expression();
  parser.expectEnd();
  const usesOldSelf = mentions(ast, 'oldSelf');
  return { source, usesOldSelf, evaluate: (bindings) => evaluate(ast, bindings) };
}

function mentions(node: Node, name: string): boolean {
  switch (node.t) {
    case 'lit':
      return false;
    case 'id':
      return node.name === name;
    case 'sel':
      return mentions(node.on, name);
    case 'idx':
      return mentions(node.on, name) || mentions(node.at, name);
    case 'call':
      return (node.on !== undefined && mentions(node.on, name)) || node.args.some((a) => mentions(a, name));
    case 'un':
      return mentions(node.arg, name);
    case 'bin':
      return mentions(node.l, name) || mentions(node.r, name);
    case 'cond':
      return mentions(node.c, name) || mentions(node.a, name) || mentions(node.b, name);
    case 'list':
      return node.items.some((i) => mentions(i, name));
    case 'map':
      return node.entries.some(([k, v]) => mentions(k, name) || mentions(v, name));
  }
}

// ---------------------------------------------------------------- tokens

type Token = { readonly kind: 'num' | 'str' | 'id' | 'op'; readonly text: string; readonly value?: unknown };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const unsupported = (why: string): never => {
    throw new CelError('UnsupportedExpression', `cel expression ${JSON.stringify(source)}: ${why}`);
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space !== null) {
      i += space[0].length;
      continue;
    }
    const number = /^(?:\d+\.\d*(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|0x[0-9a-fA-F]+|\d+)(u|U)?/.exec(rest);
    if (number !== null) {
      if (number[1] !== undefined) unsupported('unsigned integers are not supported');
      tokens.push({ kind: 'num', text: number[0], value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const string = /^(r|R)?('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")/.exec(rest);
    if (string !== null) {
      const raw = string[1] !== undefined;
      const body = string[2] ?? '';
      const quote = body.startsWith("'''") || body.startsWith('"""') ? 3 : 1;
      const inner = body.slice(quote, -quote);
      tokens.push({ kind: 'str', text: string[0], value: raw ? inner : unescape(inner, unsupported) });
      i += string[0].length;
      continue;
    }
    const identifier = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (identifier !== null) {
      tokens.push({ kind: 'id', text: identifier[0] });
      i += identifier[0].length;
      continue;
    }
    const operator = /^(?:&&|\|\||==|!=|<=|>=|\?\.|[-+*/%<>!?:.,()[\]{}])/.exec(rest);
    if (operator === null) return unsupported(`unexpected ${JSON.stringify(rest[0])}`);
    if (operator[0] === '?.') unsupported('optional field selection is not supported');
    tokens.push({ kind: 'op', text: operator[0] });
    i += operator[0].length;
  }
  return tokens;
}

function unescape(text: string, unsupported: (why: string) => never): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    if (e.startsWith('u') || e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', '?': '?', a: '\x07', b: '\b', f: '\f', v: '\v' };
    return simple[e] ?? unsupported(`unknown escape \\${e}`);
  });
}

// ---------------------------------------------------------------- parser

const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  in: 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
};

class Parser {
  #at = 0;
  readonly #tokens: Token[];
  readonly #source: string;

  constructor(tokens: Token[], source: string) {
    this.#tokens = tokens;
    this.#source = source;
  }

  fail(why: string): never {
    throw new CelError('UnsupportedExpression', `cel expression ${JSON.stringify(this.#source)}: ${why}`);
  }

  peek(): Token | undefined {
    return this.#tokens[this.#at];
  }

  take(text?: string): Token {
    const token = this.#tokens[this.#at];
    if (token === undefined) return this.fail(text === undefined ? 'unexpected end' : `expected ${text} at the end`);
    if (text !== undefined && token.text !== text) this.fail(`expected ${text}, found ${token.text}`);
    this.#at++;
    return token;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token !== undefined) this.fail(`unexpected ${token.text}`);
  }

  expression(): Node {
    const condition = this.binary(1);
    if (this.peek()?.text !== '?') return condition;
    this.take('?');
    const a = this.expression();
    this.take(':');
    const b = this.expression();
    return { t: 'cond', c: condition, a, b };
  }

  binary(minimum: number): Node {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      const precedence = token === undefined ? undefined : BINARY_PRECEDENCE[token.text];
      if (token === undefined || precedence === undefined || precedence < minimum || (token.kind === 'id' && token.text !== 'in')) return left;
      this.take();
      const right = this.binary(precedence + 1);
      left = { t: 'bin', op: token.text, l: left, r: right };
    }
  }

  unary(): Node {
    const token = this.peek();
    if (token?.text === '!' || token?.text === '-') {
      this.take();
      return { t: 'un', op: token.text, arg: this.unary() };
    }
    return this.postfix(this.primary());
  }

  postfix(node: Node): Node {
    let current = node;
    for (;;) {
      const token = this.peek();
      if (token?.text === '.') {
        this.take();
        const name = this.take();
        if (name.kind !== 'id') this.fail(`expected a field name after ., found ${name.text}`);
        if (this.peek()?.text === '(') current = { t: 'call', on: current, fn: name.text, args: this.arguments() };
        else current = { t: 'sel', on: current, field: name.text };
      } else if (token?.text === '[') {
        this.take();
        const at = this.expression();
        this.take(']');
        current = { t: 'idx', on: current, at };
      } else {
        return current;
      }
    }
  }

  arguments(): Node[] {
    this.take('(');
    const args: Node[] = [];
    while (this.peek()?.text !== ')') {
      args.push(this.expression());
      if (this.peek()?.text !== ')') this.take(',');
    }
    this.take(')');
    return args;
  }

  primary(): Node {
    const token = this.take();
    switch (token.kind) {
      case 'num':
      case 'str':
        return { t: 'lit', v: token.value };
      case 'id':
        if (token.text === 'true' || token.text === 'false') return { t: 'lit', v: token.text === 'true' };
        if (token.text === 'null') return { t: 'lit', v: null };
        if (this.peek()?.text === '(') return { t: 'call', on: undefined, fn: token.text, args: this.arguments() };
        return { t: 'id', name: token.text };
      case 'op':
        if (token.text === '(') {
          const inner = this.expression();
          this.take(')');
          return inner;
        }
        if (token.text === '[') {
          const items: Node[] = [];
          while (this.peek()?.text !== ']') {
            items.push(this.expression());
            if (this.peek()?.text !== ']') this.take(',');
          }
          this.take(']');
          return { t: 'list', items };
        }
        if (token.text === '{') {
          const entries: [Node, Node][] = [];
          while (this.peek()?.text !== '}') {
            const k = this.expression();
            this.take(':');
            entries.push([k, this.expression()]);
            if (this.peek()?.text !== '}') this.take(',');
          }
          this.take('}');
          return { t: 'map', entries };
        }
        return this.fail(`unexpected ${token.text}`);
    }
  }
}

// ---------------------------------------------------------------- evaluation

function fail(why: string): never {
  throw new CelError('EvaluationFailed', why);
}

const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

function evaluate(node: Node, env: Readonly<Record<string, unknown>>): unknown {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'id':
      return Object.hasOwn(env, node.name) ? env[node.name] : fail(`undeclared reference to '${node.name}'`);
    case 'sel': {
      const on = evaluate(node.on, env);
      if (!isJsonObject(on)) return fail(`no such key: ${node.field}`);
      return Object.hasOwn(on, node.field) ? on[node.field] : fail(`no such key: ${node.field}`);
    }
    case 'idx': {
      const on = evaluate(node.on, env);
      const at = evaluate(node.at, env);
      if (Array.isArray(on)) {
        if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= on.length) return fail(`index out of bounds: ${String(at)}`);
        return on[at];
      }
      if (isJsonObject(on) && typeof at === 'string') return Object.hasOwn(on, at) ? on[at] : fail(`no such key: ${at}`);
      return fail('no such overload for index');
    }
    case 'un': {
      const value = evaluate(node.arg, env);
      if (node.op === '!') return typeof value === 'boolean' ? !value : fail("no such overload for '!'");
      return typeof value === 'number' ? -value : fail("no such overload for '-'");
    }
    case 'cond': {
      const c = evaluate(node.c, env);
      if (typeof c !== 'boolean') return fail('no matching overload for ternary condition');
      return evaluate(c ? node.a : node.b, env);
    }
    case 'list':
      return node.items.map((i) => evaluate(i, env));
    case 'map':
      return Object.fromEntries(node.entries.map(([k, v]) => [String(evaluate(k, env)), evaluate(v, env)]));
    case 'bin':
      return binary(node, env);
    case 'call':
      return call(node, env);
  }
}

function binary(node: Extract<Node, { t: 'bin' }>, env: Readonly<Record<string, unknown>>): unknown {
  if (node.op === '&&' || node.op === '||') {
    // CEL's commutative logic: an error on one side is absorbed when the other side decides.
    const decisive = node.op === '||';
    let leftError: unknown;
    let left: unknown;
    try {
      left = evaluate(node.l, env);
      if (left === decisive) return decisive;
    } catch (error) {
      leftError = error;
    }
    const right = evaluate(node.r, env);
    if (right === decisive) return decisive;
    if (leftError !== undefined) throw leftError;
    if (typeof left !== 'boolean' || typeof right !== 'boolean') return fail(`no such overload for '${node.op}'`);
    return !decisive;
  }
  const l = evaluate(node.l, env);
  const r = evaluate(node.r, env);
  switch (node.op) {
    case '==':
      return jsonEqual(l, r);
    case '!=':
      return !jsonEqual(l, r);
    case 'in':
      if (Array.isArray(r)) return r.some((item) => jsonEqual(item, l));
      if (isJsonObject(r) && typeof l === 'string') return Object.hasOwn(r, l);
      return fail("no such overload for 'in'");
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (!((typeof l === 'number' && typeof r === 'number') || (typeof l === 'string' && typeof r === 'string') || (typeof l === 'boolean' && typeof r === 'boolean'))) {
        return fail(`no such overload for '${node.op}'`);
      }
      return node.op === '<' ? l < r : node.op === '<=' ? l <= r : node.op === '>' ? l > r : l >= r;
    }
    case '+':
      if (typeof l === 'number' && typeof r === 'number') return l + r;
      if (typeof l === 'string' && typeof r === 'string') return l + r;
      if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
      return fail("no such overload for '+'");
    case '-':
    case '*':
    case '/':
    case '%': {
      if (typeof l !== 'number' || typeof r !== 'number') return fail(`no such overload for '${node.op}'`);
      if (node.op === '-') return l - r;
      if (node.op === '*') return l * r;
      const integers = Number.isInteger(l) && Number.isInteger(r);
      if (integers && r === 0) return fail(node.op === '/' ? 'division by zero' : 'modulus by zero');
      if (node.op === '/') return integers ? Math.trunc(l / r) : l / r;
      return integers ? l % r : fail("no such overload for '%'");
    }
    default:
      return fail(`unsupported operator ${node.op}`);
  }
}

function call(node: Extract<Node, { t: 'call' }>, env: Readonly<Record<string, unknown>>): unknown {
  const { fn, args } = node;
  if (node.on === undefined) {
    if (fn === 'has') {
      const [arg] = args;
      if (arg?.t !== 'sel' || args.length !== 1) return fail('has() requires a field selection');
      const on = evaluate(arg.on, env);
      return isJsonObject(on) && Object.hasOwn(on, arg.field);
    }
    const values = args.map((a) => evaluate(a, env));
    const [x] = values;
    switch (fn) {
      case 'size':
        return size(x);
      case 'int':
        if (typeof x === 'number') return Math.trunc(x);
        if (typeof x === 'string' && /^-?\d+$/.test(x)) return Number(x);
        return fail(`cannot convert ${String(x)} to int`);
      case 'double':
        if (typeof x === 'number') return x;
        if (typeof x === 'string' && !Number.isNaN(Number(x))) return Number(x);
        return fail(`cannot convert ${String(x)} to double`);
      case 'string':
        return typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : fail('no such overload for string()');
      default:
        return fail(`unsupported function ${fn}()`);
    }
  }
  if (MACROS.has(fn)) return macro(node, env);
  const target = evaluate(node.on, env);
  const values = args.map((a) => evaluate(a, env));
  const [x] = values;
  if (fn === 'size') return size(target);
  if (typeof target === 'string') {
    switch (fn) {
      case 'startsWith':
        return typeof x === 'string' ? target.startsWith(x) : fail('no such overload for startsWith');
      case 'endsWith':
        return typeof x === 'string' ? target.endsWith(x) : fail('no such overload for endsWith');
      case 'contains':
        return typeof x === 'string' ? target.includes(x) : fail('no such overload for contains');
      case 'matches':
        return typeof x === 'string' ? new RegExp(x, 'u').test(target) : fail('no such overload for matches');
      case 'lowerAscii':
        return target.replace(/[A-Z]/g, (c) => c.toLowerCase());
      case 'upperAscii':
        return target.replace(/[a-z]/g, (c) => c.toUpperCase());
      case 'trim':
        return target.trim();
      default:
        break;
    }
  }
  if (Array.isArray(target)) {
    const numbers = (): number[] => (target.every((v) => typeof v === 'number') ? (target as number[]) : fail(`no such overload for ${fn}`));
    switch (fn) {
      case 'isSorted':
        return target.every((v, i) => i === 0 || (target[i - 1] as number) <= (v as number));
      case 'sum':
        return numbers().reduce((a, b) => a + b, 0);
      case 'min':
        return target.length === 0 ? fail('min called on empty list') : Math.min(...numbers());
      case 'max':
        return target.length === 0 ? fail('max called on empty list') : Math.max(...numbers());
      case 'indexOf':
        return target.findIndex((v) => jsonEqual(v, x));
      default:
        break;
    }
  }
  return fail(`no such overload for ${fn}()`);
}

function macro(node: Extract<Node, { t: 'call' }>, env: Readonly<Record<string, unknown>>): unknown {
  const [variable, body] = node.args;
  if (variable?.t !== 'id' || body === undefined || node.args.length !== 2 || node.on === undefined) return fail(`${node.fn}() takes a variable and an expression`);
  const target = evaluate(node.on, env);
  const elements = Array.isArray(target) ? target : isJsonObject(target) ? Object.keys(target) : fail(`no such overload for ${node.fn}()`);
  const run = (element: unknown): unknown => evaluate(body, { ...env, [variable.name]: element });
  const predicate = (element: unknown): boolean => {
    const result = run(element);
    return typeof result === 'boolean' ? result : fail(`${node.fn}() predicate must be a boolean`);
  };
  switch (node.fn) {
    case 'all':
      return elements.every(predicate);
    case 'exists':
      return elements.some(predicate);
    case 'exists_one':
      return elements.filter(predicate).length === 1;
    case 'map':
      return elements.map(run);
    default:
      return elements.filter(predicate);
  }
}

function size(value: unknown): number {
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (isJsonObject(value)) return Object.keys(value).length;
  return fail('no such overload for size()');
}
