// Compiles a CRD version's structural schema into prune, default and validate steps for the server.
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import type { StatusCause } from '../../core/index.js';
import { crdMergeSchema, type MergeSchema } from '../apply/merge-schema.js';
import { cloneJson } from '../patch/json-value.js';
import { applyDefaultsInPlace } from './apply-defaults.js';
import { structuralProblems } from './check-structural.js';
import { pruneInPlace } from './prune.js';
import { SchemaError } from './schema-error.js';
import { asStructural } from './structural-schema.js';
import { compileValidator } from './validate-object.js';

/** A compiled CRD version schema; every method is pure (returns new values). */
export interface CompiledSchema {
  /** Removes the fields the schema does not specify (keeping `apiVersion`, `kind`, `metadata` at the root). */
  prune(object: unknown): unknown;
  /** The paths `prune` would remove (`spec.foo`): what `fieldValidation=Strict` refuses and `Warn` warns about. */
  unknownFields(object: unknown): string[];
  /** Fills in `default`s (and drops non-nullable nulls), as on every write and read of a custom resource. */
  applyDefaults(object: unknown): unknown;
  /** Field errors, worded as the API server's (`spec.replicas: Invalid value: ...`); `old` enables transition rules and ratcheting. */
  validate(object: unknown, old?: unknown): StatusCause[];
  /** How server-side apply merges the lists and maps of this version. */
  readonly mergeSchema: MergeSchema;
  /** `x-kubernetes-validations` rules outside the supported CEL subset (not enforced; worth a warning). */
  readonly unsupportedRules: readonly string[];
}

/** Options of {@link compileSchema}. */
export interface CompileSchemaOptions {
  /** Where the schema sits, prefixed to the `field` of each problem. @default 'openAPIV3Schema' */
  fieldPath?: string;
}

/**
 * Checks that a CRD version's `openAPIV3Schema` is structural and compiles it into the steps the
 * API server runs on every custom resource it stores: prune → default → validate.
 *
 * Validation uses ajv for the OpenAPI keywords (types incl. `nullable` and
 * `x-kubernetes-int-or-string`, formats `int32`/`int64`/`date-time`/`date`/`duration`/`byte`/
 * `uri`/`email`/`hostname`/`ipv4`/`ipv6`/`cidr`/`mac`/`uuid`..., `enum`, minimum/maximum (incl.
 * exclusive), lengths, `pattern`, item and property counts, `required`, `allOf`/`anyOf`/`oneOf`/
 * `not`), then checks `x-kubernetes-list-type` set/map uniqueness, embedded resources'
 * `apiVersion`/`kind`, and the `x-kubernetes-validations` rules in the CEL subset documented on
 * {@link parseCel} (`self.a <= self.b`, `self.x.size() <= 5`, `has(self.x)`,
 * `self.name.startsWith('a')`, `&&`/`||`/`!`, `in`, `all`/`exists`, transition rules with
 * `oldSelf`). On update (`old` given) errors at values that did not change are dropped
 * (CRDValidationRatcheting, on by default since 1.30).
 *
 * ## Example
 * ```ts
 * const compiled = compileSchema(version.schema.openAPIV3Schema, { group: 'example.com', kind: 'Widget' });
 * const stored = compiled.applyDefaults(compiled.prune(body));
 * const causes = compiled.validate(stored);
 * if (causes.length > 0) reject422(causes);
 * ```
 *
 * @param schema The version's `openAPIV3Schema`.
 * @param target The group and kind, for error messages.
 * @throws {SchemaError} `NotStructural`, with one cause per problem (see {@link structuralProblems}).
 */
export function compileSchema(schema: JSONSchemaProps, target: { group: string; kind: string }, options: CompileSchemaOptions = {}): CompiledSchema {
  const structural = asStructural(schema);
  const problems = structuralProblems(structural, options.fieldPath ?? 'openAPIV3Schema');
  if (problems.length > 0) throw new SchemaError('NotStructural', `${target.kind}.${target.group}`, problems);
  const validator = compileValidator(structural);
  return {
    prune(object) {
      const copy = cloneJson(object);
      pruneInPlace(copy, structural, true);
      return copy;
    },
    unknownFields(object) {
      return pruneInPlace(cloneJson(object), structural, true);
    },
    applyDefaults(object) {
      const copy = cloneJson(object);
      applyDefaultsInPlace(copy, structural);
      return copy;
    },
    validate(object, old) {
      return validator.validate(object, old);
    },
    mergeSchema: crdMergeSchema(schema),
    unsupportedRules: validator.unsupportedRules,
  };
}
