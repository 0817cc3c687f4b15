// Pod readiness and availability as the workload controllers count them.
import { listAt, stringAt, type Json } from './cluster-writer.js';

/** Whether a pod is Running with its Ready condition True. */
export function isPodReady(pod: Json): boolean {
  return stringAt(pod, 'status', 'phase') === 'Running' && listAt(pod, 'status', 'conditions').some((c) => c['type'] === 'Ready' && c['status'] === 'True');
}

/** Whether a pod has ended (Succeeded or Failed). */
export function isPodFinished(pod: Json): boolean {
  const phase = stringAt(pod, 'status', 'phase');
  return phase === 'Succeeded' || phase === 'Failed';
}

/**
 * How long until a ready pod counts as available (`minReadySeconds` after it turned Ready),
 * in milliseconds: 0 when it is available now, `undefined` when it is not ready.
 */
export function msUntilAvailable(pod: Json, minReadySeconds: number, now: Date): number | undefined {
  if (!isPodReady(pod)) return undefined;
  if (minReadySeconds <= 0) return 0;
  const ready = listAt(pod, 'status', 'conditions').find((c) => c['type'] === 'Ready');
  const since = Date.parse(stringAt(ready, 'lastTransitionTime'));
  if (Number.isNaN(since)) return 0;
  return Math.max(0, since + minReadySeconds * 1000 - now.getTime());
}
