// The check TypeScript cannot make: every property the type requires is listed in `required`.
import { CrdError } from './crd-error.js';
import { childPath, isRecord, itemsPath } from './schema-walk.js';

/**
 * Refuses a schema whose `required` omits a property that the TypeScript type requires.
 *
 * ajv's `JSONSchemaType<T>` makes every schema of an optional (`?:`) property say
 * `nullable: true`, and refuses `required` entries that are not required properties; but it
 * cannot make `required` list them all (TypeScript does not infer the literal list from a
 * contextually typed schema). A property schema without `nullable: true` therefore belongs
 * to a required property, and must be in `required` — unless it has a `default`, which the
 * API server fills in before validation. Objects nested in `properties`, `items` and
 * `additionalProperties` are checked; the branches of `anyOf`/`oneOf`/`allOf` are not (ajv
 * types each branch against the whole union).
 *
 * @throws {CrdError} `InvalidDefinition` naming the property.
 * @internal used by `defineCustomResource`
 */
export function checkRequiredAgreement(schema: unknown, path: string): void {
  if (!isRecord(schema)) return;
  const properties = schema['properties'];
  if (isRecord(properties)) {
    const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
    for (const [key, property] of Object.entries(properties)) {
      if (!isRecord(property)) continue;
      const optional = property['nullable'] === true || property['default'] !== undefined || required.includes(key);
      if (!optional) {
        throw new CrdError(
          'InvalidDefinition',
          childPath(path, key),
          'the TypeScript type requires this property (its schema is not nullable) but the schema\'s required list omits it: ' +
            'add it to required, give it a default, or make the field optional (`?:` with nullable: true)',
        );
      }
      checkRequiredAgreement(property, childPath(path, key));
    }
  }
  if (isRecord(schema['items'])) checkRequiredAgreement(schema['items'], itemsPath(path));
  if (isRecord(schema['additionalProperties'])) checkRequiredAgreement(schema['additionalProperties'], itemsPath(path));
}
