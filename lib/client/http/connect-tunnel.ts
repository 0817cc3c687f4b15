// Opens a CONNECT tunnel through an HTTP(S) proxy: the raw socket to the target, ready for TLS.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { PROXY_FAILED_CODE } from './to-client-error.js';

/** Where the tunnel goes. */
export interface TunnelTarget {
  readonly host: string;
  readonly port: number;
}

const MAX_RESPONSE_HEAD = 16 * 1024;

function proxyError(message: string, cause?: unknown): Error {
  return Object.assign(new Error(message, cause === undefined ? {} : { cause }), { code: PROXY_FAILED_CODE });
}

/**
 * Asks `proxy` for a tunnel to `target` with `CONNECT host:port HTTP/1.1` (with
 * `Proxy-Authorization: Basic` when the proxy URL carries user info) and calls back with the
 * socket once the proxy answers 2xx. Anything else destroys the socket and calls back an
 * error whose `code` is `KUBE_RX_PROXY_FAILED`, naming the proxy's status line (never its
 * credentials).
 */
export function connectTunnel(proxy: URL, target: TunnelTarget, callback: (error: Error | null, socket?: Socket) => void): Socket {
  const port = Number(proxy.port === '' ? (proxy.protocol === 'https:' ? 443 : 80) : proxy.port);
  const host = proxy.hostname.replace(/^\[|\]$/g, '');
  const socket: Socket = proxy.protocol === 'https:' ? tlsConnect({ host, port, servername: host }) : netConnect({ host, port });
  const authority = target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  if (proxy.username !== '' || proxy.password !== '') {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    lines.push(`Proxy-Authorization: Basic ${Buffer.from(credentials).toString('base64')}`);
  }
  let done = false;
  const finish = (error: Error | null): void => {
    if (done) return;
    done = true;
    socket.removeListener('data', onData);
    socket.removeListener('error', onError);
    socket.removeListener('end', onEnd);
    if (error === null) {
      callback(null, socket);
    } else {
      socket.destroy();
      callback(error);
    }
  };
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    size += chunk.length;
    const head = Buffer.concat(chunks);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) {
      if (size > MAX_RESPONSE_HEAD) finish(proxyError(`proxy ${proxy.host} sent an over-long answer to CONNECT`));
      return;
    }
    const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
    if (status === undefined || !status.startsWith('2')) {
      finish(proxyError(`proxy ${proxy.host} refused CONNECT ${authority}: ${statusLine.slice(0, 200)}`));
      return;
    }
    const rest = head.subarray(end + 4);
    if (rest.length > 0) socket.unshift(rest);
    finish(null);
  };
  const onError = (error: Error): void => finish(proxyError(`cannot reach proxy ${proxy.host}: ${error.message}`, error));
  const onEnd = (): void => finish(proxyError(`proxy ${proxy.host} closed the connection during CONNECT ${authority}`));
  socket.on('data', onData);
  socket.on('error', onError);
  socket.on('end', onEnd);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  return socket;
}
