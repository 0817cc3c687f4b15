// The Deployment controller: ReplicaSets per template revision, rolling updates, revisions, status and conditions.
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import { sameContent } from '../objects/canonical-object.js';
import type { ServerContext } from '../server-context.js';
import {
  at,
  controllerRef,
  controllerUid,
  isTerminating,
  listAt,
  nameOf,
  numberAt,
  objectAt,
  stringAt,
  uidOf,
  type ClusterWriter,
  type Json,
} from './cluster-writer.js';
import { ownerKeyOf } from './replica-set-controller.js';
import { templateHash } from './template-hash.js';

/** The annotations the deployment controller keeps (pkg/controller/deployment/util). */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** The label that ties a ReplicaSet and its pods to one template. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';
/** Annotations never copied from a Deployment to its ReplicaSets. */
const NOT_COPIED = new Set(['kubectl.kubernetes.io/last-applied-configuration', REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION]);

/** `intstr.GetScaledValueFromIntOrPercent`: an int, or a percentage of `total` rounded up or down. */
export function scaledValue(value: unknown, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+%$/.test(value)) {
    const scaled = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return 0;
}

/** maxSurge and maxUnavailable of a rolling update (`ResolveFenceposts`: never both zero). */
function fenceposts(deployment: Json, replicas: number): { surge: number; unavailable: number } {
  const rolling = objectAt(deployment, 'spec', 'strategy', 'rollingUpdate');
  const surge = scaledValue(rolling['maxSurge'] ?? '25%', replicas, true);
  let unavailable = scaledValue(rolling['maxUnavailable'] ?? '25%', replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

function revisionOf(rs: Json): number {
  const value = Number(stringAt(rs, 'metadata', 'annotations', REVISION_ANNOTATION));
  return Number.isFinite(value) ? value : 0;
}

function specReplicas(rs: Json): number {
  return numberAt(rs, 0, 'spec', 'replicas');
}

/** A template without the pod-template-hash label, to compare a ReplicaSet's with its Deployment's. */
function withoutHash(template: Json): Json {
  const meta = objectAt(template, 'metadata');
  const labels = { ...(objectAt(meta, 'labels') as Record<string, string>) };
  delete labels[POD_TEMPLATE_HASH];
  return { ...template, metadata: { ...meta, ...(Object.keys(labels).length > 0 ? { labels } : {}) } };
}

function condition(previous: Json[], type: string, status: string, reason: string, message: string, now: string): Json {
  const before = previous.find((c) => c['type'] === type);
  const same = before?.['status'] === status && before['reason'] === reason && before['message'] === message;
  return {
    type,
    status,
    lastUpdateTime: same ? before['lastUpdateTime'] : now,
    lastTransitionTime: before?.['status'] === status ? before['lastTransitionTime'] : now,
    reason,
    message,
  };
}

/**
 * kube-controller-manager's deployment controller for the simulation:
 *
 * - one ReplicaSet per pod template (`<name>-<pod-template-hash>`, the hash label on its
 *   selector, template and pods), annotated with its revision, desired and max replicas and the
 *   Deployment's own annotations (`kubernetes.io/change-cause` included), so `kubectl rollout
 *   history` lists it; returning to an earlier template (`kubectl rollout undo`) reuses that
 *   ReplicaSet with a new revision (the old ones kept in `revision-history`);
 * - RollingUpdate scales the new ReplicaSet up within `maxSurge` and the old ones down within
 *   `maxUnavailable`, counting available pods; Recreate scales the old ones to zero first;
 *   a paused Deployment only reports status;
 * - old ReplicaSets beyond `revisionHistoryLimit` are deleted once empty;
 * - status: observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas,
 *   unavailableReplicas, and the Available (MinimumReplicasAvailable) and Progressing
 *   (NewReplicaSetCreated, ReplicaSetUpdated, NewReplicaSetAvailable, DeploymentPaused)
 *   conditions, which `kubectl rollout status` and `kubectl wait --for=condition=Available` read.
 */
export class DeploymentController {
  readonly #writer: ClusterWriter;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext, writer: ClusterWriter) {
    this.#writer = writer;
    const deployments = writer.bucket('deployments');
    const replicaSets = writer.bucket('replicasets');
    this.#queue = new KeyedWorkQueue(ctx, {
      observe: (event) => {
        if (event.bucket === deployments && event.type !== 'DELETED') this.#queue.add(event.key);
        else if (event.bucket === replicaSets) {
          const owner = ownerKeyOf(event, 'Deployment');
          if (owner !== undefined) this.#queue.add(owner);
        }
      },
      sync: (key) => this.#sync(key),
    });
    for (const d of writer.list('deployments')) this.#queue.add(`${stringAt(d, 'metadata', 'namespace')}/${nameOf(d)}`);
  }

  /** Stops managing Deployments. */
  close(): void {
    this.#queue.close();
  }

  #sync(key: string): void {
    const [namespace = '', name = ''] = key.split('/');
    const deployment = this.#writer.get('deployments', namespace, name);
    if (deployment === undefined || isTerminating(deployment)) return;
    const uid = uidOf(deployment);
    const owned = this.#writer.list('replicasets', namespace).filter((rs) => controllerUid(rs) === uid);
    const template = objectAt(deployment, 'spec', 'template');
    let newRS = owned.find((rs) => !isTerminating(rs) && sameContent(withoutHash(objectAt(rs, 'spec', 'template')), template));
    let olds = owned.filter((rs) => rs !== newRS);
    const replicas = numberAt(deployment, 1, 'spec', 'replicas');
    const paused = at(deployment, 'spec', 'paused') === true;
    const recreate = stringAt(deployment, 'spec', 'strategy', 'type') === 'Recreate';
    const { surge, unavailable } = recreate ? { surge: 0, unavailable: replicas } : fenceposts(deployment, replicas);
    let created = false;

    if (!paused) {
      const maxOldRevision = olds.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
      if (newRS === undefined) {
        const oldPods = olds.reduce((n, rs) => n + numberAt(rs, 0, 'status', 'replicas'), 0);
        const initial = recreate ? (oldPods > 0 || olds.some((rs) => specReplicas(rs) > 0) ? 0 : replicas) : this.#newReplicas(deployment, undefined, olds, replicas, surge);
        newRS = this.#createReplicaSet(deployment, template, maxOldRevision + 1, initial, replicas + surge);
        created = newRS !== undefined;
      } else if (revisionOf(newRS) <= maxOldRevision) {
        newRS = this.#reviseReplicaSet(newRS, maxOldRevision + 1);
      }
      if (recreate) {
        for (const rs of olds) if (specReplicas(rs) > 0) this.#scale(rs, 0, deployment, replicas, surge);
        olds = olds.map((rs) => this.#writer.get('replicasets', namespace, nameOf(rs)) ?? rs);
        const oldPodsLeft = olds.some((rs) => numberAt(rs, 0, 'status', 'replicas') > 0 || specReplicas(rs) > 0);
        if (newRS !== undefined && !oldPodsLeft && specReplicas(newRS) !== replicas) newRS = this.#scale(newRS, replicas, deployment, replicas, surge) ?? newRS;
      } else if (newRS !== undefined) {
        const target = this.#newReplicas(deployment, newRS, olds, replicas, surge);
        if (target !== specReplicas(newRS)) newRS = this.#scale(newRS, target, deployment, replicas, surge) ?? newRS;
        olds = this.#scaleDownOld(deployment, newRS, olds, replicas, unavailable, surge);
      }
      this.#cleanup(deployment, olds);
    }
    this.#syncStatus(deployment, newRS, olds, replicas, unavailable, created, paused);
  }

  /** How many replicas the new ReplicaSet may have now (`NewRSNewReplicas`). */
  #newReplicas(deployment: Json, newRS: Json | undefined, olds: readonly Json[], replicas: number, surge: number): number {
    const current = newRS === undefined ? 0 : specReplicas(newRS);
    if (current >= replicas) return replicas;
    const total = olds.reduce((n, rs) => n + specReplicas(rs), 0) + current;
    const room = replicas + surge - total;
    if (room <= 0) return current;
    void deployment;
    return current + Math.min(room, replicas - current);
  }

  #createReplicaSet(deployment: Json, template: Json, revision: number, initial: number, maxReplicas: number): Json | undefined {
    const namespace = stringAt(deployment, 'metadata', 'namespace');
    const collisionCount = numberAt(deployment, 0, 'status', 'collisionCount');
    const hash = templateHash(template, collisionCount);
    const templateMeta = objectAt(template, 'metadata');
    const labels = { ...(objectAt(templateMeta, 'labels') as Record<string, string>), [POD_TEMPLATE_HASH]: hash };
    const selector = objectAt(deployment, 'spec', 'selector');
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(objectAt(deployment, 'metadata', 'annotations'))) if (!NOT_COPIED.has(k) && typeof v === 'string') annotations[k] = v;
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(numberAt(deployment, 1, 'spec', 'replicas'));
    annotations[MAX_REPLICAS_ANNOTATION] = String(maxReplicas);
    annotations[REVISION_ANNOTATION] = String(revision);
    return this.#writer.create('replicasets', namespace, {
      metadata: { name: `${nameOf(deployment)}-${hash}`, namespace, labels, annotations, ownerReferences: [controllerRef(deployment, 'apps/v1', 'Deployment')] },
      spec: {
        replicas: initial,
        minReadySeconds: numberAt(deployment, 0, 'spec', 'minReadySeconds'),
        selector: { ...selector, matchLabels: { ...(objectAt(selector, 'matchLabels') as Record<string, string>), [POD_TEMPLATE_HASH]: hash } },
        template: { ...template, metadata: { ...templateMeta, labels } },
      },
    });
  }

  /** Gives a reused ReplicaSet the newest revision, keeping the ones it had (`revision-history`). */
  #reviseReplicaSet(rs: Json, revision: number): Json {
    const annotations = { ...(objectAt(rs, 'metadata', 'annotations') as Record<string, string>) };
    const previous = annotations[REVISION_ANNOTATION];
    if (previous !== undefined && previous !== '') {
      const history = annotations[REVISION_HISTORY_ANNOTATION];
      annotations[REVISION_HISTORY_ANNOTATION] = history === undefined || history === '' ? previous : `${history},${previous}`;
    }
    annotations[REVISION_ANNOTATION] = String(revision);
    return this.#writer.update('replicasets', { ...rs, metadata: { ...objectAt(rs, 'metadata'), annotations } }) ?? rs;
  }

  #scale(rs: Json, count: number, deployment: Json, replicas: number, surge: number): Json | undefined {
    const annotations = {
      ...(objectAt(rs, 'metadata', 'annotations') as Record<string, string>),
      [DESIRED_REPLICAS_ANNOTATION]: String(replicas),
      [MAX_REPLICAS_ANNOTATION]: String(replicas + surge),
    };
    void deployment;
    return this.#writer.update('replicasets', { ...rs, metadata: { ...objectAt(rs, 'metadata'), annotations }, spec: { ...objectAt(rs, 'spec'), replicas: count } });
  }

  /** Scales old ReplicaSets down as far as availability allows (`reconcileOldReplicaSets`). */
  #scaleDownOld(deployment: Json, newRS: Json, olds: readonly Json[], replicas: number, unavailable: number, surge: number): Json[] {
    let current = olds.map((rs) => this.#writer.get('replicasets', stringAt(rs, 'metadata', 'namespace'), nameOf(rs)) ?? rs);
    if (current.every((rs) => specReplicas(rs) === 0)) return current;
    const all = [newRS, ...current];
    const allPods = all.reduce((n, rs) => n + specReplicas(rs), 0);
    const minAvailable = replicas - unavailable;
    const newUnavailable = specReplicas(newRS) - numberAt(newRS, 0, 'status', 'availableReplicas');
    let budget = allPods - minAvailable - newUnavailable;
    if (budget <= 0) return current;
    const oldestFirst = [...current].sort((a, b) => stringAt(a, 'metadata', 'creationTimestamp').localeCompare(stringAt(b, 'metadata', 'creationTimestamp')));
    // First the old ReplicaSets' unavailable pods, then available ones down to minAvailable.
    for (const rs of oldestFirst) {
      if (budget <= 0) break;
      const unhealthy = specReplicas(rs) - numberAt(rs, 0, 'status', 'availableReplicas');
      const cut = Math.min(budget, Math.max(0, unhealthy));
      if (cut > 0) {
        this.#scale(rs, specReplicas(rs) - cut, deployment, replicas, surge);
        budget -= cut;
      }
    }
    current = current.map((rs) => this.#writer.get('replicasets', stringAt(rs, 'metadata', 'namespace'), nameOf(rs)) ?? rs);
    const availablePods = [newRS, ...current].reduce((n, rs) => n + numberAt(rs, 0, 'status', 'availableReplicas'), 0);
    let total = Math.min(availablePods - minAvailable, budget);
    for (const rs of [...current].sort((a, b) => stringAt(a, 'metadata', 'creationTimestamp').localeCompare(stringAt(b, 'metadata', 'creationTimestamp')))) {
      if (total <= 0) break;
      const cut = Math.min(total, specReplicas(rs));
      if (cut > 0) {
        this.#scale(rs, specReplicas(rs) - cut, deployment, replicas, surge);
        total -= cut;
      }
    }
    return current.map((rs) => this.#writer.get('replicasets', stringAt(rs, 'metadata', 'namespace'), nameOf(rs)) ?? rs);
  }

  /** Deletes the oldest empty old ReplicaSets beyond `revisionHistoryLimit`. */
  #cleanup(deployment: Json, olds: readonly Json[]): void {
    const limit = numberAt(deployment, 10, 'spec', 'revisionHistoryLimit');
    const empty = olds
      .filter((rs) => specReplicas(rs) === 0 && numberAt(rs, 0, 'status', 'replicas') === 0 && !isTerminating(rs))
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    const surplus = olds.length - limit;
    for (const rs of empty.slice(0, Math.max(0, surplus))) this.#writer.delete('replicasets', stringAt(rs, 'metadata', 'namespace'), nameOf(rs));
  }

  #syncStatus(deployment: Json, newRS: Json | undefined, olds: readonly Json[], replicas: number, unavailable: number, created: boolean, paused: boolean): void {
    const namespace = stringAt(deployment, 'metadata', 'namespace');
    const fresh = (rs: Json): Json => this.#writer.get('replicasets', namespace, nameOf(rs)) ?? rs;
    const all = [...(newRS === undefined ? [] : [fresh(newRS)]), ...olds.map(fresh)].filter((rs) => !isTerminating(rs));
    const sum = (path: string[]): number => all.reduce((n, rs) => n + numberAt(rs, 0, ...path), 0);
    const current = newRS === undefined ? undefined : fresh(newRS);
    const total = all.reduce((n, rs) => n + specReplicas(rs), 0);
    const available = sum(['status', 'availableReplicas']);
    const updated = current === undefined ? 0 : numberAt(current, 0, 'status', 'replicas');
    const statusReplicas = sum(['status', 'replicas']);
    const now = this.#writer.now();
    const previous = listAt(deployment, 'status', 'conditions');
    const conditions: Json[] = [];
    conditions.push(
      available >= replicas - unavailable
        ? condition(previous, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now)
        : condition(previous, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now),
    );
    const rsName = current === undefined ? '' : nameOf(current);
    const before = previous.find((c) => c['type'] === 'Progressing');
    if (paused) conditions.push(condition(previous, 'Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now));
    else if (created) conditions.push(condition(previous, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${rsName}"`, now));
    else if (current !== undefined && updated === replicas && available === replicas && statusReplicas === replicas && specReplicas(current) === replicas) {
      conditions.push(condition(previous, 'Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, now));
    } else if (current !== undefined) {
      const progressing = condition(previous, 'Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, now);
      // A fresh NewReplicaSetCreated stays until the rollout moves on.
      conditions.push(before?.['reason'] === 'NewReplicaSetCreated' && before['message'] === `Created new replica set "${rsName}"` && updated === 0 ? before : progressing);
    }
    const status: Json = {
      observedGeneration: numberAt(deployment, 0, 'metadata', 'generation'),
      replicas: statusReplicas,
      updatedReplicas: updated,
      readyReplicas: sum(['status', 'readyReplicas']),
      availableReplicas: available,
      ...(total - available > 0 ? { unavailableReplicas: total - available } : {}),
      conditions,
      ...(at(deployment, 'status', 'collisionCount') === undefined ? {} : { collisionCount: at(deployment, 'status', 'collisionCount') }),
    };
    // The revision annotation goes with the status, as the real controller's UpdateStatus carries it
    // (status writes keep annotations and do not bump the generation).
    const revision = current === undefined || paused ? undefined : String(revisionOf(current));
    this.#writer.updateStatus('deployments', deployment, status, revision === undefined ? undefined : { [REVISION_ANNOTATION]: revision });
  }
}
