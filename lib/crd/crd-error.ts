// Raised when a custom resource definition, its schema, a CRD merge or a custom object is wrong.
import { isKubeErrorNamed, KubeError } from '../core/errors/kube-error.js';

/**
 * Why a custom-resource operation failed.
 *
 * - `NonStructuralSchema`: the schema cannot be made structural (a union of unrelated types,
 *   `patternProperties`, a recursive `$ref`, ...); `path` names the field.
 * - `InvalidDefinition`: a name, group, version, printer column, scale path, selectable field or
 *   CEL rule of the definition is malformed; `path` names the option.
 * - `InvalidObject`: `assertValid` found the object does not match the schema; `issues` lists every problem.
 * - `MissingCrds`, `MissingVersions`, `MultiVersionCrd`, `MissingStoredApi`, `PropertyMismatch`,
 *   `DuplicateVersion`: {@link mergeCrds} was given CRDs that cannot be merged (kube-rs `MergeError`).
 */
export type CrdErrorReason =
  | 'NonStructuralSchema'
  | 'InvalidDefinition'
  | 'InvalidObject'
  | 'MissingCrds'
  | 'MissingVersions'
  | 'MultiVersionCrd'
  | 'MissingStoredApi'
  | 'PropertyMismatch'
  | 'DuplicateVersion';

/** One problem found in an object: the field path in Kubernetes notation and what is wrong there. */
export interface ValidationIssue {
  /** `spec.replicas`, `spec.ports[0].name`, `metadata.name`; `<root>` for the object itself. */
  readonly path: string;
  /** A lowercase phrase: `must be integer`, `is required`, `must be one of "a", "b"`. */
  readonly message: string;
  /** The schema keyword that failed (`type`, `required`, `enum`, `x-kubernetes-list-type`, ...). */
  readonly keyword: string;
}

/** `spec.replicas: must be integer`. */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/**
 * A custom resource definition, a CRD merge or a custom object was refused.
 *
 * ## Example
 * ```ts
 * try {
 *   Widget.assertValid({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { replicas: 'x' } });
 * } catch (error) {
 *   if (isCrdError(error)) console.log(error.issues.map(formatIssue)); // ['spec.replicas: must be integer']
 * }
 * ```
 */
export class CrdError extends KubeError<CrdErrorReason> {
  override name = 'CrdError' as const;
  /** The field or option at fault (`spec.ports[*].port`, `printColumns[1].jsonPath`), or `''`. */
  readonly path: string;
  /** For `InvalidObject`: every problem found, in schema order. Empty otherwise. */
  readonly issues: readonly ValidationIssue[];

  constructor(
    reason: CrdErrorReason,
    path: string,
    message: string,
    options?: ErrorOptions & { issues?: readonly ValidationIssue[] },
  ) {
    super(reason, path === '' ? message : `${path}: ${message}`, options);
    this.path = path;
    this.issues = options?.issues ?? [];
  }
}

/** True for a CrdError, also from another copy of this package (the KubeError brand, then the name). */
export function isCrdError(error: unknown): error is CrdError {
  return isKubeErrorNamed<CrdError>(error, 'CrdError');
}
