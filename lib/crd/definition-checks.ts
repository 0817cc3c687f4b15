// Checks the names, printer columns, scale paths and selectable fields of a definition (apiextensions validation).
import { CrdError } from './crd-error.js';
import type { PrinterColumn, ScaleSubresource } from './custom-resource.js';
import type { StructuralSchema } from './structural-schema.js';

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
/** `.a.b-c.d_e`: the dot-notation paths kube-rx can follow through a schema. */
const SIMPLE_PATH = /^(?:\.[A-Za-z0-9_-]+)+$/;
const COLUMN_TYPES = ['integer', 'number', 'string', 'boolean', 'date'];
const COLUMN_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'date', 'date-time', 'password'];
const MAX_SELECTABLE_FIELDS = 8;

function invalid(path: string, message: string): CrdError {
  return new CrdError('InvalidDefinition', path, message);
}

function label(value: string, path: string): void {
  if (value.length > 63 || !DNS_1035_LABEL.test(value)) {
    throw invalid(path, `${JSON.stringify(value)} must be a lowercase RFC 1035 label (a-z, 0-9 and "-", starting with a letter, at most 63 characters)`);
  }
}

/** The names of a definition, checked as the API server checks a CRD's spec.names, group and version. @internal */
export function checkNames(names: {
  group: string; version: string; kind: string; plural: string; singular: string; shortNames: readonly string[]; categories: readonly string[];
}): void {
  if (names.group.length > 253 || !DNS_SUBDOMAIN.test(names.group) || !names.group.includes('.')) {
    throw invalid('group', `${JSON.stringify(names.group)} should be a domain with at least one dot`);
  }
  label(names.version, 'version');
  if (!/^[A-Za-z]/.test(names.kind)) throw invalid('kind', `${JSON.stringify(names.kind)} must start with a letter`);
  label(names.kind.toLowerCase(), 'kind');
  label(names.plural, 'plural');
  label(names.singular, 'singular');
  names.shortNames.forEach((s, i) => label(s, `shortNames[${i}]`));
  names.categories.forEach((c, i) => label(c, `categories[${i}]`));
  if (`${names.plural}.${names.group}`.length > 253) throw invalid('plural', 'plural + "." + group must be at most 253 characters');
}

/**
 * The schema node a dot path leads to: a node, `'free'` when the path goes into free-form data
 * (preserved unknown fields, or the object's `metadata`), `undefined` when it leads nowhere.
 */
function resolve(root: StructuralSchema, path: string): StructuralSchema | 'free' | undefined {
  const keys = path.slice(1).split('.');
  if (keys[0] === 'metadata' && keys.length > 1) return 'free';
  let node: StructuralSchema | undefined = root;
  for (const key of keys) {
    if (node === undefined) return undefined;
    const next: StructuralSchema | undefined = node.properties?.[key] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
    if (next === undefined && node['x-kubernetes-preserve-unknown-fields'] === true) return 'free';
    node = next;
  }
  return node;
}

function checkPath(path: string, where: string): void {
  if (path === '' || path[0] !== '.') throw invalid(where, `${JSON.stringify(path)} must be a simple json path starting with .`);
}

/** `additionalPrinterColumns`: valid types and formats, `.`-paths that exist in the schema, unique names. @internal */
export function checkPrinterColumns(columns: readonly PrinterColumn[], root: StructuralSchema): void {
  const names = new Set<string>();
  columns.forEach((column, i) => {
    const at = `printColumns[${i}]`;
    if (column.name.trim() === '') throw invalid(`${at}.name`, 'must not be empty');
    if (names.has(column.name)) throw invalid(`${at}.name`, `${JSON.stringify(column.name)} is given twice`);
    names.add(column.name);
    if (!COLUMN_TYPES.includes(column.type)) throw invalid(`${at}.type`, `must be one of ${COLUMN_TYPES.join(', ')}`);
    if (column.format !== undefined && !COLUMN_FORMATS.includes(column.format)) throw invalid(`${at}.format`, `must be one of ${COLUMN_FORMATS.join(', ')}`);
    if (column.priority !== undefined && (!Number.isInteger(column.priority) || column.priority < 0)) throw invalid(`${at}.priority`, 'must be a non-negative integer');
    checkPath(column.jsonPath, `${at}.jsonPath`);
    if (SIMPLE_PATH.test(column.jsonPath) && resolve(root, column.jsonPath) === undefined) {
      throw invalid(`${at}.jsonPath`, `${JSON.stringify(column.jsonPath)} does not refer to a field of the schema`);
    }
  });
}

function checkScalePath(root: StructuralSchema, path: string, where: string, under: readonly string[], type: string): void {
  checkPath(path, where);
  if (!SIMPLE_PATH.test(path) || !under.some((prefix) => path.startsWith(`${prefix}.`))) {
    throw invalid(where, `${JSON.stringify(path)} should be a json path under ${under.join(' or ')}`);
  }
  const node = resolve(root, path);
  const declared = root.properties?.[path.split('.')[1] ?? ''];
  // A field missing from a declared schema would be pruned: /scale could then never change it.
  if (node === undefined && declared?.['x-kubernetes-preserve-unknown-fields'] !== true) {
    throw invalid(where, `${JSON.stringify(path)} does not refer to a field of the schema`);
  }
  if (typeof node === 'object' && node.type !== type) throw invalid(where, `${JSON.stringify(path)} must point at a field of type ${type}`);
}

/** The scale subresource's paths, with their defaults filled in. @internal */
export function checkScale(scale: ScaleSubresource, root: StructuralSchema): Required<Omit<ScaleSubresource, 'labelSelectorPath'>> & ScaleSubresource {
  const specReplicasPath = scale.specReplicasPath ?? '.spec.replicas';
  const statusReplicasPath = scale.statusReplicasPath ?? '.status.replicas';
  checkScalePath(root, specReplicasPath, 'subresources.scale.specReplicasPath', ['.spec'], 'integer');
  checkScalePath(root, statusReplicasPath, 'subresources.scale.statusReplicasPath', ['.status'], 'integer');
  if (scale.labelSelectorPath !== undefined) {
    checkScalePath(root, scale.labelSelectorPath, 'subresources.scale.labelSelectorPath', ['.spec', '.status'], 'string');
    return { specReplicasPath, statusReplicasPath, labelSelectorPath: scale.labelSelectorPath };
  }
  return { specReplicasPath, statusReplicasPath };
}

/** `selectableFields`: at most 8, unique, outside metadata, of type string, integer or boolean. @internal */
export function checkSelectableFields(fields: readonly string[], root: StructuralSchema): void {
  if (fields.length > MAX_SELECTABLE_FIELDS) throw invalid('selectableFields', `must have at most ${MAX_SELECTABLE_FIELDS} items`);
  fields.forEach((path, i) => {
    const at = `selectableFields[${i}]`;
    checkPath(path, at);
    if (fields.indexOf(path) !== i) throw invalid(at, `${JSON.stringify(path)} is given twice`);
    if (path === '.metadata' || path.startsWith('.metadata.')) throw invalid(at, 'must not point to fields in metadata');
    const node = SIMPLE_PATH.test(path) ? resolve(root, path) : undefined;
    if (node === undefined || node === 'free') throw invalid(at, `${JSON.stringify(path)} does not refer to a declared field of the schema`);
    if (!['string', 'integer', 'boolean'].includes(node.type ?? '')) throw invalid(at, 'selectable fields must be of type string, integer or boolean');
  });
}
