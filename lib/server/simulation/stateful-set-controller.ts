// The StatefulSet controller: ordinal pods, ordered start, claims from templates, rolling updates by revision.
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import type { ServerContext } from '../server-context.js';
import { controllerRef, isTerminating, labelsOf, listAt, nameOf, numberAt, objectAt, stringAt, type ClusterWriter, type Json } from './cluster-writer.js';
import { CONTROLLER_REVISION_HASH, currentRevision, pruneRevisions } from './controller-revisions.js';
import { isPodReady, msUntilAvailable } from './pod-readiness.js';
import { ownerKeyOf } from './replica-set-controller.js';
import { createPodFromTemplate, ownedPods } from './workload-pods.js';

const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

function ordinalOf(setName: string, pod: Json): number {
  const name = nameOf(pod);
  const suffix = name.slice(setName.length + 1);
  return name.startsWith(`${setName}-`) && /^\d+$/.test(suffix) ? Number(suffix) : -1;
}

/**
 * kube-controller-manager's statefulset controller for the simulation:
 *
 * - pods `<name>-0` ... `<name>-(replicas-1)` (from `spec.ordinals.start`), each with its
 *   hostname, the service's subdomain, the pod-name / pod-index / controller-revision-hash
 *   labels, and a PersistentVolumeClaim `<template>-<pod>` per volumeClaimTemplate;
 * - OrderedReady creates one pod at a time, each once the ones before are Running and Ready,
 *   and removes from the highest ordinal down; Parallel does all at once;
 * - RollingUpdate replaces pods of an older revision from the highest ordinal down to
 *   `partition`, one at a time; OnDelete leaves them;
 * - status: observedGeneration, replicas, readyReplicas, currentReplicas, updatedReplicas,
 *   availableReplicas, currentRevision, updateRevision, collisionCount, with ControllerRevisions
 *   recording each template (`kubectl rollout history statefulset`).
 */
export class StatefulSetController {
  readonly #ctx: ServerContext;
  readonly #writer: ClusterWriter;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext, writer: ClusterWriter) {
    this.#ctx = ctx;
    this.#writer = writer;
    const sets = writer.bucket('statefulsets');
    const pods = writer.bucket('pods');
    this.#queue = new KeyedWorkQueue(ctx, {
      observe: (event) => {
        if (event.bucket === sets && event.type !== 'DELETED') this.#queue.add(event.key);
        else if (event.bucket === pods) {
          const owner = ownerKeyOf(event, 'StatefulSet');
          if (owner !== undefined) this.#queue.add(owner);
        }
      },
      sync: (key) => this.#sync(key),
    });
    for (const set of writer.list('statefulsets')) this.#queue.add(`${stringAt(set, 'metadata', 'namespace')}/${nameOf(set)}`);
  }

  /** Stops managing StatefulSets. */
  close(): void {
    this.#queue.close();
  }

  #sync(key: string): void {
    const [namespace = '', name = ''] = key.split('/');
    const set = this.#writer.get('statefulsets', namespace, name);
    if (set === undefined || isTerminating(set)) return;
    const spec = objectAt(set, 'spec');
    const replicas = numberAt(spec, 1, 'replicas');
    const start = numberAt(spec, 0, 'ordinals', 'start');
    const parallel = stringAt(spec, 'podManagementPolicy') === 'Parallel';
    const update = currentRevision(this.#writer, set, 'apps/v1', 'StatefulSet');
    const pods = ownedPods(this.#writer, set, namespace);
    const byOrdinal = new Map(pods.map((p) => [ordinalOf(name, p), p]));
    const wanted = (ordinal: number): boolean => ordinal >= start && ordinal < start + replicas;
    let acted = false;

    // Create missing pods in order (OrderedReady waits for each predecessor to be Ready).
    for (let ordinal = start; ordinal < start + replicas; ordinal += 1) {
      const pod = byOrdinal.get(ordinal);
      if (pod !== undefined) {
        if (!parallel && (!isPodReady(pod) || isTerminating(pod))) break;
        continue;
      }
      this.#createPod(set, ordinal, update.name);
      acted = true;
      if (!parallel) break;
    }
    // Remove pods outside the ordinals, highest first (OrderedReady: one at a time).
    const surplus = pods.filter((p) => !wanted(ordinalOf(name, p)) && !isTerminating(p)).sort((a, b) => ordinalOf(name, b) - ordinalOf(name, a));
    for (const pod of parallel ? surplus : surplus.slice(0, 1)) {
      if (!parallel && pods.some((p) => isTerminating(p))) break;
      this.#writer.delete('pods', namespace, nameOf(pod));
      acted = true;
    }
    // Rolling update: one outdated pod at a time, highest ordinal first, once the others are Ready.
    const strategy = objectAt(spec, 'updateStrategy');
    if (!acted && stringAt(strategy, 'type') !== 'OnDelete') {
      const partition = numberAt(strategy, 0, 'rollingUpdate', 'partition');
      const current = ownedPods(this.#writer, set, namespace).filter((p) => wanted(ordinalOf(name, p)));
      const allReady = current.length === replicas && current.every((p) => isPodReady(p) && !isTerminating(p));
      const outdated = current.filter((p) => labelsOf(p)[CONTROLLER_REVISION_HASH] !== update.name && ordinalOf(name, p) - start >= partition).sort((a, b) => ordinalOf(name, b) - ordinalOf(name, a));
      const victim = outdated[0];
      if (allReady && victim !== undefined) this.#writer.delete('pods', namespace, nameOf(victim));
    }
    this.#syncStatus(set, update.name, key);
  }

  #createPod(set: Json, ordinal: number, revision: string): void {
    const namespace = stringAt(set, 'metadata', 'namespace');
    const name = `${nameOf(set)}-${ordinal}`;
    const spec = objectAt(set, 'spec');
    const template = objectAt(spec, 'template');
    const volumes = listAt(template, 'spec', 'volumes');
    for (const claim of listAt(spec, 'volumeClaimTemplates')) {
      const claimName = `${nameOf(claim)}-${name}`;
      if (this.#writer.get('persistentvolumeclaims', namespace, claimName) === undefined) {
        const selectorLabels = objectAt(spec, 'selector', 'matchLabels') as Record<string, string>;
        this.#writer.create('persistentvolumeclaims', namespace, {
          metadata: { name: claimName, namespace, labels: { ...(objectAt(claim, 'metadata', 'labels') as Record<string, string>), ...selectorLabels } },
          spec: objectAt(claim, 'spec'),
        });
      }
      if (!volumes.some((v) => v['name'] === nameOf(claim))) volumes.push({ name: nameOf(claim), persistentVolumeClaim: { claimName } });
    }
    createPodFromTemplate(this.#writer, namespace, template, controllerRef(set, 'apps/v1', 'StatefulSet'), {
      name,
      labels: { [CONTROLLER_REVISION_HASH]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
      spec: {
        hostname: name,
        ...(stringAt(spec, 'serviceName') === '' ? {} : { subdomain: stringAt(spec, 'serviceName') }),
        ...(volumes.length > 0 ? { volumes } : {}),
      },
    });
  }

  #syncStatus(set: Json, updateRevision: string, key: string): void {
    const namespace = stringAt(set, 'metadata', 'namespace');
    const spec = objectAt(set, 'spec');
    const pods = ownedPods(this.#writer, set, namespace).filter((p) => !isTerminating(p));
    const replicas = numberAt(spec, 1, 'replicas');
    const updated = pods.filter((p) => labelsOf(p)[CONTROLLER_REVISION_HASH] === updateRevision).length;
    const status = objectAt(set, 'status');
    const previousCurrent = stringAt(status, 'currentRevision') || updateRevision;
    const currentRevision = updated === replicas && pods.length === replicas ? updateRevision : previousCurrent;
    const minReadySeconds = numberAt(spec, 0, 'minReadySeconds');
    const now = this.#writer.date();
    let available = 0;
    let soonest: number | undefined;
    for (const pod of pods) {
      const wait = msUntilAvailable(pod, minReadySeconds, now);
      if (wait === 0) available += 1;
      else if (wait !== undefined) soonest = Math.min(soonest ?? wait, wait);
    }
    if (soonest !== undefined) this.#ctx.defer(() => this.#queue.add(key), soonest + 1);
    pruneRevisions(this.#writer, set, new Set([updateRevision, currentRevision]));
    this.#writer.updateStatus('statefulsets', set, {
      ...status,
      observedGeneration: numberAt(set, 0, 'metadata', 'generation'),
      replicas: pods.length,
      readyReplicas: pods.filter(isPodReady).length,
      currentReplicas: pods.filter((p) => labelsOf(p)[CONTROLLER_REVISION_HASH] === currentRevision).length,
      updatedReplicas: updated,
      availableReplicas: available,
      currentRevision,
      updateRevision,
      collisionCount: numberAt(status, 0, 'collisionCount'),
    });
  }
}
