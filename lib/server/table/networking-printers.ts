// Server-side table printers for networking.k8s.io: Ingresses, IngressClasses, NetworkPolicies.
import { ageOf } from './human-duration.js';
import { ageColumn, column, formatSelector, get, list, nameColumn, nameOf, str, type Printer } from './printer.js';

const age = (object: Record<string, unknown>, now: Date): string => ageOf(get(object, 'metadata', 'creationTimestamp'), now);

/** Up to three rule hosts, `*` when none, then `+ N more...` (printers.go formatHosts). */
function formatHosts(rules: readonly Record<string, unknown>[]): string {
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === 3) more = true;
    if (!more && str(rule, 'host') !== '') hosts.push(str(rule, 'host'));
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${rules.length - 3} more...` : hosts.join(',');
}

/** `kubectl get ingresses`: NAME CLASS HOSTS ADDRESS PORTS AGE. */
export const ingressPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn(),
  ],
  cells(ingress, now) {
    const className = get(ingress, 'spec', 'ingressClassName');
    const addresses = [...new Set(list(ingress, 'status', 'loadBalancer', 'ingress').map((i) => str(i, 'ip') || str(i, 'hostname')).filter((a) => a !== ''))].sort();
    const ports = list(ingress, 'spec', 'tls').length > 0 ? '80, 443' : '80';
    return [nameOf(ingress), typeof className === 'string' ? className : '<none>', formatHosts(list(ingress, 'spec', 'rules')), addresses.join(','), ports, age(ingress, now)];
  },
};

/** `kubectl get ingressclasses`: NAME CONTROLLER PARAMETERS AGE. */
export const ingressClassPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Controller', 'string', 'Controller that is responsible for handling this class'),
    column('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn(),
  ],
  cells(ingressClass, now) {
    const parameters = get(ingressClass, 'spec', 'parameters');
    let shown = '<none>';
    if (typeof parameters === 'object' && parameters !== null) {
      const group = get(parameters, 'apiGroup');
      shown = `${str(parameters, 'kind')}${typeof group === 'string' ? `.${group}` : ''}/${str(parameters, 'name')}`;
    }
    return [nameOf(ingressClass), str(ingressClass, 'spec', 'controller'), shown, age(ingressClass, now)];
  },
};

const POD_SELECTOR =
  'Selects the pods to which this NetworkPolicy object applies.  The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods.  In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace.';

/** `kubectl get networkpolicies`: NAME POD-SELECTOR AGE. */
export const networkPolicyPrinter: Printer = {
  // The printer documents the column with extensions/v1beta1's NetworkPolicySpec, worded before networking/v1's.
  columns: [nameColumn(), column('Pod-Selector', 'string', POD_SELECTOR), ageColumn()],
  cells: (policy, now) => [nameOf(policy), formatSelector(get(policy, 'spec', 'podSelector') ?? {}), age(policy, now)],
};
