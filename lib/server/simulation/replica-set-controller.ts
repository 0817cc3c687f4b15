// The ReplicaSet and ReplicationController controllers: as many pods as spec.replicas asks, and the status that counts them.
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import type { ServerContext } from '../server-context.js';
import type { StoreEvent } from '../store/store-event.js';
import { controllerRef, isTerminating, labelsOf, listAt, nameOf, numberAt, objectAt, selectorOf, selects, stringAt, type ClusterWriter, type Json } from './cluster-writer.js';
import { isPodFinished, isPodReady, msUntilAvailable } from './pod-readiness.js';
import { activePods, createPodFromTemplate, ownedPods } from './workload-pods.js';

/** Which of the two kinds a controller manages. */
type Flavour = { readonly resource: 'replicasets'; readonly apiVersion: 'apps/v1'; readonly kind: 'ReplicaSet' } | { readonly resource: 'replicationcontrollers'; readonly apiVersion: 'v1'; readonly kind: 'ReplicationController' };

const FLAVOURS: readonly Flavour[] = [
  { resource: 'replicasets', apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { resource: 'replicationcontrollers', apiVersion: 'v1', kind: 'ReplicationController' },
];

/** The owner key (`namespace/name`) of the object a pod's controller reference names, for a kind. */
export function ownerKeyOf(event: StoreEvent, kind: string): string | undefined {
  const ref = listAt(event.object, 'metadata', 'ownerReferences').find((r) => r['controller'] === true && r['kind'] === kind);
  if (ref === undefined) return undefined;
  return `${event.object.metadata.namespace ?? ''}/${String(ref['name'] ?? '')}`;
}

/**
 * kube-controller-manager's replicaset and replicationcontroller controllers for the
 * simulation: each keeps `spec.replicas` pods made from its template (named
 * `<name>-<random>`, controlled by it), deleting the surplus (not-ready and unscheduled first,
 * then the newest), and reports `replicas`, `fullyLabeledReplicas`, `readyReplicas`,
 * `availableReplicas` (ready for `minReadySeconds`) and `observedGeneration`.
 */
export class ReplicaSetController {
  readonly #ctx: ServerContext;
  readonly #writer: ClusterWriter;
  readonly #queues: KeyedWorkQueue[];

  constructor(ctx: ServerContext, writer: ClusterWriter) {
    this.#ctx = ctx;
    this.#writer = writer;
    const pods = writer.bucket('pods');
    this.#queues = FLAVOURS.map((flavour) => {
      const bucket = writer.bucket(flavour.resource);
      const queue: KeyedWorkQueue = new KeyedWorkQueue(ctx, {
        observe: (event) => {
          if (event.bucket === bucket && event.type !== 'DELETED') queue.add(event.key);
          else if (event.bucket === pods) {
            const owner = ownerKeyOf(event, flavour.kind);
            if (owner !== undefined) queue.add(owner);
          }
        },
        sync: (key) => this.#sync(flavour, key, queue),
      });
      for (const object of writer.list(flavour.resource)) queue.add(`${stringAt(object, 'metadata', 'namespace')}/${nameOf(object)}`);
      return queue;
    });
  }

  /** Stops managing ReplicaSets and ReplicationControllers. */
  close(): void {
    for (const queue of this.#queues) queue.close();
  }

  #sync(flavour: Flavour, key: string, queue: KeyedWorkQueue): void {
    const [namespace = '', name = ''] = key.split('/');
    const owner = this.#writer.get(flavour.resource, namespace, name);
    if (owner === undefined || isTerminating(owner)) return;
    const spec = objectAt(owner, 'spec');
    const template = objectAt(spec, 'template');
    const desired = numberAt(spec, 1, 'replicas');
    const pods = ownedPods(this.#writer, owner, namespace);
    const active = activePods(pods).filter((p) => !isPodFinished(p));
    if (active.length < desired) {
      for (let i = active.length; i < desired; i += 1) {
        createPodFromTemplate(this.#writer, namespace, template, controllerRef(owner, flavour.apiVersion, flavour.kind), { generateName: `${name}-` });
      }
    } else if (active.length > desired) {
      const rank = (p: Json): number => (stringAt(p, 'spec', 'nodeName') === '' ? 0 : isPodReady(p) ? 2 : 1);
      const victims = [...active]
        .sort((a, b) => rank(a) - rank(b) || stringAt(b, 'metadata', 'creationTimestamp').localeCompare(stringAt(a, 'metadata', 'creationTimestamp')))
        .slice(0, active.length - desired);
      for (const pod of victims) this.#writer.delete('pods', namespace, nameOf(pod));
    }
    const current = activePods(ownedPods(this.#writer, owner, namespace)).filter((p) => !isPodFinished(p));
    const minReadySeconds = numberAt(spec, 0, 'minReadySeconds');
    const now = this.#writer.date();
    let available = 0;
    let soonest: number | undefined;
    for (const pod of current) {
      const wait = msUntilAvailable(pod, minReadySeconds, now);
      if (wait === 0) available += 1;
      else if (wait !== undefined) soonest = Math.min(soonest ?? wait, wait);
    }
    if (soonest !== undefined) this.#ctx.defer(() => queue.add(key), soonest + 1);
    const templateSelector = selectorOf(objectAt(template, 'metadata', 'labels'));
    const status = objectAt(owner, 'status');
    this.#writer.updateStatus(flavour.resource, owner, {
      ...status,
      replicas: current.length,
      fullyLabeledReplicas: current.filter((p) => templateSelector === undefined || selects(templateSelector, labelsOf(p))).length,
      readyReplicas: current.filter(isPodReady).length,
      availableReplicas: available,
      observedGeneration: numberAt(owner, 0, 'metadata', 'generation'),
    });
  }
}
