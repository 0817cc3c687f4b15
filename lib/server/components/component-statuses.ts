// GET/LIST componentstatuses: the health of the control plane's parts, computed on every read.
import { notFound } from '../errors/status-errors.js';
import { writeObject } from '../http/respond.js';
import type { ResourceCall } from '../handlers/resource-call.js';
import type { SubresourceHandler } from '../handlers/route-resource.js';
import { tableOf } from '../handlers/table-options.js';
import type { StoredObject } from '../store/store-event.js';

/** Which of the control plane's parts run beside the embedded server. */
export interface ComponentHealth {
  /** Something assigns pods to nodes (the workload simulation's scheduler). */
  readonly scheduler: boolean;
  /** The in-process controllers (garbage collector, namespaces, ...) run. */
  readonly controllerManager: boolean;
}

/** kube-apiserver's warning on every ComponentStatus read. */
const DEPRECATED = 'v1 ComponentStatus is deprecated in v1.19+';

/** The dial error kube-apiserver reports for a component that does not answer on its port. */
function unreachable(port: number): string {
  return `Get "https://127.0.0.1:${port}/healthz": dial tcp 127.0.0.1:${port}: connect: connection refused`;
}

function componentStatus(name: string, healthy: boolean, unhealthyMessage: string): StoredObject {
  return {
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null },
    conditions: [{ type: 'Healthy', status: healthy ? 'True' : 'False', message: healthy ? 'ok' : unhealthyMessage }],
  } as unknown as StoredObject;
}

/**
 * The ComponentStatuses as kube-apiserver lists them (scheduler, controller-manager, etcd-0):
 * the store (etcd's stand-in) is always healthy; the scheduler and the controller manager are
 * healthy when their in-process stand-ins run, and otherwise answer as kube-apiserver does when
 * nothing listens on their health ports (10259, 10257).
 */
export function componentStatuses(health: ComponentHealth): StoredObject[] {
  return [
    componentStatus('scheduler', health.scheduler, unreachable(10259)),
    componentStatus('controller-manager', health.controllerManager, unreachable(10257)),
    componentStatus('etcd-0', true, ''),
  ];
}

function respond(call: ResourceCall, objects: StoredObject[], single: boolean): void {
  const { output } = call;
  const warnings = [...call.warnings, DEPRECATED];
  let body: unknown;
  if (output.as === 'table') body = tableOf(call, objects);
  else if (output.as === 'metadata') {
    const partial = objects.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata }));
    body = single ? partial[0] : { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: {}, items: partial };
  } else if (single) body = objects[0];
  else {
    body = { kind: 'ComponentStatusList', apiVersion: 'v1', metadata: {}, items: objects.map(({ apiVersion: _a, kind: _k, ...rest }) => rest) };
  }
  writeObject(call.res, 200, body, call.encoding, { warnings });
}

/** The `get` and `list` handlers of `componentstatuses`, keyed for the router. */
export function componentStatusHandlers(health: () => ComponentHealth): [string, SubresourceHandler][] {
  return [
    [
      '/componentstatuses:list',
      (call) => {
        respond(call, componentStatuses(health()), false);
      },
    ],
    [
      '/componentstatuses:get',
      (call, name = '') => {
        const found = componentStatuses(health()).find((c) => c.metadata.name === name);
        if (found === undefined) throw notFound({ group: '', resource: 'componentstatuses' }, name);
        respond(call, [found], true);
      },
    ],
  ];
}
