// The `kubernetes` Service in `default`: how workloads find the API server, as kube-apiserver publishes it.
import { isIPv4 as isDottedQuad, KUBERNETES_SERVICE_IP } from './service-addresses.js';
import { createObject } from '../objects/create-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { objectKey } from '../objects/object-key.js';
import type { ServerContext } from '../server-context.js';

const WRITE = { dryRun: false, fieldManager: 'kube-apiserver' } as const;

/**
 * Creates (once) what kube-apiserver's controlplane controllers keep in `default`: the
 * `kubernetes` Service (the first address of the service range, port 443 `https` to the
 * server's port, labels `component: apiserver`, `provider: kubernetes`), and its Endpoints and
 * EndpointSlice pointing at the address the server listens on.
 */
export function publishKubernetesService(ctx: ServerContext, host: string, port: number): void {
  const service = ctx.registry.find('', 'v1', 'services');
  const endpoints = ctx.registry.find('', 'v1', 'endpoints');
  const slices = ctx.registry.find('discovery.k8s.io', 'v1', 'endpointslices');
  if (service === undefined || endpoints === undefined || slices === undefined) return;
  if (ctx.store.get(service.bucket, objectKey('default', 'kubernetes')) !== undefined) return;
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  const address = host === 'localhost' || host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  createObject(
    ctx,
    service,
    'default',
    decodeObject(service, {
      metadata: { name: 'kubernetes', labels },
      spec: { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: port }], sessionAffinity: 'None', type: 'ClusterIP' },
    }),
    { ...WRITE, warnings: [] },
  );
  createObject(
    ctx,
    endpoints,
    'default',
    decodeObject(endpoints, {
      metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: address }], ports: [{ name: 'https', port, protocol: 'TCP' }] }],
    }),
    { ...WRITE, warnings: [] },
  );
  createObject(
    ctx,
    slices,
    'default',
    decodeObject(slices, {
      metadata: { name: 'kubernetes', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: isDottedQuad(address) ? 'IPv4' : 'IPv6',
      endpoints: [{ addresses: [address], conditions: { ready: true } }],
      ports: [{ name: 'https', port, protocol: 'TCP' }],
    }),
    { ...WRITE, warnings: [] },
  );
}
