// Which address a client should dial, and which names the serving certificate must carry, for a listen address.
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

/** The names the process-wide serving certificate already carries. */
export const DEFAULT_SERVING_NAMES: readonly string[] = ['127.0.0.1', '::1', 'localhost'];

/** How clients reach a server listening on some address. */
export interface ServingAddress {
  /** The host to put in URLs and kubeconfigs (IPv6 in brackets). */
  readonly urlHost: string;
  /**
   * Every name a serving certificate of its own must carry so that clients dialling them verify
   * it; `undefined` when the process-wide certificate (loopback names) serves.
   */
  readonly certificateNames: readonly string[] | undefined;
}

function bracketed(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * For a listen address, the host a kubeconfig should name and the names the serving certificate
 * needs (IPs as IP SANs, others as DNS SANs):
 *
 * - loopback (`127.0.0.1`, `::1`, `localhost`): the default certificate serves;
 * - a wildcard (`0.0.0.0`, `::`): the kubeconfig dials loopback (which the certificate always
 *   covers), and the certificate also names every address of this machine's interfaces and its
 *   hostname, so clients on the network verify it too;
 * - any other address or name: the kubeconfig dials it, and the certificate names it.
 *
 * So the written kubeconfig's URL always matches the certificate; kube-rx never hands out a
 * kubeconfig that only works with `insecure-skip-tls-verify`.
 */
export function servingAddress(host: string): ServingAddress {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (DEFAULT_SERVING_NAMES.includes(bare)) return { urlHost: bracketed(bare), certificateNames: undefined };
  if (bare === '0.0.0.0' || bare === '::') {
    const addresses = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .filter((entry) => (bare === '::' || entry.family === 'IPv4') && !entry.address.startsWith('fe80:'))
      .map((entry) => entry.address);
    const names = [...new Set([...DEFAULT_SERVING_NAMES, ...addresses, hostname()])];
    return { urlHost: bare === '::' ? '[::1]' : '127.0.0.1', certificateNames: names };
  }
  return { urlHost: bracketed(bare), certificateNames: [...new Set([...DEFAULT_SERVING_NAMES, bare])] };
}
