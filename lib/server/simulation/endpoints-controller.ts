// The endpoints and endpointslice controllers: each selecting Service lists its pods' addresses.
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import type { ServerContext } from '../server-context.js';
import { controllerUid, isTerminating, labelsOf, listAt, nameOf, namespaceOf, objectAt, selectorOf, selects, stringAt, uidOf, type ClusterWriter, type Json } from './cluster-writer.js';
import { isPodReady } from './pod-readiness.js';

/** The labels the endpointslice controller puts on the slices it manages. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
const MANAGED_BY = 'endpointslice-controller.k8s.io';

/** A Service port's target on a pod: a number, or a named container port's number. */
function targetPort(port: Json, pod: Json): number | undefined {
  const target = port['targetPort'] ?? port['port'];
  if (typeof target === 'number') return target;
  for (const container of listAt(pod, 'spec', 'containers')) {
    const named = listAt(container, 'ports').find((p) => p['name'] === target && (p['protocol'] ?? 'TCP') === (port['protocol'] ?? 'TCP'));
    if (typeof named?.['containerPort'] === 'number') return named['containerPort'];
  }
  return undefined;
}

/**
 * kube-controller-manager's endpoints and endpointslice controllers for the simulation: for
 * every Service with a selector, one EndpointSlice (`<service>-<random>`, labels
 * `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by`, owned by the
 * Service) listing each selected pod that has an IP — ready, serving and terminating as the pod
 * is, with its node and a reference to it — and the ports resolved against the pods (named
 * target ports included); and the Endpoints object of the same name, ready addresses apart from
 * not-ready ones. Both follow pod and Service changes.
 */
export class EndpointsController {
  readonly #writer: ClusterWriter;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext, writer: ClusterWriter) {
    this.#writer = writer;
    const services = writer.bucket('services');
    const pods = writer.bucket('pods');
    this.#queue = new KeyedWorkQueue(ctx, {
      observe: (event) => {
        if (event.bucket === services) this.#queue.add(event.key);
        else if (event.bucket === pods) {
          const namespace = event.object.metadata.namespace ?? '';
          const labels = [event.object, event.previous].map((o) => (o?.metadata.labels ?? {}) as Record<string, string>);
          for (const svc of writer.list('services', namespace)) {
            const selector = selectorOf(objectAt(svc, 'spec', 'selector'));
            if (labels.some((l) => selects(selector, l))) this.#queue.add(`${namespace}/${nameOf(svc)}`);
          }
        }
      },
      sync: (key) => this.#sync(key),
    });
    for (const svc of writer.list('services')) this.#queue.add(`${namespaceOf(svc)}/${nameOf(svc)}`);
  }

  /** Stops managing endpoints. */
  close(): void {
    this.#queue.close();
  }

  #sync(key: string): void {
    const [namespace = '', name = ''] = key.split('/');
    const service = this.#writer.get('services', namespace, name);
    const slices = this.#writer.list('endpointslices', namespace).filter((s) => stringAt(s, 'metadata', 'labels', SERVICE_NAME_LABEL) === name && stringAt(s, 'metadata', 'labels', MANAGED_BY_LABEL) === MANAGED_BY);
    const selector = service === undefined ? undefined : selectorOf(objectAt(service, 'spec', 'selector'));
    if (service === undefined || isTerminating(service) || selector === undefined || stringAt(service, 'spec', 'type') === 'ExternalName') {
      for (const slice of slices) this.#writer.delete('endpointslices', namespace, nameOf(slice));
      return;
    }
    const pods = this.#writer
      .list('pods', namespace)
      .filter((p) => selects(selector, labelsOf(p)) && stringAt(p, 'status', 'podIP') !== '' && !['Succeeded', 'Failed'].includes(stringAt(p, 'status', 'phase')))
      .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    const servicePorts = listAt(service, 'spec', 'ports');
    const first = pods[0];
    const ports = servicePorts
      .map((p) => ({ name: stringAt(p, 'name'), port: first === undefined ? undefined : targetPort(p, first), protocol: stringAt(p, 'protocol') || 'TCP', ...(p['appProtocol'] === undefined ? {} : { appProtocol: p['appProtocol'] }) }))
      .filter((p) => p.port !== undefined);
    const endpoints = pods.map((pod) => {
      const ready = isPodReady(pod) && !isTerminating(pod);
      return {
        addresses: [stringAt(pod, 'status', 'podIP')],
        conditions: { ready, serving: isPodReady(pod), terminating: isTerminating(pod) },
        ...(stringAt(pod, 'spec', 'hostname') === '' ? {} : { hostname: stringAt(pod, 'spec', 'hostname') }),
        targetRef: { kind: 'Pod', namespace, name: nameOf(pod), uid: uidOf(pod) },
        ...(stringAt(pod, 'spec', 'nodeName') === '' ? {} : { nodeName: stringAt(pod, 'spec', 'nodeName') }),
      };
    });
    const labels = { ...labelsOf(service), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY };
    const owner = { apiVersion: 'v1', kind: 'Service', name, uid: uidOf(service), controller: true, blockOwnerDeletion: true };
    const [slice, ...extra] = slices.filter((s) => controllerUid(s) === uidOf(service));
    for (const stale of [...extra, ...slices.filter((s) => controllerUid(s) !== uidOf(service))]) this.#writer.delete('endpointslices', namespace, nameOf(stale));
    const body = { addressType: 'IPv4', endpoints, ports };
    if (slice === undefined) {
      this.#writer.create('endpointslices', namespace, { metadata: { generateName: `${name}-`, namespace, labels, ownerReferences: [owner] }, ...body });
    } else {
      const next = { ...slice, metadata: { ...objectAt(slice, 'metadata'), labels }, ...body };
      if (JSON.stringify({ e: slice['endpoints'] ?? [], p: slice['ports'] ?? [], l: objectAt(slice, 'metadata', 'labels') }) !== JSON.stringify({ e: endpoints, p: ports, l: labels })) {
        this.#writer.update('endpointslices', next);
      }
    }
    this.#syncEndpoints(service, pods, ports);
  }

  #syncEndpoints(service: Json, pods: readonly Json[], ports: readonly Json[]): void {
    const namespace = namespaceOf(service);
    const name = nameOf(service);
    const address = (pod: Json): Json => ({
      ip: stringAt(pod, 'status', 'podIP'),
      ...(stringAt(pod, 'spec', 'nodeName') === '' ? {} : { nodeName: stringAt(pod, 'spec', 'nodeName') }),
      targetRef: { kind: 'Pod', namespace, name: nameOf(pod), uid: uidOf(pod) },
    });
    const ready = pods.filter((p) => isPodReady(p) && !isTerminating(p)).map(address);
    const notReady = pods.filter((p) => !(isPodReady(p) && !isTerminating(p))).map(address);
    const subsetPorts = ports.map((p) => ({ ...(p['name'] === '' ? {} : { name: p['name'] }), port: p['port'], protocol: p['protocol'] }));
    const subsets = ready.length + notReady.length === 0 ? [] : [{ ...(ready.length > 0 ? { addresses: ready } : {}), ...(notReady.length > 0 ? { notReadyAddresses: notReady } : {}), ports: subsetPorts }];
    const existing = this.#writer.get('endpoints', namespace, name);
    const labels = labelsOf(service);
    if (existing === undefined) {
      this.#writer.create('endpoints', namespace, { metadata: { name, namespace, labels }, ...(subsets.length > 0 ? { subsets } : {}) });
    } else if (JSON.stringify(existing['subsets'] ?? []) !== JSON.stringify(subsets)) {
      const next: Json = { ...existing, metadata: { ...objectAt(existing, 'metadata'), labels } };
      if (subsets.length > 0) next['subsets'] = subsets;
      else delete next['subsets'];
      this.#writer.update('endpoints', next);
    }
  }
}
