// The nodes of the simulation: created at start, kept Ready, each with a pod CIDR and an address.
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import type { ServerContext } from '../server-context.js';
import { at, listAt, nameOf, objectAt, stringAt, type ClusterWriter, type Json } from './cluster-writer.js';
import { SIMULATED_NODE_ANNOTATION } from './simulation-options.js';

/** The Kubernetes version the simulated kubelets report. */
const KUBELET_VERSION = 'v1.32.13';

/** Whether the simulation plays the kubelet of a node (kwok's `kwok.x-k8s.io/node: fake`). */
export function isSimulatedNode(node: Json | undefined): boolean {
  return node !== undefined && stringAt(node, 'metadata', 'annotations', SIMULATED_NODE_ANNOTATION) === 'fake';
}

/** The InternalIP of a node. */
export function nodeAddress(node: Json): string {
  return stringAt(listAt(node, 'status', 'addresses').find((a) => a['type'] === 'InternalIP'), 'address');
}

/** Whether a node's Ready condition is True. */
export function isNodeReady(node: Json): boolean {
  return listAt(node, 'status', 'conditions').some((c) => c['type'] === 'Ready' && c['status'] === 'True');
}

function readyStatus(node: Json, now: string, index: number): Json {
  const status = structuredClone(objectAt(node, 'status'));
  const conditions = [
    ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
    ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
  ].map(([type, value, reason, message]) => {
    const previous = listAt(status, 'conditions').find((c) => c['type'] === type);
    const same = previous?.['status'] === value;
    return {
      type,
      status: value,
      lastHeartbeatTime: same ? previous?.['lastHeartbeatTime'] : now,
      lastTransitionTime: same ? previous?.['lastTransitionTime'] : now,
      reason,
      message,
    };
  });
  const resources = { cpu: '32', memory: '256Gi', pods: '110', 'ephemeral-storage': '1Ti' };
  const name = nameOf(node);
  return {
    ...status,
    capacity: { ...resources, ...objectAt(status, 'capacity') },
    allocatable: { ...resources, ...objectAt(status, 'allocatable') },
    conditions,
    addresses: listAt(status, 'addresses').length > 0 ? listAt(status, 'addresses') : [{ type: 'InternalIP', address: `172.18.0.${index + 2}` }, { type: 'Hostname', address: name }],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: '',
      systemUUID: '',
      bootID: '',
      kernelVersion: '',
      osImage: '',
      containerRuntimeVersion: 'kube-rx://simulated',
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

/**
 * Creates `count` simulated nodes at start (`kube-rx-node-1`, ... with kwok's annotation and
 * the usual well-known labels, a pod CIDR `10.244.N.0/24`, 32 CPUs, 256Gi, 110 pods) and their
 * leases in `kube-node-lease`, and keeps every node that carries the annotation Ready, as a
 * kubelet that posts its status would.
 */
export class SimulatedNodes {
  readonly #writer: ClusterWriter;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext, writer: ClusterWriter, count: number) {
    this.#writer = writer;
    const nodes = writer.bucket('nodes');
    this.#queue = new KeyedWorkQueue(ctx, {
      observe: (event) => {
        if (event.bucket === nodes && event.type !== 'DELETED' && isSimulatedNode(event.object as Json)) this.#queue.add(event.object.metadata.name ?? '');
      },
      sync: (name) => this.#sync(name),
    });
    for (let i = 1; i <= count; i += 1) this.#create(`kube-rx-node-${i}`, i);
  }

  /** Stops managing nodes. */
  close(): void {
    this.#queue.close();
  }

  #create(name: string, index: number): void {
    if (this.#writer.get('nodes', undefined, name) !== undefined) return;
    const node: Json = {
      metadata: {
        name,
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          type: 'kwok',
        },
        annotations: { [SIMULATED_NODE_ANNOTATION]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      },
      spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`] },
    };
    node['status'] = readyStatus(node, this.#writer.now(), index);
    this.#writer.create('nodes', undefined, node);
    this.#writer.create('leases', 'kube-node-lease', {
      metadata: { name },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: `${this.#writer.date().toISOString().replace('Z', '000Z')}` },
    });
  }

  #sync(name: string): void {
    const node = this.#writer.get('nodes', undefined, name);
    if (node === undefined || !isSimulatedNode(node)) return;
    const index = Number(/(\d+)$/.exec(name)?.[1] ?? '0');
    const status = readyStatus(node, this.#writer.now(), index);
    if (at(node, 'spec', 'podCIDR') === undefined) {
      const cidr = `10.244.${100 + (index % 150)}.0/24`;
      this.#writer.update('nodes', { ...node, spec: { ...objectAt(node, 'spec'), podCIDR: cidr, podCIDRs: [cidr] } });
    }
    this.#writer.updateStatus('nodes', node, status);
  }
}
