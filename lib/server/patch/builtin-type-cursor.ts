// Walks the built-in type definitions field by field, yielding each field's type and merge metadata.
import type { GroupVersionKind } from '../../core/index.js';
import { builtinDefinition, builtinKindDefinitionName, type FieldType } from '../openapi/builtin-definitions.js';
import { builtinFieldMetadata, type FieldMergeMetadata } from '../openapi/builtin-field-metadata.js';

/** Where a walk stands in a built-in object: the declared type of the current value, if known. */
export type TypeCursor = FieldType | undefined;

/** The cursor at the root of a built-in kind (`undefined` for kinds core's table does not list). */
export function rootCursor(gvk: GroupVersionKind): TypeCursor {
  const name = builtinKindDefinitionName(gvk);
  return name === undefined ? undefined : { kind: 'ref', name };
}

/** Resolves scalar aliases (`Quantity`, `Time`) so that the cursor is a struct ref, array, map or scalar. */
function resolve(type: TypeCursor): TypeCursor {
  if (type?.kind !== 'ref') return type;
  const definition = builtinDefinition(type.name);
  return definition?.scalar ?? type;
}

/** The type and merge metadata of `field` inside a value of type `cursor`. */
export function fieldCursor(cursor: TypeCursor, field: string): { type: TypeCursor; meta: FieldMergeMetadata | undefined } {
  const type = resolve(cursor);
  if (type?.kind === 'map') return { type: type.values, meta: undefined };
  if (type?.kind !== 'ref') return { type: undefined, meta: undefined };
  const definition = builtinDefinition(type.name);
  return { type: definition?.fields?.get(field)?.type, meta: builtinFieldMetadata(type.name, field) };
}

/** The type of the items of a list of type `cursor`. */
export function itemCursor(cursor: TypeCursor): TypeCursor {
  const type = resolve(cursor);
  return type?.kind === 'array' ? type.items : undefined;
}

/** The OpenAPI name of the struct the cursor points at, if it is one. */
export function structName(cursor: TypeCursor): string | undefined {
  const type = resolve(cursor);
  return type?.kind === 'ref' ? type.name : undefined;
}
