// Parameters of delete calls (sent as a DeleteOptions body), and their validation.
import { checkInteger, checkOneOf } from './checks.js';

/** What happens to dependents (objects whose ownerReferences point at the deleted one). */
export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** Delete only if the object still has this uid and/or resourceVersion. */
export interface Preconditions {
  readonly uid?: string;
  readonly resourceVersion?: string;
}

/** Parameters of `delete` and `deleteCollection`, sent as the `DeleteOptions` body. */
export interface DeleteParams {
  readonly dryRun?: boolean;
  /** Seconds before the object is removed; 0 deletes now. Pods only, in practice. */
  readonly gracePeriodSeconds?: number;
  /** @default 'Background' on the server for apps/v1, core and custom resources */
  readonly propagationPolicy?: PropagationPolicy;
  readonly preconditions?: Preconditions;
}

/**
 * Checks delete params before any request exists.
 *
 * @throws {RequestBuildError} `InvalidParams` for a negative or fractional grace period, or
 *   an unknown propagation policy.
 */
export function validateDeleteParams(params: DeleteParams): void {
  checkInteger('DeleteParams.gracePeriodSeconds', params.gracePeriodSeconds, 0);
  checkOneOf('DeleteParams.propagationPolicy', params.propagationPolicy, ['Orphan', 'Background', 'Foreground']);
}

/** The JSON `DeleteOptions` body for these params (`{}` when all are default). */
export function deleteOptionsBody(params: DeleteParams): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (params.dryRun === true) body['dryRun'] = ['All'];
  if (params.gracePeriodSeconds !== undefined) body['gracePeriodSeconds'] = params.gracePeriodSeconds;
  if (params.propagationPolicy !== undefined) body['propagationPolicy'] = params.propagationPolicy;
  if (params.preconditions !== undefined) body['preconditions'] = { ...params.preconditions };
  return body;
}
