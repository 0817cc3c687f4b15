// The scheduler of the simulation: binds pending pods to Ready nodes that fit them.
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import type { ServerContext } from '../server-context.js';
import { at, isTerminating, listAt, nameOf, namespaceOf, objectAt, stringAt, type ClusterWriter, type Json } from './cluster-writer.js';
import { isNodeReady } from './simulated-nodes.js';

/** Whether a pod tolerates a node's NoSchedule/NoExecute taints. */
function tolerates(pod: Json, node: Json): boolean {
  const tolerations = listAt(pod, 'spec', 'tolerations');
  return listAt(node, 'spec', 'taints').every((taint) => {
    if (taint['effect'] === 'PreferNoSchedule') return true;
    return tolerations.some((t) => {
      if (t['effect'] !== undefined && t['effect'] !== '' && t['effect'] !== taint['effect']) return false;
      if (t['operator'] === 'Exists') return t['key'] === undefined || t['key'] === '' || t['key'] === taint['key'];
      return t['key'] === taint['key'] && (t['value'] ?? '') === (taint['value'] ?? '');
    });
  });
}

/** Whether a node's labels satisfy a pod's nodeSelector and required node affinity (matchExpressions/matchFields). */
function fits(pod: Json, node: Json): boolean {
  const labels = objectAt(node, 'metadata', 'labels') as Record<string, string>;
  const selector = objectAt(pod, 'spec', 'nodeSelector') as Record<string, string>;
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) return false;
  const terms = listAt(pod, 'spec', 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
  if (terms.length === 0) return true;
  const matches = (requirement: Json, value: string | undefined): boolean => {
    const values = Array.isArray(requirement['values']) ? (requirement['values'] as string[]) : [];
    switch (requirement['operator']) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      case 'Gt':
        return value !== undefined && Number(value) > Number(values[0]);
      case 'Lt':
        return value !== undefined && Number(value) < Number(values[0]);
      default:
        return false;
    }
  };
  return terms.some(
    (term) =>
      listAt(term, 'matchExpressions').every((r) => matches(r, labels[String(r['key'])])) &&
      listAt(term, 'matchFields').every((r) => matches(r, r['key'] === 'metadata.name' ? nameOf(node) : undefined)),
  );
}

/**
 * What kube-scheduler does for the simulation: a pending pod for `default-scheduler` (no
 * `spec.nodeName`, not being deleted, no scheduling gates) is bound to a Ready, schedulable
 * node whose labels satisfy its nodeSelector and required node affinity and whose taints it
 * tolerates — the node with the fewest pods, so replicas spread. A pod that fits nowhere gets
 * `PodScheduled: False` (reason Unschedulable) and is tried again when nodes change.
 */
export class PodScheduler {
  readonly #writer: ClusterWriter;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext, writer: ClusterWriter) {
    this.#writer = writer;
    const pods = writer.bucket('pods');
    const nodes = writer.bucket('nodes');
    this.#queue = new KeyedWorkQueue(ctx, {
      observe: (event) => {
        if (event.bucket === pods && event.type !== 'DELETED' && this.#pending(event.object as Json)) this.#queue.add(event.key);
        else if (event.bucket === nodes && event.type !== 'DELETED') {
          for (const pod of writer.list('pods')) if (this.#pending(pod)) this.#queue.add(`${namespaceOf(pod)}/${nameOf(pod)}`);
        }
      },
      sync: (key) => this.#schedule(key),
    });
    for (const pod of writer.list('pods')) if (this.#pending(pod)) this.#queue.add(`${namespaceOf(pod)}/${nameOf(pod)}`);
  }

  /** Stops scheduling. */
  close(): void {
    this.#queue.close();
  }

  #pending(pod: Json): boolean {
    const scheduler = stringAt(pod, 'spec', 'schedulerName');
    return (
      stringAt(pod, 'spec', 'nodeName') === '' &&
      !isTerminating(pod) &&
      (scheduler === '' || scheduler === 'default-scheduler') &&
      listAt(pod, 'spec', 'schedulingGates').length === 0
    );
  }

  #schedule(key: string): void {
    const [namespace = '', name = ''] = key.split('/');
    const pod = this.#writer.get('pods', namespace, name);
    if (pod === undefined || !this.#pending(pod)) return;
    const nodes = this.#writer.list('nodes');
    const candidates = nodes.filter((n) => isNodeReady(n) && at(n, 'spec', 'unschedulable') !== true && fits(pod, n) && tolerates(pod, n));
    if (candidates.length === 0) {
      this.#unschedulable(pod, nodes.length);
      return;
    }
    const load = new Map<string, number>();
    for (const p of this.#writer.list('pods')) {
      const node = stringAt(p, 'spec', 'nodeName');
      if (node !== '') load.set(node, (load.get(node) ?? 0) + 1);
    }
    const chosen = candidates.reduce((best, n) => ((load.get(nameOf(n)) ?? 0) < (load.get(nameOf(best)) ?? 0) ? n : best));
    const bound = this.#writer.bind(pod, nameOf(chosen));
    if (bound === undefined) return;
    const conditions = listAt(bound, 'status', 'conditions').filter((c) => c['type'] !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.#writer.now() });
    this.#writer.updateStatus('pods', bound, { ...objectAt(bound, 'status'), conditions });
  }

  #unschedulable(pod: Json, nodeCount: number): void {
    const message =
      nodeCount === 0
        ? 'no nodes available to schedule pods'
        : `0/${nodeCount} nodes are available: ${nodeCount} node(s) didn't match Pod's node affinity/selector. preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`;
    const status = objectAt(pod, 'status');
    const previous = listAt(status, 'conditions').find((c) => c['type'] === 'PodScheduled');
    if (previous?.['status'] === 'False' && previous['message'] === message) return;
    const conditions = listAt(status, 'conditions').filter((c) => c['type'] !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: this.#writer.now(), reason: 'Unschedulable', message });
    this.#writer.updateStatus('pods', pod, { ...status, conditions });
  }
}
