// The shape of a server-side table printer and the helpers the built-in printers share.
import { builtinDefinition } from '../openapi/builtin-definitions.js';
import { ownProperty } from '../../core/json/own-property.js';

/** One `meta.k8s.io/v1 TableColumnDefinition`; every field is always serialized. */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** A `meta.k8s.io/v1 TableRowCondition` (the built-in pod printer marks finished pods `Completed`). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** What `toTable` needs to print one built-in kind: its columns and, per object, the cells. */
export interface Printer {
  readonly columns: readonly TableColumnDefinition[];
  /** The cells of one object's row, one per column (wide columns included, as the server prints). */
  cells(object: Record<string, unknown>, now: Date): unknown[];
  /** Row conditions, when the kind has any. */
  conditions?(object: Record<string, unknown>): TableRowCondition[] | undefined;
}

/** The documentation of a built-in field (`SwaggerDoc()` in Go), or `''`. */
export function doc(definition: string, field: string): string {
  const prefix = definition.startsWith('meta.') ? 'io.k8s.apimachinery.pkg.apis.' : 'io.k8s.api.';
  return builtinDefinition(`${prefix}${definition}`)?.fields?.get(field)?.description ?? '';
}

/** A column definition. */
export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

/** The `Name` column every table starts with. */
export function nameColumn(): TableColumnDefinition {
  return column('Name', 'string', doc('meta.v1.ObjectMeta', 'name'), 0, 'name');
}

/** The `Age` column of the built-in printers (a string cell, already human-readable). */
export function ageColumn(): TableColumnDefinition {
  return column('Age', 'string', doc('meta.v1.ObjectMeta', 'creationTimestamp'));
}

/** Reads a nested field; `undefined` when any step is missing or not an object. */
export function get(object: unknown, ...path: string[]): unknown {
  let current = object;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = ownProperty(current, key);
  }
  return current;
}

/** A nested list, or `[]`. */
export function list(object: unknown, ...path: string[]): Record<string, unknown>[] {
  const value = get(object, ...path);
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

/** A nested number, or 0 (Go's zero value). */
export function int(object: unknown, ...path: string[]): number {
  const value = get(object, ...path);
  return typeof value === 'number' ? value : 0;
}

/** A nested string, or `''`. */
export function str(object: unknown, ...path: string[]): string {
  const value = get(object, ...path);
  return typeof value === 'string' ? value : '';
}

/** The object's `metadata.name`. */
export function nameOf(object: unknown): string {
  return str(object, 'metadata', 'name');
}

/** Joins values with `,`, or `<none>` when there are none (kubectl's convention). */
export function joinOrNone(values: readonly string[]): string {
  return values.length === 0 ? '<none>' : values.join(',');
}

/** A `meta/v1 LabelSelector` as Go's `LabelSelectorAsSelector(...).String()` prints it (keys sorted). */
export function formatSelector(selector: unknown): string {
  if (typeof selector !== 'object' || selector === null) return '<none>';
  const parts: [string, string][] = [];
  for (const [key, value] of Object.entries((get(selector, 'matchLabels') ?? {}) as Record<string, string>)) parts.push([key, `${key}=${value}`]);
  for (const expression of list(selector, 'matchExpressions')) {
    const key = str(expression, 'key');
    const values = (Array.isArray(expression['values']) ? (expression['values'] as string[]) : []).slice().sort().join(',');
    switch (expression['operator']) {
      case 'In':
        parts.push([key, `${key} in (${values})`]);
        break;
      case 'NotIn':
        parts.push([key, `${key} notin (${values})`]);
        break;
      case 'Exists':
        parts.push([key, key]);
        break;
      case 'DoesNotExist':
        parts.push([key, `!${key}`]);
        break;
      default:
        break;
    }
  }
  if (parts.length === 0) return '<none>';
  return parts
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, text]) => text)
    .join(',');
}

/** A `matchLabels`-style map as `k=v,k2=v2` sorted by key (Go's `labels.FormatLabels`), `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  if (typeof labels !== 'object' || labels === null) return '<none>';
  const entries = Object.entries(labels as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? '<none>' : entries.map(([k, v]) => `${k}=${v}`).join(',');
}
