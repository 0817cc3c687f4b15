// Lists why a CRD schema is not structural, worded and located as apiextensions-apiserver reports it.
import type { StatusCause } from '../../core/index.js';
import { fieldErrorCause, fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, type FieldError } from '../errors/field-error.js';
import type { StructuralSchema } from './structural-schema.js';
import { ownProperty } from '../../core/json/own-property.js';

type Level = 'root' | 'field' | 'item';
const JUNCTORS = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * The reasons `schema` is not a structural schema (apiextensions.k8s.io/v1 requires one), each a
 * `StatusCause` whose `field` starts with `path`. Empty when the schema is structural.
 *
 * Checked (apiextensions-apiserver `schema/validation.go` and CRD validation):
 * - every node of the structural part has a `type` (`must not be empty at the root` / `for
 *   specified object fields` / `for specified array items`), unless it is
 *   `x-kubernetes-int-or-string` or `x-kubernetes-preserve-unknown-fields`;
 * - the root is `type: object`; root `apiVersion`/`kind` are strings; root `metadata` only
 *   specifies `name`/`generateName` as strings;
 * - `x-kubernetes-preserve-unknown-fields` is `true` or absent; `x-kubernetes-int-or-string` has no
 *   `type`; `x-kubernetes-embedded-resource` is `type: object` without `additionalProperties`;
 * - `additionalProperties` is not `false` and not combined with `properties`; `items` is one
 *   schema and is present for arrays; no `uniqueItems: true`, no `$ref`;
 * - `x-kubernetes-list-type` is atomic/set/map, on arrays; `map` has `x-kubernetes-list-map-keys`
 *   naming item properties of an object item; `set` items are scalars; `x-kubernetes-map-type` is
 *   granular/atomic;
 * - inside `allOf`/`anyOf`/`oneOf`/`not`: no `type`, `default`, `additionalProperties`,
 *   `nullable`, extensions (except the int-or-string `anyOf` of integer and string), and every
 *   property or item they mention is also specified in the structural part.
 */
export function structuralProblems(schema: StructuralSchema, path = 'openAPIV3Schema'): StatusCause[] {
  const problems: FieldError[] = [];
  checkNode(schema, path, 'root', problems);
  return problems.map(fieldErrorCause);
}

/** Appends a child to a field path (`spec` + `replicas` → `spec.replicas`). */
function child(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** Appends an index to a field path (`spec.items` + 0 → `spec.items[0]`). */
function index(path: string, at: number): string {
  return `${path}[${at}]`;
}

/** Appends a map key as apimachinery `Path.Key` does (`properties` + `spec` → `properties[spec]`). */
function key(path: string, name: string): string {
  return `${path}[${name}]`;
}

function checkNode(s: StructuralSchema, path: string, level: Level, out: FieldError[]): void {
  const type = s.type ?? '';
  const preserve = s['x-kubernetes-preserve-unknown-fields'];
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (preserve === false) out.push(fieldInvalid(child(path, 'x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));
  if (embedded && type !== 'object') {
    if (type === '') out.push(fieldRequired(child(path, 'type'), 'must be object if x-kubernetes-embedded-resource is true'));
    else out.push(fieldInvalid(child(path, 'type'), type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (type === '' && !intOrString && preserve !== true) {
    const where = level === 'root' ? 'at the root' : level === 'item' ? 'for specified array items' : 'for specified object fields';
    out.push(fieldRequired(child(path, 'type'), `must not be empty ${where}`));
  }
  if (intOrString && type !== '') out.push(fieldInvalid(child(path, 'type'), type, 'must be empty if x-kubernetes-int-or-string is true'));
  if (level === 'root' && type !== '' && type !== 'object') out.push(fieldInvalid(child(path, 'type'), type, 'must be object at the root'));
  if (embedded && s.additionalProperties !== undefined) {
    out.push(fieldForbidden(child(path, 'additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'));
  }
  if (s.additionalProperties === false) out.push(fieldForbidden(child(path, 'additionalProperties'), 'additionalProperties cannot be set to false'));
  if (s.additionalProperties !== undefined && s.properties !== undefined && Object.keys(s.properties).length > 0) {
    out.push(fieldForbidden(child(path, 'additionalProperties'), 'additionalProperties and properties are mutual exclusive'));
  }
  if (s.uniqueItems === true) out.push(fieldForbidden(child(path, 'uniqueItems'), 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  if (s.$ref !== undefined) out.push(fieldForbidden(child(path, '$ref'), '$ref is not supported'));
  if (Array.isArray(s.items)) out.push(fieldForbidden(child(path, 'items'), 'items must be a schema object and not an array'));
  else if (type === 'array' && s.items === undefined) out.push(fieldRequired(child(path, 'items'), 'must be specified'));
  if (level === 'root') checkRootProperties(s, path, out);
  checkListAndMapTypes(s, path, out);
  for (const [name, property] of Object.entries(s.properties ?? {})) checkNode(property, key(child(path, 'properties'), name), 'field', out);
  if (typeof s.additionalProperties === 'object') checkNode(s.additionalProperties, child(path, 'additionalProperties'), 'field', out);
  if (s.items !== undefined && !Array.isArray(s.items)) checkNode(s.items, child(path, 'items'), 'item', out);
  for (const junctor of JUNCTORS) {
    (s[junctor] ?? []).forEach((nested, at) => {
      const nestedPath = index(child(path, junctor), at);
      const intOrStringBranch = intOrString && junctor !== 'oneOf' && (nested.type === 'integer' || nested.type === 'string') && Object.keys(nested).length === 1;
      if (!intOrStringBranch) checkValueValidation(nested, nestedPath, out);
      checkCompleteness(nested, s, nestedPath, path, out);
    });
  }
  if (s.not !== undefined) {
    checkValueValidation(s.not, child(path, 'not'), out);
    checkCompleteness(s.not, s, child(path, 'not'), path, out);
  }
}

function checkRootProperties(s: StructuralSchema, path: string, out: FieldError[]): void {
  const properties = s.properties ?? {};
  for (const name of ['kind', 'apiVersion']) {
    const property = properties[name];
    if (property !== undefined && property.type !== 'string') {
      out.push(fieldInvalid(child(key(child(path, 'properties'), name), 'type'), property.type ?? '', 'must be string'));
    }
  }
  const metadata = properties['metadata'];
  if (metadata === undefined) return;
  const metadataPath = key(child(path, 'properties'), 'metadata');
  if (metadata.type !== undefined && metadata.type !== 'object') out.push(fieldInvalid(child(metadataPath, 'type'), metadata.type, 'must be object'));
  const names = Object.keys(metadata.properties ?? {});
  if (names.some((name) => name !== 'name' && name !== 'generateName')) {
    out.push(fieldForbidden(child(metadataPath, 'properties'), 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
  }
  for (const name of ['name', 'generateName']) {
    const property = metadata.properties?.[name];
    if (property !== undefined && property.type !== 'string') {
      out.push(fieldInvalid(child(key(child(metadataPath, 'properties'), name), 'type'), property.type ?? '', 'must be string'));
    }
  }
}

function checkListAndMapTypes(s: StructuralSchema, path: string, out: FieldError[]): void {
  const listType = s['x-kubernetes-list-type'];
  const keys = s['x-kubernetes-list-map-keys'];
  const items = Array.isArray(s.items) ? undefined : s.items;
  if (listType !== undefined) {
    if (!['atomic', 'set', 'map'].includes(listType)) out.push(fieldNotSupported(child(path, 'x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));
    else if (s.type !== 'array') out.push(fieldInvalid(child(path, 'type'), s.type ?? '', 'must be array if x-kubernetes-list-type is specified'));
    if (listType === 'map') {
      if (keys === undefined || keys.length === 0) out.push(fieldRequired(child(path, 'x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
      if (items !== undefined && items.type !== 'object') {
        out.push(fieldInvalid(child(child(path, 'items'), 'type'), items.type ?? '', "must be object if parent array's x-kubernetes-list-type is map"));
      }
      for (const name of keys ?? []) {
        if (items?.properties?.[name] === undefined) out.push(fieldInvalid(child(path, 'x-kubernetes-list-map-keys'), name, 'entries must all be names of item properties'));
      }
    }
    if (listType === 'set' && items?.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      out.push(fieldInvalid(child(child(path, 'items'), 'x-kubernetes-map-type'), items['x-kubernetes-map-type'] ?? '', "must be atomic as item of a list with x-kubernetes-list-type=set"));
    }
  }
  if (keys !== undefined && listType !== 'map') out.push(fieldForbidden(child(path, 'x-kubernetes-list-map-keys'), 'must only be set if x-kubernetes-list-type is map'));
  const mapType = s['x-kubernetes-map-type'];
  if (mapType !== undefined && mapType !== 'granular' && mapType !== 'atomic') out.push(fieldNotSupported(child(path, 'x-kubernetes-map-type'), mapType, ['granular', 'atomic']));
}

/** What a schema nested in a logical junctor may not specify. */
function checkValueValidation(v: StructuralSchema, path: string, out: FieldError[]): void {
  if (v.type !== undefined && v.type !== '') out.push(fieldForbidden(child(path, 'type'), 'must be empty to be structural'));
  if (v.default !== undefined) out.push(fieldForbidden(child(path, 'default'), 'must be undefined to be structural'));
  if (v.additionalProperties !== undefined) out.push(fieldForbidden(child(path, 'additionalProperties'), 'must be undefined to be structural'));
  if (v.nullable === true) out.push(fieldForbidden(child(path, 'nullable'), 'must be false to be structural'));
  for (const extension of ['x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string'] as const) {
    if (v[extension] === true) out.push(fieldForbidden(child(path, extension), 'must be false to be structural'));
  }
  for (const extension of ['x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type'] as const) {
    if (v[extension] !== undefined) out.push(fieldForbidden(child(path, extension), 'must be undefined to be structural'));
  }
  for (const [name, property] of Object.entries(v.properties ?? {})) checkValueValidation(property, key(child(path, 'properties'), name), out);
  if (v.items !== undefined && !Array.isArray(v.items)) checkValueValidation(v.items, child(path, 'items'), out);
  for (const junctor of JUNCTORS) (v[junctor] ?? []).forEach((nested, at) => checkValueValidation(nested, index(child(path, junctor), at), out));
  if (v.not !== undefined) checkValueValidation(v.not, child(path, 'not'), out);
}

/** Every property/item a junctor mentions must exist in the structural schema at the same place. */
function checkCompleteness(v: StructuralSchema, s: StructuralSchema | undefined, vPath: string, sPath: string, out: FieldError[]): void {
  for (const [name, property] of Object.entries(v.properties ?? {})) {
    const structural = (ownProperty(s?.properties, name) as StructuralSchema | undefined) ?? (typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined);
    const here = key(child(sPath, 'properties'), name);
    if (structural === undefined && s?.['x-kubernetes-preserve-unknown-fields'] !== true) {
      out.push(fieldRequired(here, `because it appears in ${key(child(vPath, 'properties'), name)}`));
    }
    checkCompleteness(property, structural, key(child(vPath, 'properties'), name), here, out);
  }
  if (v.items !== undefined && !Array.isArray(v.items)) {
    const structural = s?.items !== undefined && !Array.isArray(s.items) ? s.items : undefined;
    if (structural === undefined) out.push(fieldRequired(child(sPath, 'items'), `because it appears in ${child(vPath, 'items')}`));
    checkCompleteness(v.items, structural, child(vPath, 'items'), child(sPath, 'items'), out);
  }
  for (const junctor of JUNCTORS) (v[junctor] ?? []).forEach((nested, at) => checkCompleteness(nested, s, index(child(vPath, junctor), at), sPath, out));
  if (v.not !== undefined) checkCompleteness(v.not, s, child(vPath, 'not'), sPath, out);
}
