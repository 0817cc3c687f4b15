// The Service REST storage's own steps: cluster IP and node port allocation, and their immutability.
import { fieldInvalid, goStringSlice, type FieldError } from '../errors/field-error.js';
import type { KindHooks, ServerContext } from '../server-context.js';
import { allocateClusterIP, allocateNodePort, inServiceRange, isIPv4, KUBERNETES_SERVICE_IP, NODE_PORT_RANGE } from './service-addresses.js';

type Json = Record<string, unknown>;

/** The storage bucket of Services. */
export const SERVICE_BUCKET = '/services';

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function clusterIPsOf(spec: Json): string[] {
  return Array.isArray(spec['clusterIPs']) ? (spec['clusterIPs'] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
}

function typeOf(spec: Json): string {
  return typeof spec['type'] === 'string' && spec['type'] !== '' ? spec['type'] : 'ClusterIP';
}

/** The addresses in use by every stored Service but `except` (namespace/name). */
function inUse(ctx: ServerContext, except: string): { ips: Set<string>; ports: Set<number> } {
  const ips = new Set<string>([KUBERNETES_SERVICE_IP]);
  const ports = new Set<number>();
  for (const entry of ctx.store.entries(SERVICE_BUCKET)) {
    if (entry.key === except) continue;
    const spec = obj((entry.object as Json)['spec']) ?? {};
    for (const ip of clusterIPsOf(spec)) ips.add(ip);
    if (typeof spec['clusterIP'] === 'string') ips.add(spec['clusterIP']);
    for (const port of Array.isArray(spec['ports']) ? spec['ports'] : []) {
      const nodePort = obj(port)?.['nodePort'];
      if (typeof nodePort === 'number') ports.add(nodePort);
    }
  }
  return { ips, ports };
}

function keyOf(object: Json): string {
  const meta = obj(object['metadata']) ?? {};
  return `${String(meta['namespace'] ?? '')}/${String(meta['name'] ?? '')}`;
}

/**
 * Fills in what the Service REST allocates: `clusterIP`/`clusterIPs` (a free address of the
 * range, or the requested one), `ipFamilies: [IPv4]` and `ipFamilyPolicy: SingleStack`, and a
 * node port for each port of a NodePort or LoadBalancer Service. ExternalName Services get none.
 */
function allocate(ctx: ServerContext, object: Json, old: Json | undefined): void {
  const spec = obj(object['spec']);
  if (spec === undefined) return;
  const type = typeOf(spec);
  if (type === 'ExternalName') return;
  const used = inUse(ctx, keyOf(object));
  let ip = typeof spec['clusterIP'] === 'string' ? spec['clusterIP'] : '';
  const requested = clusterIPsOf(spec);
  if (ip === '' && requested.length > 0) ip = requested[0] as string;
  if (ip === '' && old === undefined) {
    try {
      ip = allocateClusterIP(used.ips);
    } catch {
      return;
    }
  }
  if (ip !== '') {
    spec['clusterIP'] = ip;
    if (requested.length === 0 || requested[0] !== ip) spec['clusterIPs'] = [ip];
  }
  if (spec['ipFamilies'] === undefined) spec['ipFamilies'] = ['IPv4'];
  if (spec['ipFamilyPolicy'] === undefined) spec['ipFamilyPolicy'] = 'SingleStack';
  const wantsNodePorts = type === 'NodePort' || (type === 'LoadBalancer' && spec['allocateLoadBalancerNodePorts'] !== false);
  if (!wantsNodePorts || !Array.isArray(spec['ports'])) return;
  for (const port of spec['ports']) {
    const p = obj(port);
    if (p === undefined || (typeof p['nodePort'] === 'number' && p['nodePort'] !== 0)) continue;
    try {
      p['nodePort'] = allocateNodePort(used.ports);
      used.ports.add(p['nodePort'] as number);
    } catch {
      return;
    }
  }
}

/**
 * On update, what the request leaves out is kept from the stored Service (`patchAllocatedValues`):
 * cluster IPs, IP families and node ports; a changed `clusterIP` with unchanged `clusterIPs`
 * moves `clusterIPs[0]` with it (`normalizeClusterIPs`), so that validation sees the change.
 */
function keepAllocated(object: Json, old: Json): void {
  const spec = obj(object['spec']);
  const oldSpec = obj(old['spec']);
  if (spec === undefined || oldSpec === undefined) return;
  if (typeOf(spec) === 'ExternalName' || typeOf(oldSpec) === 'ExternalName') return;
  const oldIPs = clusterIPsOf(oldSpec);
  const ip = typeof spec['clusterIP'] === 'string' ? spec['clusterIP'] : '';
  const ips = clusterIPsOf(spec);
  if (ip === '' && ips.length === 0) {
    if (oldSpec['clusterIP'] !== undefined) spec['clusterIP'] = oldSpec['clusterIP'];
    if (oldIPs.length > 0) spec['clusterIPs'] = [...oldIPs];
  } else if (ip !== '' && (ips.length === 0 || JSON.stringify(ips) === JSON.stringify(oldIPs))) {
    spec['clusterIPs'] = [ip, ...oldIPs.slice(1)];
  }
  if (spec['ipFamilies'] === undefined && oldSpec['ipFamilies'] !== undefined) spec['ipFamilies'] = oldSpec['ipFamilies'];
  if (spec['ipFamilyPolicy'] === undefined && oldSpec['ipFamilyPolicy'] !== undefined) spec['ipFamilyPolicy'] = oldSpec['ipFamilyPolicy'];
  const oldPorts = Array.isArray(oldSpec['ports']) ? oldSpec['ports'].map(obj) : [];
  for (const port of Array.isArray(spec['ports']) ? spec['ports'] : []) {
    const p = obj(port);
    if (p === undefined || (typeof p['nodePort'] === 'number' && p['nodePort'] !== 0)) continue;
    const same = oldPorts.find((o) => o !== undefined && o['port'] === p['port'] && (o['protocol'] ?? 'TCP') === (p['protocol'] ?? 'TCP'));
    if (typeof same?.['nodePort'] === 'number') p['nodePort'] = same['nodePort'];
  }
}

/** The kind hooks of Services: allocation on create, keeping allocations on update, and their rules. */
export function serviceHooks(ctx: ServerContext): KindHooks {
  return {
    prepareCreate(object) {
      allocate(ctx, object, undefined);
    },
    prepareUpdate(object, old, _kind, subresource) {
      if (subresource !== undefined) return;
      keepAllocated(object, old);
      allocate(ctx, object, old);
    },
    validate(object, old) {
      const spec = obj(object['spec']) ?? {};
      const errors: FieldError[] = [];
      const ips = clusterIPsOf(spec);
      const ip = ips[0];
      if (old === undefined && ip !== undefined && ip !== 'None' && typeOf(spec) !== 'ExternalName') {
        if (!isIPv4(ip)) errors.push(fieldInvalid('spec.clusterIPs[0]', ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
        else if (!inServiceRange(ip) && ip !== KUBERNETES_SERVICE_IP) {
          errors.push({ ...fieldInvalid('spec.clusterIPs', '', `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/16`), value: goStringSlice(ips) });
        }
      }
      if (old !== undefined) {
        const oldSpec = obj(old['spec']) ?? {};
        const oldIPs = clusterIPsOf(oldSpec);
        const externalName = typeOf(spec) === 'ExternalName' || typeOf(oldSpec) === 'ExternalName';
        if (!externalName && oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0]) {
          errors.push({ ...fieldInvalid('spec.clusterIPs[0]', '', 'may not change once set'), value: goStringSlice(ips) });
        }
      }
      for (const [i, port] of (Array.isArray(spec['ports']) ? spec['ports'] : []).entries()) {
        const nodePort = obj(port)?.['nodePort'];
        if (typeof nodePort === 'number' && nodePort !== 0 && (nodePort < NODE_PORT_RANGE.min || nodePort > NODE_PORT_RANGE.max)) {
          errors.push(fieldInvalid(`spec.ports[${i}].nodePort`, nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`));
        }
      }
      return errors;
    },
  };
}
