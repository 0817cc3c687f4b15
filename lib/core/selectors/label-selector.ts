// Label selectors: parse the API's string form, format it back, and match label maps.
import type { LabelSelector as LabelSelectorStruct } from 'kubernetes-types/meta/v1.js';
import { SelectorError } from '../errors/selector-error.js';

/** The operators of a label requirement. */
export type LabelOperator = 'Equals' | 'NotEquals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One clause of a label selector: `app=web`, `tier in (a,b)`, `!canary`, ... */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** One value for `Equals`/`NotEquals`, one or more for `In`/`NotIn`, none otherwise. */
  readonly values: readonly string[];
}

/** A parsed label selector: every requirement must hold (comma means AND). Empty selects all. */
export type LabelSelector = readonly LabelRequirement[];

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a valid label key, or `undefined` when it is. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `key prefix ${JSON.stringify(prefix)} must be a DNS subdomain of at most 253 characters`;
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `key name ${JSON.stringify(name)} must be 1-63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

/** Why `value` is not a valid label value, or `undefined` when it is. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !NAME.test(value)) {
    return `value ${JSON.stringify(value)} must be at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

/**
 * Parses the API's label selector syntax: comma-separated requirements, each one of
 * `key`, `!key`, `key=value`, `key==value`, `key!=value`, `key in (a,b)`, `key notin (a,b)`.
 *
 * ## Example
 * ```ts
 * parseLabelSelector('app=web,tier in (front,back),!canary');
 * // [{key:'app',operator:'Equals',values:['web']}, {key:'tier',operator:'In',values:['front','back']},
 * //  {key:'canary',operator:'DoesNotExist',values:[]}]
 * ```
 *
 * @throws {SelectorError} `InvalidLabelSelector` naming the position and what was expected.
 */
export function parseLabelSelector(text: string): LabelSelector {
  return new LabelParser(text).parse();
}

class LabelParser {
  readonly #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  parse(): LabelSelector {
    const out: LabelRequirement[] = [];
    this.#skipSpace();
    if (this.#pos === this.#text.length) return out;
    for (;;) {
      out.push(this.#requirement());
      this.#skipSpace();
      if (this.#pos === this.#text.length) return out;
      this.#expect(',');
    }
  }

  #requirement(): LabelRequirement {
    this.#skipSpace();
    if (this.#peek() === '!') {
      this.#pos += 1;
      this.#skipSpace();
      const key = this.#key();
      return { key, operator: 'DoesNotExist', values: [] };
    }
    const key = this.#key();
    this.#skipSpace();
    const rest = this.#text.slice(this.#pos);
    if (rest === '' || rest.startsWith(',')) return { key, operator: 'Exists', values: [] };
    if (rest.startsWith('==')) return this.#single(key, 'Equals', 2);
    if (rest.startsWith('!=')) return this.#single(key, 'NotEquals', 2);
    if (rest.startsWith('=')) return this.#single(key, 'Equals', 1);
    const word = /^(in|notin)(?=[\s(])/.exec(rest);
    if (word?.[1] !== undefined) {
      this.#pos += word[1].length;
      this.#skipSpace();
      this.#expect('(');
      const values: string[] = [];
      for (;;) {
        this.#skipSpace();
        values.push(this.#value());
        this.#skipSpace();
        if (this.#peek() === ')') break;
        this.#expect(',', '"," or ")"');
      }
      this.#pos += 1;
      return { key, operator: word[1] === 'in' ? 'In' : 'NotIn', values };
    }
    this.#fail('expected "=", "==", "!=", "in", "notin", "," or the end');
  }

  #single(key: string, operator: 'Equals' | 'NotEquals', width: number): LabelRequirement {
    this.#pos += width;
    this.#skipSpace();
    return { key, operator, values: [this.#value()] };
  }

  #key(): string {
    const start = this.#pos;
    const match = /^[^\s,=!()]+/.exec(this.#text.slice(this.#pos));
    if (match === null) this.#fail('expected a label key');
    const key = match[0];
    const problem = labelKeyProblem(key);
    if (problem !== undefined) throw new SelectorError('InvalidLabelSelector', this.#text, problem, start);
    this.#pos += key.length;
    return key;
  }

  #value(): string {
    const start = this.#pos;
    const match = /^[^\s,=!()]*/.exec(this.#text.slice(this.#pos));
    const value = match?.[0] ?? '';
    const problem = labelValueProblem(value);
    if (problem !== undefined) throw new SelectorError('InvalidLabelSelector', this.#text, problem, start);
    this.#pos += value.length;
    return value;
  }

  #expect(char: string, what = JSON.stringify(char)): void {
    if (this.#peek() !== char) this.#fail(`expected ${what}`);
    this.#pos += 1;
  }

  #peek(): string | undefined {
    return this.#text[this.#pos];
  }

  #skipSpace(): void {
    while (this.#pos < this.#text.length && /\s/.test(this.#text.charAt(this.#pos))) this.#pos += 1;
  }

  #fail(detail: string): never {
    throw new SelectorError('InvalidLabelSelector', this.#text, detail, this.#pos);
  }
}

/**
 * Formats a selector in the API's syntax, in the canonical form client-go's
 * `labels.Selector.String()` prints: requirements sorted by key (stably: two requirements on
 * one key keep their order), `in`/`notin` values sorted. So `{ tier: 'front', app: 'web' }`
 * and `'tier=front,app=web'` both give `app=web,tier=front`, and equal selectors give equal
 * URLs (cache keys, logs). Accepts a string (validated and normalized), a parsed
 * {@link LabelSelector}, a `matchLabels` map, or the `meta/v1 LabelSelector` struct.
 *
 * @throws {SelectorError} `InvalidLabelSelector` for invalid keys, values or operators.
 */
export function formatLabelSelector(
  selector: string | LabelSelector | LabelSelectorStruct | Readonly<Record<string, string>>,
): string {
  return [...toLabelSelector(selector)]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(formatRequirement)
    .join(',');
}

function formatRequirement(r: LabelRequirement): string {
  switch (r.operator) {
    case 'Equals':
      return `${r.key}=${r.values[0] ?? ''}`;
    case 'NotEquals':
      return `${r.key}!=${r.values[0] ?? ''}`;
    case 'In':
      return `${r.key} in (${[...r.values].sort().join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${[...r.values].sort().join(',')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

/**
 * Normalizes any accepted selector form into a validated {@link LabelSelector}.
 *
 * @throws {SelectorError} `InvalidLabelSelector`.
 */
export function toLabelSelector(
  selector: string | LabelSelector | LabelSelectorStruct | Readonly<Record<string, string>>,
): LabelSelector {
  if (typeof selector === 'string') return parseLabelSelector(selector);
  if (Array.isArray(selector)) return validated(selector as LabelSelector);
  // The struct has only matchLabels/matchExpressions, and neither holds a string (a label map
  // could, in theory, have a label named matchLabels).
  const struct = selector as LabelSelectorStruct & Record<string, unknown>;
  const entries = Object.entries(struct);
  const isStruct =
    entries.length > 0 && entries.every(([k, v]) => (k === 'matchLabels' || k === 'matchExpressions') && typeof v !== 'string');
  if (!isStruct) {
    return validated(
      Object.entries(selector as Record<string, string>).map(([key, value]) => ({ key, operator: 'Equals', values: [value] })),
    );
  }
  const out: LabelRequirement[] = Object.entries(struct.matchLabels ?? {}).map(([key, value]) => ({
    key,
    operator: 'Equals' as const,
    values: [value],
  }));
  for (const expr of struct.matchExpressions ?? []) {
    const operator = STRUCT_OPERATORS[expr.operator];
    if (operator === undefined) {
      throw new SelectorError('InvalidLabelSelector', JSON.stringify(selector), `unknown operator ${JSON.stringify(expr.operator)}`);
    }
    out.push({ key: expr.key, operator, values: expr.values ?? [] });
  }
  return validated(out);
}

const STRUCT_OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
};

function validated(requirements: LabelSelector): LabelSelector {
  for (const r of requirements) {
    const text = formatRequirementUnchecked(r);
    const keyProblem = labelKeyProblem(r.key);
    if (keyProblem !== undefined) throw new SelectorError('InvalidLabelSelector', text, keyProblem);
    const arity =
      r.operator === 'Exists' || r.operator === 'DoesNotExist'
        ? r.values.length === 0
        : r.operator === 'In' || r.operator === 'NotIn'
          ? r.values.length > 0
          : r.values.length === 1;
    if (!arity) throw new SelectorError('InvalidLabelSelector', text, `wrong number of values for ${r.operator}`);
    for (const value of r.values) {
      const problem = labelValueProblem(value);
      if (problem !== undefined) throw new SelectorError('InvalidLabelSelector', text, problem);
    }
  }
  return requirements;
}

function formatRequirementUnchecked(r: LabelRequirement): string {
  return `${r.key} ${r.operator} ${r.values.join(',')}`;
}

/**
 * Whether a label map satisfies every requirement (Kubernetes semantics: `!=` and `notin`
 * also match objects that lack the key).
 */
export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  return selector.every((r) => matchesRequirement(r, labels ?? {}));
}

function matchesRequirement(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.operator) {
    case 'Equals':
      return has && value === r.values[0];
    case 'NotEquals':
      return !has || value !== r.values[0];
    case 'In':
      return has && value !== undefined && r.values.includes(value);
    case 'NotIn':
      return !has || value === undefined || !r.values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}
