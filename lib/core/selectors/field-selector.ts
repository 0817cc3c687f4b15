// Field selectors: parse the API's string form, format it back, and match field values.
import { SelectorError } from '../errors/selector-error.js';
import type { KubeObject } from '../object.js';

/** One clause of a field selector: `metadata.name=web` or `status.phase!=Running`. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: 'Equals' | 'NotEquals';
  readonly value: string;
}

/** A parsed field selector: every requirement must hold. Empty selects all. */
export type FieldSelector = readonly FieldRequirement[];

/**
 * Parses the API's field selector syntax: comma-separated `field=value`, `field==value` or
 * `field!=value`, where `\`, `,` and `=` inside values are escaped with a backslash. Empty
 * terms are skipped, as `k8s.io/apimachinery/pkg/fields` does.
 *
 * @throws {SelectorError} `InvalidFieldSelector`.
 */
export function parseFieldSelector(text: string): FieldSelector {
  if (text.trim() === '') return [];
  const out: FieldRequirement[] = [];
  let start = 0;
  for (const term of splitUnescaped(text, ',')) {
    const position = start;
    start += term.length + 1;
    if (term === '') continue; // `a=b,,c=d` and a trailing comma: apimachinery skips empty terms
    const match = /^([^=!\s]+)\s*(==|!=|=)(.*)$/s.exec(term.trim());
    if (match === null || match[1] === undefined || match[2] === undefined || match[3] === undefined) {
      throw new SelectorError('InvalidFieldSelector', text, `expected field=value, field==value or field!=value in ${JSON.stringify(term)}`, position);
    }
    const value = unescapeValue(match[3], text, position);
    out.push({ field: match[1], operator: match[2] === '!=' ? 'NotEquals' : 'Equals', value });
  }
  return out;
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char === '\\' && i + 1 < text.length) {
      current += char + text.charAt(i + 1);
      i += 1;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unescapeValue(raw: string, text: string, position: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i += 1) {
    const char = raw.charAt(i);
    if (char === '\\') {
      const next = raw.charAt(i + 1);
      if (next !== '\\' && next !== ',' && next !== '=') {
        throw new SelectorError('InvalidFieldSelector', text, `invalid escape sequence "\\${next}"`, position);
      }
      out += next;
      i += 1;
    } else if (char === '=' || char === ',') {
      throw new SelectorError('InvalidFieldSelector', text, `unescaped ${JSON.stringify(char)} in value`, position);
    } else {
      out += char;
    }
  }
  return out;
}

/** Escapes `\`, `,` and `=` in a field selector value. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * Formats a field selector in the API's syntax. Accepts a string (validated and
 * normalized), a parsed {@link FieldSelector}, or a `{ field: value }` map of equalities.
 *
 * @throws {SelectorError} `InvalidFieldSelector`.
 */
export function formatFieldSelector(selector: string | FieldSelector | Readonly<Record<string, string>>): string {
  return toFieldSelector(selector)
    .map((r) => `${r.field}${r.operator === 'Equals' ? '=' : '!='}${escapeFieldValue(r.value)}`)
    .join(',');
}

/** Normalizes any accepted field selector form into a {@link FieldSelector}. */
export function toFieldSelector(selector: string | FieldSelector | Readonly<Record<string, string>>): FieldSelector {
  if (typeof selector === 'string') return parseFieldSelector(selector);
  const list: FieldSelector = Array.isArray(selector)
    ? (selector as FieldSelector)
    : Object.entries(selector as Record<string, string>).map(([field, value]) => ({ field, operator: 'Equals' as const, value }));
  for (const r of list) {
    if (!/^[^=!\s,]+$/.test(r.field)) {
      throw new SelectorError('InvalidFieldSelector', JSON.stringify(selector), `${JSON.stringify(r.field)} is not a field path`);
    }
  }
  return list;
}

/**
 * Whether the fields returned by `fieldOf` satisfy every requirement. A missing field reads
 * as `''`, as on the API server.
 */
export function matchesFields(selector: FieldSelector, fieldOf: (field: string) => string | undefined): boolean {
  return selector.every((r) => {
    const value = fieldOf(r.field) ?? '';
    return r.operator === 'Equals' ? value === r.value : value !== r.value;
  });
}

/** The fields every kind can be selected by: `metadata.name` and `metadata.namespace`. */
export function metadataFields(object: KubeObject): (field: string) => string | undefined {
  return (field) => {
    switch (field) {
      case 'metadata.name':
        return object.metadata?.name ?? '';
      case 'metadata.namespace':
        return object.metadata?.namespace ?? '';
      default:
        return undefined;
    }
  };
}
