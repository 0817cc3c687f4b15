// The Job controller: pods up to parallelism until completions succeed, then SuccessCriteriaMet and Complete.
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import type { ServerContext } from '../server-context.js';
import { controllerRef, isTerminating, listAt, nameOf, numberAt, objectAt, stringAt, type ClusterWriter, type Json } from './cluster-writer.js';
import { isPodReady } from './pod-readiness.js';
import { ownerKeyOf } from './replica-set-controller.js';
import { createPodFromTemplate, ownedPods } from './workload-pods.js';

const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
const DONE = 'Reached expected number of succeeded pods';

/** `"0-2,4"`: a set of indexes as the Job status writes `completedIndexes`. */
export function formatIndexes(indexes: readonly number[]): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j += 1;
    ranges.push(i === j ? String(sorted[i]) : `${String(sorted[i])}-${String(sorted[j])}`);
    i = j + 1;
  }
  return ranges.join(',');
}

function hasCondition(job: Json, type: string): boolean {
  return listAt(job, 'status', 'conditions').some((c) => c['type'] === type && c['status'] === 'True');
}

function indexOf(pod: Json): number {
  return Number(stringAt(pod, 'metadata', 'annotations', COMPLETION_INDEX));
}

/**
 * kube-controller-manager's job controller for the simulation: while fewer than
 * `spec.completions` pods have succeeded (or, without completions, until one has), it keeps up
 * to `spec.parallelism` pods running (for Indexed Jobs one per missing index, named
 * `<job>-<index>-<random>` with the completion-index annotation, label, hostname and
 * `JOB_COMPLETION_INDEX`); a suspended Job runs none and says so in its `Suspended` condition.
 * Status: startTime, active, ready, terminating, succeeded, failed, completedIndexes,
 * uncountedTerminatedPods, and once done the `SuccessCriteriaMet` then `Complete` conditions
 * (reason CompletionsReached) with completionTime, as 1.32's controller writes them.
 */
export class JobController {
  readonly #writer: ClusterWriter;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext, writer: ClusterWriter) {
    this.#writer = writer;
    const jobs = writer.bucket('jobs');
    const pods = writer.bucket('pods');
    this.#queue = new KeyedWorkQueue(ctx, {
      observe: (event) => {
        if (event.bucket === jobs && event.type !== 'DELETED') this.#queue.add(event.key);
        else if (event.bucket === pods) {
          const owner = ownerKeyOf(event, 'Job');
          if (owner !== undefined) this.#queue.add(owner);
        }
      },
      sync: (key) => this.#sync(key),
    });
    for (const job of writer.list('jobs')) this.#queue.add(`${stringAt(job, 'metadata', 'namespace')}/${nameOf(job)}`);
  }

  /** Stops managing Jobs. */
  close(): void {
    this.#queue.close();
  }

  #sync(key: string): void {
    const [namespace = '', name = ''] = key.split('/');
    const job = this.#writer.get('jobs', namespace, name);
    if (job === undefined || isTerminating(job) || hasCondition(job, 'Complete') || hasCondition(job, 'Failed')) return;
    const spec = objectAt(job, 'spec');
    const status = objectAt(job, 'status');
    const indexed = stringAt(spec, 'completionMode') === 'Indexed';
    const completions = typeof spec['completions'] === 'number' ? spec['completions'] : undefined;
    const parallelism = numberAt(spec, 1, 'parallelism');
    const suspended = spec['suspend'] === true;
    const pods = ownedPods(this.#writer, job, namespace);
    const phase = (p: Json): string => stringAt(p, 'status', 'phase');
    const running = pods.filter((p) => !isTerminating(p) && phase(p) !== 'Succeeded' && phase(p) !== 'Failed');
    const terminating = pods.filter((p) => isTerminating(p) && phase(p) !== 'Succeeded' && phase(p) !== 'Failed').length;
    const succeededPods = pods.filter((p) => phase(p) === 'Succeeded');
    const completedIndexes = indexed ? [...new Set(succeededPods.map(indexOf).filter((i) => Number.isInteger(i) && (completions === undefined || i < completions)))] : [];
    const succeeded = Math.max(numberAt(status, 0, 'succeeded'), indexed ? completedIndexes.length : succeededPods.length);
    const failed = Math.max(numberAt(status, 0, 'failed'), pods.filter((p) => phase(p) === 'Failed').length);
    const now = this.#writer.now();
    const done = completions === undefined ? succeeded > 0 && running.length === 0 : succeeded >= completions;
    const conditions = listAt(status, 'conditions').filter((c) => c['type'] !== 'Suspended' || suspended);

    if (suspended) {
      for (const pod of running) this.#writer.delete('pods', namespace, nameOf(pod));
      if (!conditions.some((c) => c['type'] === 'Suspended')) {
        conditions.push({ type: 'Suspended', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'JobSuspended', message: 'Job suspended' });
      }
    } else if (!done) {
      const template = objectAt(spec, 'template');
      const owner = controllerRef(job, 'batch/v1', 'Job');
      if (indexed && completions !== undefined) {
        const busy = new Set([...running.map(indexOf), ...completedIndexes]);
        let budget = parallelism - running.length;
        for (let index = 0; index < completions && budget > 0; index += 1) {
          if (busy.has(index)) continue;
          budget -= 1;
          this.#createIndexed(namespace, name, template, owner, index);
        }
      } else {
        const remaining = completions === undefined ? parallelism : Math.min(parallelism, completions - succeeded);
        for (let i = running.length; i < remaining; i += 1) createPodFromTemplate(this.#writer, namespace, template, owner, { generateName: `${name}-` });
      }
    }

    const active = suspended ? 0 : ownedPods(this.#writer, job, namespace).filter((p) => !isTerminating(p) && phase(p) !== 'Succeeded' && phase(p) !== 'Failed');
    const next: Json = {
      ...status,
      ...(suspended || status['startTime'] !== undefined ? {} : { startTime: now }),
      active: Array.isArray(active) ? active.length : 0,
      ready: Array.isArray(active) ? active.filter(isPodReady).length : 0,
      terminating,
      succeeded,
      failed,
      uncountedTerminatedPods: {},
      conditions,
    };
    if (indexed) next['completedIndexes'] = formatIndexes(completedIndexes);
    if (done && !suspended) {
      const criteria = { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: now, lastTransitionTime: now, reason: 'CompletionsReached', message: DONE };
      const met = conditions.find((c) => c['type'] === 'SuccessCriteriaMet') ?? criteria;
      next['conditions'] = [...conditions.filter((c) => c['type'] !== 'SuccessCriteriaMet'), met, { ...criteria, type: 'Complete' }];
      next['completionTime'] = now;
      next['active'] = 0;
      next['ready'] = 0;
    }
    this.#writer.updateStatus('jobs', job, next);
  }

  #createIndexed(namespace: string, name: string, template: Json, owner: Json, index: number): void {
    const spec = objectAt(template, 'spec');
    const withIndex = (containers: Json[]): Json[] =>
      containers.map((c) => ({ ...c, env: [...listAt(c, 'env').filter((e) => e['name'] !== 'JOB_COMPLETION_INDEX'), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } }] }));
    createPodFromTemplate(this.#writer, namespace, template, owner, {
      generateName: `${name}-${index}-`,
      labels: { [COMPLETION_INDEX]: String(index) },
      annotations: { [COMPLETION_INDEX]: String(index) },
      spec: {
        hostname: `${name}-${index}`,
        containers: withIndex(listAt(spec, 'containers')),
        ...(listAt(spec, 'initContainers').length > 0 ? { initContainers: withIndex(listAt(spec, 'initContainers')) } : {}),
      },
    });
  }
}
