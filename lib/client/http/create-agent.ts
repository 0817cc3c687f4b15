// Makes the one keep-alive agent a Client sends everything through: TLS, connect timeout, proxy tunnel.
import { Agent as HttpAgent, type ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { exposeSecret, type SecretString } from '../../core/secret-string.js';
import { connectTunnel } from './connect-tunnel.js';
import { CONNECT_TIMEOUT_CODE } from './to-client-error.js';

/** TLS material and trust settings of a cluster connection. */
export interface TlsOptions {
  /** PEM CA bundle to trust instead of the system's. */
  readonly ca?: string;
  /** PEM client certificate (with `key`). */
  readonly cert?: string;
  /** PEM client private key (with `cert`); a `Config` hands it out as a {@link SecretString}. */
  readonly key?: string | SecretString;
  /** Skip server certificate verification (`insecure-skip-tls-verify`). */
  readonly insecureSkipTlsVerify?: boolean;
  /** SNI and verification name, when it differs from the URL host (`tls-server-name`). */
  readonly serverName?: string;
}

/** What {@link createAgent} needs. */
export interface AgentConfig {
  /** The cluster URL: `https:` gets an `https.Agent`, `http:` an `http.Agent`. */
  readonly url: URL;
  readonly tls?: TlsOptions;
  /** Tunnel every connection through this proxy with `CONNECT`. */
  readonly proxy?: URL;
  /** Milliseconds allowed for TCP (+ proxy) + TLS set-up; there is never a read timeout. */
  readonly connectTimeoutMs: number;
}

/** TCP keep-alive probes on every socket, so a dead peer under a quiet watch is noticed. */
const TCP_KEEPALIVE_MS = 30_000;

function armConnectTimeout(socket: Duplex, ms: number, event: 'connect' | 'secureConnect'): void {
  if (!Number.isFinite(ms) || ms <= 0) return;
  const timer = setTimeout(() => {
    socket.destroy(Object.assign(new Error(`no connection after ${ms} ms`), { code: CONNECT_TIMEOUT_CODE }));
  }, ms);
  const clear = (): void => clearTimeout(timer);
  socket.once(event, clear);
  socket.once('close', clear);
}

/** An agent that can be retired: it then keeps no idle socket, and closes each busy one when its request ends. */
export interface RetirableAgent extends HttpAgent {
  /** Stop reusing sockets (in-flight requests and watches finish undisturbed). */
  retire(): void;
}

function destroyFreeSockets(agent: HttpAgent): void {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
}

class KubeHttpAgent extends HttpAgent implements RetirableAgent {
  readonly #connectTimeoutMs: number;
  readonly #proxy: URL | undefined;
  #retired = false;

  retire(): void {
    this.#retired = true;
    destroyFreeSockets(this);
  }

  override keepSocketAlive(socket: Socket): boolean {
    if (this.#retired) return false;
    super.keepSocketAlive(socket);
    return true;
  }

  constructor(connectTimeoutMs: number, proxy: URL | undefined) {
    super({ keepAlive: true, keepAliveMsecs: TCP_KEEPALIVE_MS });
    this.#connectTimeoutMs = connectTimeoutMs;
    this.#proxy = proxy;
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    if (this.#proxy !== undefined) {
      tunnel(this.#proxy, options, this.#connectTimeoutMs, (socket, done) => done(null, socket), callback);
      return undefined;
    }
    const socket = super.createConnection(options) as Socket;
    socket.setKeepAlive(true, TCP_KEEPALIVE_MS);
    armConnectTimeout(socket, this.#connectTimeoutMs, 'connect');
    return socket;
  }
}

class KubeHttpsAgent extends HttpsAgent implements RetirableAgent {
  readonly #connectTimeoutMs: number;
  readonly #proxy: URL | undefined;
  #retired = false;

  retire(): void {
    this.#retired = true;
    destroyFreeSockets(this);
  }

  override keepSocketAlive(socket: Socket): boolean {
    if (this.#retired) return false;
    super.keepSocketAlive(socket);
    return true;
  }

  constructor(options: HttpsAgentOptions, connectTimeoutMs: number, proxy: URL | undefined) {
    super(options);
    this.#connectTimeoutMs = connectTimeoutMs;
    this.#proxy = proxy;
  }

  override createConnection(options: ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    if (this.#proxy === undefined) {
      const socket = super.createConnection(options) as TLSSocket;
      socket.setKeepAlive(true, TCP_KEEPALIVE_MS);
      armConnectTimeout(socket, this.#connectTimeoutMs, 'secureConnect');
      return socket;
    }
    const secureOver = (socket: Socket, done: (error: Error | null, stream?: Duplex) => void): void => {
      const secure = tlsConnect({ ...(options as ConnectionOptions), socket });
      secure.once('secureConnect', () => done(null, secure));
      secure.once('error', (error) => done(error));
    };
    tunnel(this.#proxy, options, this.#connectTimeoutMs, secureOver, callback);
    return undefined;
  }
}

/**
 * Tunnels to the request's host through `proxy`, then lets `finish` wrap the raw socket
 * (in TLS for https); the connect timeout covers the whole set-up.
 */
function tunnel(
  proxy: URL,
  options: ClientRequestArgs,
  connectTimeoutMs: number,
  finish: (socket: Socket, done: (error: Error | null, stream?: Duplex) => void) => void,
  callback: ((err: Error | null, stream: Duplex) => void) | undefined,
): void {
  const host = String(options.host ?? options.hostname ?? 'localhost').replace(/^\[|\]$/g, '');
  const port = Number(options.port ?? (options.protocol === 'http:' ? 80 : 443));
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const settle = (error: Error | null, stream?: Duplex): void => {
    if (settled) {
      if (error === null) stream?.destroy();
      return;
    }
    settled = true;
    if (timer !== undefined) clearTimeout(timer);
    if (stream !== undefined && stream instanceof Object && 'setKeepAlive' in stream) (stream as Socket).setKeepAlive(true, TCP_KEEPALIVE_MS);
    callback?.(error, stream as Duplex);
  };
  const raw = connectTunnel(proxy, { host, port }, (error, socket) => {
    if (error !== null || socket === undefined) settle(error ?? new Error('proxy tunnel failed'));
    else finish(socket, settle);
  });
  if (Number.isFinite(connectTimeoutMs) && connectTimeoutMs > 0) {
    timer = setTimeout(() => {
      raw.destroy();
      settle(Object.assign(new Error(`no connection through proxy ${proxy.host} after ${connectTimeoutMs} ms`), { code: CONNECT_TIMEOUT_CODE }));
    }, connectTimeoutMs);
  }
}

/**
 * The agent for one cluster: keep-alive (sockets are reused by every request and every
 * reconnecting watch, so reconnects leak nothing), TCP keep-alive probes, a connect timeout
 * covering TCP, proxy and TLS set-up, and no read timeout at all (a watch may be silent
 * for minutes; the runtime's watcher owns idle detection).
 *
 * With `proxy`, every connection is tunnelled with HTTP `CONNECT` (TLS to the cluster then runs
 * inside the tunnel, end to end).
 */
export function createAgent(config: AgentConfig): RetirableAgent {
  if (config.url.protocol === 'http:') return new KubeHttpAgent(config.connectTimeoutMs, config.proxy);
  const tls = config.tls ?? {};
  const options: HttpsAgentOptions = {
    keepAlive: true,
    keepAliveMsecs: TCP_KEEPALIVE_MS,
    rejectUnauthorized: tls.insecureSkipTlsVerify !== true,
    ...(tls.ca === undefined ? {} : { ca: tls.ca }),
    ...(tls.cert === undefined ? {} : { cert: tls.cert }),
    ...(tls.key === undefined ? {} : { key: exposeSecret(tls.key) }),
    ...(tls.serverName === undefined ? {} : { servername: tls.serverName }),
  };
  return new KubeHttpsAgent(options, config.connectTimeoutMs, config.proxy);
}
