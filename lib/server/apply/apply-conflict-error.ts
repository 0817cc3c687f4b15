// Raised when a server-side apply would change fields that other managers own (409 Conflict).
import { KubeError, type StatusCause } from '../../core/index.js';
import { formatPath, type FieldPath } from './field-set.js';
import type { ManagerFields } from './managed-fields.js';

/** One conflicting field and the manager that owns it. */
export interface ApplyConflict {
  readonly manager: ManagerFields;
  readonly path: FieldPath;
}

/**
 * The applied configuration changes fields owned by other managers, and `force` was not set.
 * The API server answers 409 with reason `Conflict`, this `message`, and `details.causes`
 * (`{reason: 'FieldManagerConflict', message: 'conflict with "mgr" using apps/v1', field: '.spec.replicas'}`).
 *
 * Messages are kube-apiserver's: `Apply failed with 1 conflict: conflict with "mgr" using
 * apps/v1: .spec.replicas`, or for several `Apply failed with 2 conflicts: conflicts with "a":\n-
 * .x\n- .y\nconflicts with "b" using v1:\n- .z` (managers sorted). Update managers print with
 * `using <apiVersion>`, apply managers without; subresource managers add `with subresource "status"`.
 *
 * ## Example
 * ```ts
 * try {
 *   serverSideApply({ ...input, force: false });
 * } catch (error) {
 *   if (isApplyConflictError(error)) answer(409, error.message, error.causes);
 * }
 * ```
 */
export class ApplyConflictError extends KubeError<'Conflict'> {
  override name = 'ApplyConflictError' as const;
  /** One `FieldManagerConflict` cause per conflicting field. */
  readonly causes: StatusCause[];
  /** The conflicts, grouped by manager in message order. */
  readonly conflicts: readonly ApplyConflict[];

  constructor(conflicts: readonly ApplyConflict[], options?: ErrorOptions) {
    const sorted = [...conflicts].sort((a, b) => compare(identity(a), identity(b)) || compare(formatPath(a.path), formatPath(b.path)));
    super('Conflict', conflictMessage(sorted), options);
    this.conflicts = sorted;
    this.causes = sorted.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: formatPath(c.path) }));
  }
}

/** `instanceof ApplyConflictError` that also holds across two copies of this package. */
export function isApplyConflictError(error: unknown): error is ApplyConflictError {
  return error instanceof ApplyConflictError || (error as { name?: unknown } | null)?.name === 'ApplyConflictError';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function identity(conflict: ApplyConflict): string {
  const m = conflict.manager;
  return JSON.stringify({ manager: m.manager, operation: m.operation, ...(m.operation === 'Update' ? { apiVersion: m.apiVersion } : {}), subresource: m.subresource });
}

/** `"name"`, `"name" with subresource "status"`, then ` using <apiVersion>` for Update managers. */
export function printManager(manager: ManagerFields): string {
  let text = JSON.stringify(manager.manager);
  if (manager.subresource !== '') text += ` with subresource ${JSON.stringify(manager.subresource)}`;
  if (manager.operation === 'Update') text += ` using ${manager.apiVersion}`;
  return text;
}

function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only !== undefined) {
    return `Apply failed with 1 conflict: conflict with ${printManager(only.manager)}: ${formatPath(only.path)}`;
  }
  const lines: string[] = [];
  let current: string | undefined;
  for (const conflict of conflicts) {
    const id = identity(conflict);
    if (id !== current) {
      lines.push(`conflicts with ${printManager(conflict.manager)}:`);
      current = id;
    }
    lines.push(`- ${formatPath(conflict.path)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
