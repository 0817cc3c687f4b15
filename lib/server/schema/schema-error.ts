// Raised when a CRD schema is not structural, listing every reason with its path.
import { KubeError, type StatusCause } from '../../core/index.js';

/** Why a schema was refused; only `NotStructural` today. */
export type SchemaErrorReason = 'NotStructural';

/**
 * A CRD version's `openAPIV3Schema` is not a structural schema. `causes` are field errors (as the
 * API server puts in a 422's `details.causes`), e.g.
 * `{field: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].type', reason: 'FieldValueRequired', message: 'Required value: must not be empty for specified object fields'}`.
 *
 * ## Example
 * ```ts
 * try {
 *   compileSchema(schema, { group: 'example.com', kind: 'Widget' }, { fieldPath: 'spec.versions[0].schema.openAPIV3Schema' });
 * } catch (error) {
 *   if (isSchemaError(error)) return invalid(error.causes);
 * }
 * ```
 */
export class SchemaError extends KubeError<SchemaErrorReason> {
  override name = 'SchemaError' as const;
  /** One cause per problem, `field` rooted at the path the caller gave (default `openAPIV3Schema`). */
  readonly causes: readonly StatusCause[];

  constructor(reason: SchemaErrorReason, what: string, causes: readonly StatusCause[], options?: ErrorOptions) {
    const list = causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`);
    super(reason, `the schema of ${what} is not structural: ${list.length === 1 ? list[0] : `[${list.join(', ')}]`}`, options);
    this.causes = causes;
  }
}

/** `instanceof SchemaError` that also holds across two copies of this package. */
export function isSchemaError(error: unknown): error is SchemaError {
  return error instanceof SchemaError || (error as { name?: unknown } | null)?.name === 'SchemaError';
}
