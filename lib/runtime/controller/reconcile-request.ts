// A request to reconcile one object, and why it was made.
import { objectRefKey, type ObjectRef } from '../../core/object-ref.js';

/**
 * Why a reconcile was requested. It is carried for logs and metrics and deliberately not
 * given to the reconciler: reconcilers must not depend on why they run (kube-rs #800).
 */
export type ReconcileReason =
  | { readonly type: 'Unknown' }
  | { readonly type: 'ObjectUpdated' }
  | { readonly type: 'RelatedObjectUpdated'; readonly related: ObjectRef }
  | { readonly type: 'ReconcilerRequestedRetry' }
  | { readonly type: 'ErrorPolicyRequestedRetry' }
  | { readonly type: 'BulkReconcile' }
  | { readonly type: 'Custom'; readonly reason: string };

/**
 * Reconcile the object `ref` points at. Two requests for the same object are the same
 * request (`reconcileRequestKey`), whatever their reasons: the queue keeps one of them.
 */
export interface ReconcileRequest {
  readonly ref: ObjectRef;
  readonly reason: ReconcileReason;
}

/** The queue identity of a request: its object's {@link objectRefKey}. */
export function reconcileRequestKey(request: ReconcileRequest): string {
  return objectRefKey(request.ref);
}

/** A short human form of a reason: `object updated`, `related object updated: ConfigMap.v1./x.ns`. */
export function formatReconcileReason(reason: ReconcileReason): string {
  switch (reason.type) {
    case 'Unknown':
      return 'unknown';
    case 'ObjectUpdated':
      return 'object updated';
    case 'RelatedObjectUpdated':
      return `related object updated: ${reason.related.kind}/${reason.related.namespace === undefined ? '' : `${reason.related.namespace}/`}${reason.related.name}`;
    case 'ReconcilerRequestedRetry':
      return 'reconciler requested retry';
    case 'ErrorPolicyRequestedRetry':
      return 'error policy requested retry';
    case 'BulkReconcile':
      return 'bulk reconcile requested';
    case 'Custom':
      return reason.reason;
  }
}
