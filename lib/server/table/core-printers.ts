// Server-side table printers for core kinds: ConfigMaps, Secrets, Services, Namespaces, Nodes, Events, Leases, ...
import { ageOf } from './human-duration.js';
import { ageColumn, column, doc, formatLabels, get, int, joinOrNone, list, nameColumn, nameOf, str, type Printer } from './printer.js';

const age = (object: Record<string, unknown>, now: Date): string => ageOf(get(object, 'metadata', 'creationTimestamp'), now);
const size = (value: unknown): number => (typeof value === 'object' && value !== null ? Object.keys(value).length : 0);

/** `kubectl get configmaps`: NAME DATA AGE. */
export const configMapPrinter: Printer = {
  columns: [nameColumn(), column('Data', 'string', doc('core.v1.ConfigMap', 'data')), ageColumn()],
  cells: (cm, now) => [nameOf(cm), size(cm['data']) + size(cm['binaryData']), age(cm, now)],
};

/** `kubectl get secrets`: NAME TYPE DATA AGE. */
export const secretPrinter: Printer = {
  columns: [nameColumn(), column('Type', 'string', doc('core.v1.Secret', 'type')), column('Data', 'string', doc('core.v1.Secret', 'data')), ageColumn()],
  cells: (s, now) => [nameOf(s), str(s, 'type'), size(s['data']), age(s, now)],
};

/** `kubectl get services`: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. */
export const servicePrinter: Printer = {
  columns: [
    nameColumn(),
    column('Type', 'string', doc('core.v1.ServiceSpec', 'type')),
    column('Cluster-IP', 'string', doc('core.v1.ServiceSpec', 'clusterIP')),
    column('External-IP', 'string', doc('core.v1.ServiceSpec', 'externalIPs')),
    column('Port(s)', 'string', doc('core.v1.ServiceSpec', 'ports')),
    ageColumn(),
    column('Selector', 'string', doc('core.v1.ServiceSpec', 'selector'), 1),
  ],
  cells(svc, now) {
    const type = str(svc, 'spec', 'type') || 'ClusterIP';
    const ports = list(svc, 'spec', 'ports').map((p) => {
      const protocol = str(p, 'protocol') || 'TCP';
      const nodePort = int(p, 'nodePort');
      return nodePort > 0 ? `${int(p, 'port')}:${nodePort}/${protocol}` : `${int(p, 'port')}/${protocol}`;
    });
    return [nameOf(svc), type, str(svc, 'spec', 'clusterIP') || '<none>', externalIp(svc, type), joinOrNone(ports), age(svc, now), formatLabels(get(svc, 'spec', 'selector'))];
  },
};

function externalIp(svc: Record<string, unknown>, type: string): string {
  const external = (get(svc, 'spec', 'externalIPs') as string[] | undefined) ?? [];
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return joinOrNone(external);
    case 'LoadBalancer': {
      const ingress = list(svc, 'status', 'loadBalancer', 'ingress').map((i) => str(i, 'ip') || str(i, 'hostname')).filter((x) => x !== '');
      const all = [...ingress, ...external];
      return all.length === 0 ? '<pending>' : all.join(',');
    }
    case 'ExternalName':
      return str(svc, 'spec', 'externalName');
    default:
      return '<unknown>';
  }
}

/** `kubectl get namespaces`: NAME STATUS AGE. */
export const namespacePrinter: Printer = {
  columns: [nameColumn(), column('Status', 'string', 'The status of the namespace'), ageColumn()],
  cells: (ns, now) => [nameOf(ns), str(ns, 'status', 'phase'), age(ns, now)],
};

/** `kubectl get nodes`: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. */
export const nodePrinter: Printer = {
  columns: [
    nameColumn(),
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn(),
    column('Version', 'string', doc('core.v1.NodeSystemInfo', 'kubeletVersion')),
    column('Internal-IP', 'string', doc('core.v1.NodeStatus', 'addresses'), 1),
    column('External-IP', 'string', doc('core.v1.NodeStatus', 'addresses'), 1),
    column('OS-Image', 'string', doc('core.v1.NodeSystemInfo', 'osImage'), 1),
    column('Kernel-Version', 'string', doc('core.v1.NodeSystemInfo', 'kernelVersion'), 1),
    column('Container-Runtime', 'string', doc('core.v1.NodeSystemInfo', 'containerRuntimeVersion'), 1),
  ],
  cells(node, now) {
    const ready = list(node, 'status', 'conditions').find((c) => c['type'] === 'Ready');
    const status = [ready === undefined ? 'Unknown' : ready['status'] === 'True' ? 'Ready' : 'NotReady'];
    if (get(node, 'spec', 'unschedulable') === true) status.push('SchedulingDisabled');
    const roles = new Set<string>();
    for (const [key, value] of Object.entries((get(node, 'metadata', 'labels') ?? {}) as Record<string, string>)) {
      if (key.startsWith('node-role.kubernetes.io/')) roles.add(key.slice('node-role.kubernetes.io/'.length));
      else if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
    }
    const address = (type: string): string => str(list(node, 'status', 'addresses').find((a) => a['type'] === type), 'address') || '<none>';
    return [
      nameOf(node),
      status.join(','),
      joinOrNone([...roles].filter((r) => r !== '').sort()),
      age(node, now),
      str(node, 'status', 'nodeInfo', 'kubeletVersion'),
      address('InternalIP'),
      address('ExternalIP'),
      str(node, 'status', 'nodeInfo', 'osImage') || '<unknown>',
      str(node, 'status', 'nodeInfo', 'kernelVersion') || '<unknown>',
      str(node, 'status', 'nodeInfo', 'containerRuntimeVersion') || '<unknown>',
    ];
  },
};

/** `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME. */
export const eventPrinter: Printer = {
  columns: [
    column('Last Seen', 'string', doc('core.v1.Event', 'lastTimestamp')),
    column('Type', 'string', doc('core.v1.Event', 'type')),
    column('Reason', 'string', doc('core.v1.Event', 'reason')),
    column('Object', 'string', doc('core.v1.Event', 'involvedObject')),
    column('Subobject', 'string', doc('core.v1.ObjectReference', 'fieldPath'), 1),
    column('Source', 'string', doc('core.v1.Event', 'source'), 1),
    column('Message', 'string', doc('core.v1.Event', 'message')),
    column('First Seen', 'string', doc('core.v1.Event', 'firstTimestamp'), 1),
    column('Count', 'string', doc('core.v1.Event', 'count'), 1),
    column('Name', 'string', doc('meta.v1.ObjectMeta', 'name'), 1, 'name'),
  ],
  cells(event, now) {
    // events.k8s.io/v1 objects name the same fields differently (note, regarding, deprecated*).
    const v1 = get(event, 'regarding') !== undefined || get(event, 'note') !== undefined || get(event, 'reportingController') !== undefined;
    const involved = get(event, v1 ? 'regarding' : 'involvedObject');
    const first = get(event, v1 ? 'deprecatedFirstTimestamp' : 'firstTimestamp');
    const firstSeen = first === undefined || first === null ? ageOf(get(event, 'eventTime'), now) : ageOf(first, now);
    const last = get(event, v1 ? 'deprecatedLastTimestamp' : 'lastTimestamp');
    let lastSeen = last === undefined || last === null ? firstSeen : ageOf(last, now);
    let count = int(event, v1 ? 'deprecatedCount' : 'count');
    const series = get(event, 'series');
    if (series !== undefined && series !== null) {
      lastSeen = ageOf(get(series, 'lastObservedTime'), now);
      count = int(series, 'count');
    } else if (count === 0) {
      count = 1;
    }
    const kind = str(involved, 'kind').toLowerCase();
    const target = str(involved, 'name') === '' ? kind : `${kind}/${str(involved, 'name')}`;
    const source = get(event, v1 ? 'deprecatedSource' : 'source');
    const component = str(source, 'component') || str(event, v1 ? 'reportingController' : 'reportingComponent');
    const host = str(source, 'host') || str(event, 'reportingInstance');
    return [
      lastSeen,
      str(event, 'type'),
      str(event, 'reason'),
      target,
      str(involved, 'fieldPath'),
      [component, host].filter((x) => x !== '').join(', '),
      str(event, v1 ? 'note' : 'message').trim(),
      firstSeen,
      count,
      nameOf(event),
    ];
  },
};

/** `kubectl get leases`: NAME HOLDER AGE. */
export const leasePrinter: Printer = {
  columns: [nameColumn(), column('Holder', 'string', doc('coordination.v1.LeaseSpec', 'holderIdentity')), ageColumn()],
  cells: (lease, now) => [nameOf(lease), str(lease, 'spec', 'holderIdentity'), age(lease, now)],
};

/** `kubectl get serviceaccounts`: NAME SECRETS AGE. */
export const serviceAccountPrinter: Printer = {
  columns: [nameColumn(), column('Secrets', 'string', doc('core.v1.ServiceAccount', 'secrets')), ageColumn()],
  cells: (sa, now) => [nameOf(sa), list(sa, 'secrets').length, age(sa, now)],
};

/** `kubectl get endpoints`: NAME ENDPOINTS AGE. */
export const endpointsPrinter: Printer = {
  columns: [nameColumn(), column('Endpoints', 'string', doc('core.v1.Endpoints', 'subsets')), ageColumn()],
  cells(ep, now) {
    const all: string[] = [];
    for (const subset of list(ep, 'subsets')) {
      const ports = list(subset, 'ports');
      for (const address of list(subset, 'addresses')) {
        if (ports.length === 0) all.push(str(address, 'ip'));
        for (const port of ports) all.push(`${str(address, 'ip')}:${int(port, 'port')}`);
      }
    }
    const shown = all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : joinOrNone(all);
    return [nameOf(ep), shown, age(ep, now)];
  },
};

/** `kubectl get componentstatuses`: NAME STATUS MESSAGE ERROR, from the `Healthy` condition. */
export const componentStatusPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Status', 'string', 'Status of the component conditions'),
    column('Message', 'string', 'Message of the component conditions'),
    column('Error', 'string', 'Error of the component conditions'),
  ],
  cells(cs) {
    const healthy = list(cs, 'conditions').find((c) => c['type'] === 'Healthy');
    const status = healthy === undefined ? 'Unknown' : healthy['status'] === 'True' ? 'Healthy' : 'Unhealthy';
    return [nameOf(cs), status, str(healthy, 'message'), str(healthy, 'error')];
  },
};

/** `kubectl get apiservices`: NAME SERVICE AVAILABLE AGE (kube-aggregator's table). */
export const apiServicePrinter: Printer = {
  columns: [
    nameColumn(),
    column('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    column('Available', 'string', 'Whether this service is available.'),
    ageColumn(),
  ],
  cells(svc, now) {
    const service = get(svc, 'spec', 'service') === undefined ? 'Local' : `${str(svc, 'spec', 'service', 'namespace')}/${str(svc, 'spec', 'service', 'name')}`;
    const available = list(svc, 'status', 'conditions').find((c) => c['type'] === 'Available');
    let status = 'Unknown';
    if (available !== undefined) {
      const value = str(available, 'status');
      const reason = str(available, 'reason');
      status = value === 'True' || reason === '' ? value : `${value} (${reason})`;
    }
    return [nameOf(svc), service, status, age(svc, now)];
  },
};

/** At most `max` items, then `+ N more...` (`listWithMoreString`); `<unset>` for none. */
function listWithMore(items: readonly string[], max: number): string {
  if (items.length === 0) return '<unset>';
  return items.length > max ? `${items.slice(0, max).join(',')} + ${items.length - max} more...` : items.join(',');
}

/** `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
export const endpointSlicePrinter: Printer = {
  columns: [
    nameColumn(),
    column('AddressType', 'string', doc('discovery.v1.EndpointSlice', 'addressType')),
    column('Ports', 'string', doc('discovery.v1.EndpointSlice', 'ports')),
    column('Endpoints', 'string', doc('discovery.v1.EndpointSlice', 'endpoints')),
    ageColumn(),
  ],
  cells(slice, now) {
    const ports = list(slice, 'ports').map((p) => (typeof p['port'] === 'number' ? String(p['port']) : typeof p['name'] === 'string' ? p['name'] : '*'));
    const addresses = list(slice, 'endpoints').flatMap((e) => (Array.isArray(e['addresses']) ? (e['addresses'] as string[]) : []));
    return [nameOf(slice), str(slice, 'addressType'), listWithMore(ports, 3), listWithMore(addresses, 3), age(slice, now)];
  },
};

