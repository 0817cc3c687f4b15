// Chooses the proxy for a cluster URL: the kubeconfig's proxy-url, else HTTPS_PROXY/HTTP_PROXY minus NO_PROXY.
import { isIP } from 'node:net';
import { ConfigError } from '../config/config-error.js';

/** The environment variables consulted; pass a copy of `process.env` or a literal in tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The proxy to reach `target` through, or `undefined` to connect directly.
 *
 * - An explicit `proxyUrl` (the kubeconfig's `proxy-url`) is always used, as client-go does.
 * - Otherwise `HTTPS_PROXY` (then `https_proxy`) for `https:` targets and `HTTP_PROXY`
 *   (then `http_proxy`) for `http:` ones, unless `NO_PROXY` (then `no_proxy`) excludes the
 *   host. Loopback hosts (`localhost`, `127.0.0.0/8`, `::1`) are never proxied from the
 *   environment (Go's `httpproxy` rule).
 * - `NO_PROXY` entries, comma-separated: `*` (everything); an IP; a CIDR (`10.0.0.0/8`); a
 *   domain, which matches itself and its subdomains (`example.com`), or only subdomains with
 *   a leading dot (`.example.com`); any of these with `:port` to match that port only.
 * - A proxy given without a scheme is `http://`.
 *
 * @throws {ConfigError} `InvalidField` for an unparsable proxy URL; `Unsupported` for a scheme
 *   other than `http:`/`https:` (e.g. `socks5:`).
 */
export function proxyForUrl(target: URL, env: Environment, proxyUrl?: string): URL | undefined {
  if (proxyUrl !== undefined && proxyUrl !== '') return parseProxy(proxyUrl, 'proxy-url');
  const https = target.protocol === 'https:';
  const name = https ? ['HTTPS_PROXY', 'https_proxy'] : ['HTTP_PROXY', 'http_proxy'];
  const [variable, value] = firstSet(env, name);
  if (variable === undefined || value === undefined) return undefined;
  const host = unbracket(target.hostname);
  if (isLoopback(host)) return undefined;
  const port = target.port === '' ? (https ? '443' : '80') : target.port;
  const [, noProxy] = firstSet(env, ['NO_PROXY', 'no_proxy']);
  if (noProxy !== undefined && excluded(host, port, noProxy)) return undefined;
  return parseProxy(value, variable);
}

function firstSet(env: Environment, names: readonly string[]): [string | undefined, string | undefined] {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return [name, value.trim()];
  }
  return [undefined, undefined];
}

function parseProxy(text: string, field: string): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch (error) {
    throw new ConfigError('InvalidField', 'is not a URL', { field }, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('Unsupported', `proxy scheme ${url.protocol.slice(0, -1)} is not supported: use an http or https proxy`, { field });
  }
  return url;
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

function excluded(host: string, port: string, noProxy: string): boolean {
  const lowerHost = host.toLowerCase();
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    if (portMatch !== null && !(isIP(entry) === 6)) {
      entry = portMatch[1] ?? entry;
      entryPort = portMatch[2];
    }
    entry = unbracket(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    if (entry.includes('/')) {
      if (inCidr(lowerHost, entry)) return true;
      continue;
    }
    if (isIP(entry) !== 0) {
      if (entry === lowerHost) return true;
      continue;
    }
    if (entry.startsWith('.')) {
      if (lowerHost.endsWith(entry)) return true;
    } else if (lowerHost === entry || lowerHost.endsWith(`.${entry}`)) {
      return true;
    }
  }
  return false;
}

function inCidr(host: string, cidr: string): boolean {
  const [network, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (network === undefined || !Number.isInteger(bits)) return false;
  const a = ipBytes(host);
  const b = ipBytes(network);
  if (a === undefined || b === undefined || a.length !== b.length || bits < 0 || bits > a.length * 8) return false;
  for (let i = 0; i < bits; i++) {
    const byte = Math.floor(i / 8);
    const mask = 0x80 >> i % 8;
    if (((a[byte] ?? 0) & mask) !== ((b[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function ipBytes(ip: string): number[] | undefined {
  if (isIP(ip) === 4) return ip.split('.').map(Number);
  if (isIP(ip) !== 6) return undefined;
  const [head = '', tail] = ip.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  }));
  const start = parse(head);
  const end = tail === undefined ? [] : parse(tail);
  return [...start, ...new Array<number>(16 - start.length - end.length).fill(0), ...end];
}
