// Fills in schema `default`s and drops nulls that cannot be stored, as the API server does for custom resources.
import { cloneJson, isJsonObject } from '../patch/json-value.js';
import { additionalOf, itemsOf, type StructuralSchema } from './structural-schema.js';
import { ownProperty, setOwnProperty } from '../../core/json/own-property.js';

/**
 * Applies defaults in place (apiextensions-apiserver `defaulting.Default` and
 * `PruneNonNullableNullsWithoutDefaults`):
 * - a property that is absent — or `null` while not `nullable` — gets a deep copy of its
 *   `default`, which is then itself defaulted (defaults nest);
 * - a `null` property that is not `nullable` and has no default is removed;
 * - defaulting recurses into specified properties, map values and list items. Nothing is added
 *   inside a missing parent (a default on `spec.x` does nothing when `spec` is absent, unless
 *   `spec` has a default of its own).
 */
export function applyDefaultsInPlace(value: unknown, schema: StructuralSchema): void {
  if (Array.isArray(value)) {
    const items = itemsOf(schema);
    if (items !== undefined) for (const item of value) applyDefaultsInPlace(item, items);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    const present = Object.hasOwn(value, field);
    const current = ownProperty(value, field);
    if (property.default !== undefined && (!present || (current === null && property.nullable !== true))) {
      setOwnProperty(value, field, cloneJson(property.default));
    } else if (present && current === null && property.nullable !== true) {
      delete value[field];
    }
  }
  const additional = additionalOf(schema);
  for (const [field, fieldValue] of Object.entries(value)) {
    const property = (ownProperty(schema.properties, field) as StructuralSchema | undefined) ?? additional;
    if (property === undefined) continue;
    if (fieldValue === null && additional !== undefined && property === additional && additional.nullable !== true) {
      if (additional.default !== undefined) setOwnProperty(value, field, cloneJson(additional.default));
      else delete value[field];
    }
    applyDefaultsInPlace(ownProperty(value, field), property);
  }
}
