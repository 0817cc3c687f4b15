// The DaemonSet controller: one pod on every eligible node, rolled over node by node when the template changes.
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import type { ServerContext } from '../server-context.js';
import { at, controllerRef, isTerminating, labelsOf, listAt, nameOf, numberAt, objectAt, stringAt, type ClusterWriter, type Json } from './cluster-writer.js';
import { CONTROLLER_REVISION_HASH, currentRevision, pruneRevisions } from './controller-revisions.js';
import { isPodFinished, isPodReady, msUntilAvailable } from './pod-readiness.js';
import { ownerKeyOf } from './replica-set-controller.js';
import { isNodeReady } from './simulated-nodes.js';
import { scaledValue } from './deployment-controller.js';
import { createPodFromTemplate, ownedPods } from './workload-pods.js';

/** The tolerations the DaemonSet controller adds to its pods (`util.AddOrUpdateDaemonPodTolerations`). */
const DAEMON_TOLERATIONS: readonly Json[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** Whether a DaemonSet's pods belong on a node: its nodeSelector matches and its taints are tolerated. */
function eligible(template: Json, node: Json): boolean {
  const labels = objectAt(node, 'metadata', 'labels') as Record<string, string>;
  if (Object.entries(objectAt(template, 'spec', 'nodeSelector')).some(([k, v]) => labels[k] !== v)) return false;
  const tolerations = [...listAt(template, 'spec', 'tolerations'), ...DAEMON_TOLERATIONS];
  return listAt(node, 'spec', 'taints').every(
    (taint) => taint['effect'] === 'PreferNoSchedule' || tolerations.some((t) => (t['key'] === undefined || t['key'] === taint['key']) && (t['effect'] === undefined || t['effect'] === taint['effect'])),
  );
}

/** The node a daemon pod is pinned to (its required node affinity), or its nodeName. */
function nodeOf(pod: Json): string {
  const pinned = listAt(pod, 'spec', 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms')
    .flatMap((t) => listAt(t, 'matchFields'))
    .find((f) => f['key'] === 'metadata.name');
  const values = at(pinned, 'values');
  return Array.isArray(values) && typeof values[0] === 'string' ? values[0] : stringAt(pod, 'spec', 'nodeName');
}

/**
 * kube-controller-manager's daemonset controller for the simulation: one pod per Ready node
 * that the template's nodeSelector and tolerations allow, pinned to it by a required node
 * affinity on `metadata.name` (the scheduler then binds it), with the controller's tolerations,
 * `controller-revision-hash` and `pod-template-generation` labels; pods on nodes that no longer
 * qualify are deleted; RollingUpdate replaces outdated pods up to `maxUnavailable` at a time.
 * Status: desiredNumberScheduled, currentNumberScheduled, numberMisscheduled, numberReady,
 * updatedNumberScheduled, numberAvailable, numberUnavailable, observedGeneration.
 */
export class DaemonSetController {
  readonly #ctx: ServerContext;
  readonly #writer: ClusterWriter;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext, writer: ClusterWriter) {
    this.#ctx = ctx;
    this.#writer = writer;
    const sets = writer.bucket('daemonsets');
    const pods = writer.bucket('pods');
    const nodes = writer.bucket('nodes');
    this.#queue = new KeyedWorkQueue(ctx, {
      observe: (event) => {
        if (event.bucket === sets && event.type !== 'DELETED') this.#queue.add(event.key);
        else if (event.bucket === pods) {
          const owner = ownerKeyOf(event, 'DaemonSet');
          if (owner !== undefined) this.#queue.add(owner);
        } else if (event.bucket === nodes) {
          for (const set of writer.list('daemonsets')) this.#queue.add(`${stringAt(set, 'metadata', 'namespace')}/${nameOf(set)}`);
        }
      },
      sync: (key) => this.#sync(key),
    });
    for (const set of writer.list('daemonsets')) this.#queue.add(`${stringAt(set, 'metadata', 'namespace')}/${nameOf(set)}`);
  }

  /** Stops managing DaemonSets. */
  close(): void {
    this.#queue.close();
  }

  #sync(key: string): void {
    const [namespace = '', name = ''] = key.split('/');
    const set = this.#writer.get('daemonsets', namespace, name);
    if (set === undefined || isTerminating(set)) return;
    const template = objectAt(set, 'spec', 'template');
    const revision = currentRevision(this.#writer, set, 'apps/v1', 'DaemonSet');
    const generation = String(numberAt(set, 1, 'metadata', 'generation'));
    const nodes = this.#writer.list('nodes').filter((n) => isNodeReady(n) && eligible(template, n));
    const wanted = new Set(nodes.map(nameOf));
    const pods = ownedPods(this.#writer, set, namespace).filter((p) => !isPodFinished(p));
    const live = pods.filter((p) => !isTerminating(p));
    const byNode = new Map<string, Json[]>();
    for (const pod of live) byNode.set(nodeOf(pod), [...(byNode.get(nodeOf(pod)) ?? []), pod]);

    for (const node of wanted) {
      if ((byNode.get(node) ?? []).length > 0 || pods.some((p) => nodeOf(p) === node)) continue;
      const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } } };
      const tolerations = [...listAt(template, 'spec', 'tolerations')];
      for (const t of DAEMON_TOLERATIONS) if (!tolerations.some((x) => x['key'] === t['key'] && x['effect'] === t['effect'])) tolerations.push(t);
      createPodFromTemplate(this.#writer, namespace, template, controllerRef(set, 'apps/v1', 'DaemonSet'), {
        generateName: `${name}-`,
        labels: { [CONTROLLER_REVISION_HASH]: revision.hash, 'pod-template-generation': generation },
        spec: { affinity: { ...objectAt(template, 'spec', 'affinity'), ...affinity }, tolerations },
      });
    }
    for (const [node, onNode] of byNode) {
      const extra = wanted.has(node) ? onNode.slice(1) : onNode;
      for (const pod of extra) this.#writer.delete('pods', namespace, nameOf(pod));
    }
    const strategy = objectAt(set, 'spec', 'updateStrategy');
    if (stringAt(strategy, 'type') !== 'OnDelete') {
      const maxUnavailable = Math.max(1, scaledValue(at(strategy, 'rollingUpdate', 'maxUnavailable') ?? 1, wanted.size, true));
      const current = live.filter((p) => wanted.has(nodeOf(p)));
      const unavailable = wanted.size - current.filter((p) => isPodReady(p) && labelsOf(p)[CONTROLLER_REVISION_HASH] === revision.hash).length;
      const outdated = current.filter((p) => labelsOf(p)[CONTROLLER_REVISION_HASH] !== revision.hash);
      const terminating = pods.filter((p) => isTerminating(p)).length;
      const budget = maxUnavailable - Math.max(0, unavailable - outdated.length) - terminating;
      for (const pod of outdated.slice(0, Math.max(0, budget))) this.#writer.delete('pods', namespace, nameOf(pod));
    }
    this.#syncStatus(set, wanted, revision.hash, revision.name, key);
  }

  #syncStatus(set: Json, wanted: ReadonlySet<string>, hash: string, revisionName: string, key: string): void {
    const namespace = stringAt(set, 'metadata', 'namespace');
    const pods = ownedPods(this.#writer, set, namespace).filter((p) => !isTerminating(p) && !isPodFinished(p));
    const scheduled = pods.filter((p) => stringAt(p, 'spec', 'nodeName') !== '');
    const onWanted = scheduled.filter((p) => wanted.has(nodeOf(p)));
    const minReadySeconds = numberAt(set, 0, 'spec', 'minReadySeconds');
    const now = this.#writer.date();
    let available = 0;
    let soonest: number | undefined;
    for (const pod of onWanted) {
      const wait = msUntilAvailable(pod, minReadySeconds, now);
      if (wait === 0) available += 1;
      else if (wait !== undefined) soonest = Math.min(soonest ?? wait, wait);
    }
    if (soonest !== undefined) this.#ctx.defer(() => this.#queue.add(key), soonest + 1);
    pruneRevisions(this.#writer, set, new Set([revisionName]));
    const status = objectAt(set, 'status');
    this.#writer.updateStatus('daemonsets', set, {
      ...status,
      currentNumberScheduled: new Set(onWanted.map(nodeOf)).size,
      numberMisscheduled: scheduled.filter((p) => !wanted.has(nodeOf(p))).length,
      desiredNumberScheduled: wanted.size,
      numberReady: onWanted.filter(isPodReady).length,
      observedGeneration: numberAt(set, 0, 'metadata', 'generation'),
      updatedNumberScheduled: onWanted.filter((p) => labelsOf(p)[CONTROLLER_REVISION_HASH] === hash).length,
      numberAvailable: available,
      ...(wanted.size - available > 0 ? { numberUnavailable: wanted.size - available } : {}),
    });
  }
}
