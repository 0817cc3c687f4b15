// The kubelets of the simulated nodes: pods start, turn Ready, Job pods complete, deleted pods go away.
import { createHash, randomBytes } from 'node:crypto';
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import type { ServerContext } from '../server-context.js';
import { at, isTerminating, listAt, nameOf, namespaceOf, objectAt, stringAt, uidOf, type ClusterWriter, type Json } from './cluster-writer.js';
import { isSimulatedNode, nodeAddress } from './simulated-nodes.js';
import type { ResolvedSimulationOptions } from './simulation-options.js';

/** A container image reference with the registry and tag a runtime reports (`nginx` → `docker.io/library/nginx:latest`). */
function fullImage(image: string): string {
  let name = image;
  const lastSlash = name.lastIndexOf('/');
  if (!name.includes('@') && !name.slice(lastSlash + 1).includes(':')) name = `${name}:latest`;
  const first = name.split('/')[0] ?? '';
  if (!name.includes('/')) return `docker.io/library/${name}`;
  return first.includes('.') || first.includes(':') || first === 'localhost' ? name : `docker.io/${name}`;
}

/** A digest-pinned image ID, stable for an image name (the simulation pulls nothing). */
function imageId(image: string): string {
  const full = fullImage(image);
  const repository = full.replace(/[:@][^/]*$/, '');
  return `${repository}@sha256:${createHash('sha256').update(full).digest('hex')}`;
}

function containerId(): string {
  return `containerd://${randomBytes(32).toString('hex')}`;
}

/** Whether a pod runs to completion (a Job's pod), rather than forever. */
function runsToCompletion(pod: Json): boolean {
  return stringAt(pod, 'spec', 'restartPolicy') !== 'Always' && listAt(pod, 'metadata', 'ownerReferences').some((r) => r['kind'] === 'Job');
}

function condition(type: string, status: 'True' | 'False', now: string, previous: Json[], reason?: string): Json {
  const before = previous.find((c) => c['type'] === type);
  const lastTransitionTime = before?.['status'] === status ? before['lastTransitionTime'] : now;
  return { type, status, lastProbeTime: null, lastTransitionTime, ...(reason === undefined ? {} : { reason }) };
}

/**
 * What a kubelet does on a simulated node (one carrying kwok's annotation), in the spirit of
 * kwok's stages:
 *
 * - a pod bound to the node starts after `podStartMs`: phase Running, a pod IP from the node's
 *   pod CIDR (the node's address for `hostNetwork` pods), the host IP, start time, the
 *   PodReadyToStartContainers / Initialized / Ready / ContainersReady conditions, and a running,
 *   ready container status per container (init containers terminated, Completed);
 * - a Job's pod (restartPolicy Never/OnFailure) succeeds `jobPodRunMs` later: its containers
 *   terminate with exit code 0, reason Completed, and the pod is no longer Ready;
 * - a changed container image restarts that container (restartCount + 1);
 * - a pod being deleted stops after `podStopMs` and is deleted for good.
 */
export class SimulatedKubelet {
  readonly #ctx: ServerContext;
  readonly #writer: ClusterWriter;
  readonly #options: ResolvedSimulationOptions;
  readonly #queue: KeyedWorkQueue;
  /** Pods with a timed step pending, by `namespace/name`, with the uid it was planned for. */
  readonly #planned = new Map<string, string>();

  constructor(ctx: ServerContext, writer: ClusterWriter, options: ResolvedSimulationOptions) {
    this.#ctx = ctx;
    this.#writer = writer;
    this.#options = options;
    const pods = writer.bucket('pods');
    this.#queue = new KeyedWorkQueue(ctx, {
      observe: (event) => {
        if (event.bucket !== pods) return;
        if (event.type === 'DELETED') this.#planned.delete(event.key);
        else if (stringAt(event.object, 'spec', 'nodeName') !== '') this.#queue.add(event.key);
      },
      sync: (key) => this.#sync(key),
    });
  }

  /** Stops playing the kubelets. */
  close(): void {
    this.#queue.close();
  }

  #sync(key: string): void {
    const [namespace = '', name = ''] = key.split('/');
    const pod = this.#writer.get('pods', namespace, name);
    if (pod === undefined) return;
    const node = this.#writer.get('nodes', undefined, stringAt(pod, 'spec', 'nodeName'));
    if (!isSimulatedNode(node)) return;
    const phase = stringAt(pod, 'status', 'phase');
    if (isTerminating(pod)) {
      this.#later(key, pod, this.#options.podStopMs, () => this.#stop(namespace, name, uidOf(pod)), 'stop');
      return;
    }
    if (phase === 'Pending' || phase === '') this.#later(key, pod, this.#options.podStartMs, () => this.#start(namespace, name, uidOf(pod)), 'start');
    else if (phase === 'Running') {
      this.#restartChangedImages(pod);
      if (runsToCompletion(pod)) this.#later(key, pod, this.#options.jobPodRunMs, () => this.#complete(namespace, name, uidOf(pod)), 'complete');
    }
  }

  /** Runs `step` once per pod and step after `delayMs`. */
  #later(key: string, pod: Json, delayMs: number, step: () => void, what: string): void {
    const token = `${uidOf(pod)}:${what}`;
    if (this.#planned.get(key) === token) return;
    this.#planned.set(key, token);
    this.#ctx.defer(() => {
      if (this.#planned.get(key) === token) this.#planned.delete(key);
      step();
    }, delayMs);
  }

  #current(namespace: string, name: string, uid: string): Json | undefined {
    const pod = this.#writer.get('pods', namespace, name);
    return pod !== undefined && uidOf(pod) === uid && !isTerminating(pod) ? pod : undefined;
  }

  #podIP(pod: Json, node: Json): string {
    if (at(pod, 'spec', 'hostNetwork') === true) return nodeAddress(node);
    const cidr = stringAt(node, 'spec', 'podCIDR');
    const prefix = /^(\d+\.\d+\.\d+)\.0\/24$/.exec(cidr)?.[1] ?? '10.244.0';
    const used = new Set(this.#writer.list('pods').map((p) => stringAt(p, 'status', 'podIP')));
    for (let host = 2; host < 255; host += 1) if (!used.has(`${prefix}.${host}`)) return `${prefix}.${host}`;
    return `${prefix}.254`;
  }

  #start(namespace: string, name: string, uid: string): void {
    const pod = this.#current(namespace, name, uid);
    if (pod === undefined || !['Pending', ''].includes(stringAt(pod, 'status', 'phase'))) return;
    const node = this.#writer.get('nodes', undefined, stringAt(pod, 'spec', 'nodeName'));
    if (node === undefined) return;
    const now = this.#writer.now();
    const status = objectAt(pod, 'status');
    const previous = listAt(status, 'conditions');
    const hostIP = nodeAddress(node);
    const podIP = this.#podIP(pod, node);
    const scheduled = previous.find((c) => c['type'] === 'PodScheduled') ?? condition('PodScheduled', 'True', now, previous);
    const initContainers = listAt(pod, 'spec', 'initContainers');
    this.#writer.updateStatus('pods', pod, {
      ...status,
      phase: 'Running',
      conditions: [
        condition('PodReadyToStartContainers', 'True', now, previous),
        condition('Initialized', 'True', now, previous),
        condition('Ready', 'True', now, previous),
        condition('ContainersReady', 'True', now, previous),
        scheduled,
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      podIP,
      podIPs: [{ ip: podIP }],
      startTime: stringAt(status, 'startTime') || now,
      ...(initContainers.length > 0
        ? {
            initContainerStatuses: initContainers.map((c) => ({
              name: c['name'],
              state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now, containerID: containerId() } },
              lastState: {},
              ready: true,
              restartCount: 0,
              image: fullImage(stringAt(c, 'image')),
              imageID: imageId(stringAt(c, 'image')),
              containerID: containerId(),
              started: false,
            })),
          }
        : {}),
      containerStatuses: listAt(pod, 'spec', 'containers').map((c) => ({
        name: c['name'],
        state: { running: { startedAt: now } },
        lastState: {},
        ready: true,
        restartCount: 0,
        image: fullImage(stringAt(c, 'image')),
        imageID: imageId(stringAt(c, 'image')),
        containerID: containerId(),
        started: true,
      })),
    });
  }

  #restartChangedImages(pod: Json): void {
    const images = new Map(listAt(pod, 'spec', 'containers').map((c) => [stringAt(c, 'name'), stringAt(c, 'image')]));
    const statuses = listAt(pod, 'status', 'containerStatuses');
    if (statuses.every((s) => fullImage(images.get(stringAt(s, 'name')) ?? '') === stringAt(s, 'image'))) return;
    const now = this.#writer.now();
    this.#writer.updateStatus('pods', pod, {
      ...objectAt(pod, 'status'),
      containerStatuses: statuses.map((s) => {
        const image = images.get(stringAt(s, 'name')) ?? '';
        if (fullImage(image) === stringAt(s, 'image')) return s;
        return {
          ...s,
          state: { running: { startedAt: now } },
          lastState: { terminated: { exitCode: 0, reason: 'Completed', startedAt: at(s, 'state', 'running', 'startedAt') ?? now, finishedAt: now, containerID: s['containerID'] } },
          restartCount: (typeof s['restartCount'] === 'number' ? s['restartCount'] : 0) + 1,
          image: fullImage(image),
          imageID: imageId(image),
          containerID: containerId(),
        };
      }),
    });
  }

  /** Stops a deleted pod's containers (it turns not Ready), then deletes it for good. */
  #stop(namespace: string, name: string, uid: string): void {
    const pod = this.#writer.get('pods', namespace, name);
    if (pod === undefined || uidOf(pod) !== uid) return;
    const status = objectAt(pod, 'status');
    if (stringAt(status, 'phase') === 'Running') {
      const now = this.#writer.now();
      const previous = listAt(status, 'conditions');
      this.#writer.updateStatus('pods', pod, {
        ...status,
        conditions: previous.map((c) => (c['type'] === 'Ready' || c['type'] === 'ContainersReady' ? condition(String(c['type']), 'False', now, previous, 'ContainersNotReady') : c)),
        containerStatuses: listAt(status, 'containerStatuses').map((s) => ({
          ...s,
          state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: at(s, 'state', 'running', 'startedAt') ?? now, finishedAt: now, containerID: s['containerID'] } },
          ready: false,
          started: false,
        })),
      });
    }
    this.#writer.delete('pods', namespace, name, { gracePeriodSeconds: 0, uid });
  }

  #complete(namespace: string, name: string, uid: string): void {
    const pod = this.#current(namespace, name, uid);
    if (pod === undefined || stringAt(pod, 'status', 'phase') !== 'Running') return;
    const now = this.#writer.now();
    const status = objectAt(pod, 'status');
    const previous = listAt(status, 'conditions');
    this.#writer.updateStatus('pods', pod, {
      ...status,
      phase: 'Succeeded',
      conditions: [
        condition('PodReadyToStartContainers', 'False', now, previous),
        { ...condition('Initialized', 'True', now, previous), reason: 'PodCompleted' },
        condition('Ready', 'False', now, previous, 'PodCompleted'),
        condition('ContainersReady', 'False', now, previous, 'PodCompleted'),
        ...previous.filter((c) => c['type'] === 'PodScheduled'),
      ],
      containerStatuses: listAt(status, 'containerStatuses').map((s) => ({
        ...s,
        state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: at(s, 'state', 'running', 'startedAt') ?? now, finishedAt: now, containerID: s['containerID'] } },
        ready: false,
        started: false,
      })),
    });
  }
}

/** The name and namespace key of a pod (for logs and specs). */
export function podKey(pod: Json): string {
  return `${namespaceOf(pod)}/${nameOf(pod)}`;
}
