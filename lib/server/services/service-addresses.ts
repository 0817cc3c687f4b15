// The address ranges of the embedded cluster: Service cluster IPs and node ports.
import { randomInt } from 'node:crypto';

/** The Service cluster IP range (`--service-cluster-ip-range`), as kind and kubeadm default it: 10.96.0.0/16. */
export const SERVICE_CIDR = { base: [10, 96, 0, 0] as const, size: 65536 };
/** The first address of the range: the `kubernetes` Service's. */
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
/** `--service-node-port-range`, kube-apiserver's default. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

const BASE = SERVICE_CIDR.base.reduce<number>((n, p) => n * 256 + p, 0);

/** Whether `ip` is an IPv4 address inside the service range (network and broadcast excluded). */
export function inServiceRange(ip: string): boolean {
  const n = ipToNumber(ip);
  return n !== undefined && n > BASE && n < BASE + SERVICE_CIDR.size - 1;
}

/** Whether `ip` is an IPv4 address at all. */
export function isIPv4(ip: string): boolean {
  return ipToNumber(ip) !== undefined;
}

/**
 * A free cluster IP: a random one of the range (as kube-apiserver's allocator picks), never the
 * network, broadcast or `kubernetes` addresses, and none in `used`.
 *
 * @throws {Error} when the range is full.
 */
export function allocateClusterIP(used: ReadonlySet<string>): string {
  const span = SERVICE_CIDR.size - 3;
  const start = randomInt(span);
  for (let i = 0; i < span; i += 1) {
    const ip = numberToIp(BASE + 2 + ((start + i) % span));
    if (!used.has(ip)) return ip;
  }
  throw new Error('range is full');
}

/** A free node port of the range, none in `used`. @throws {Error} when the range is full. */
export function allocateNodePort(used: ReadonlySet<number>): number {
  const span = NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1;
  const start = randomInt(span);
  for (let i = 0; i < span; i += 1) {
    const port = NODE_PORT_RANGE.min + ((start + i) % span);
    if (!used.has(port)) return port;
  }
  throw new Error('range is full');
}
