// Serves pods/exec, pods/attach and pods/portforward over WebSockets (v5/v4.channel.k8s.io).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { PassThrough, Writable, Duplex as DuplexStream } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { failureStatus, isApiError, type Status } from '../../core/index.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { Authorizer } from '../authorization/authorizer.js';
import { authorizeRequest } from '../authorization/authorize-request.js';
import { badRequest, internalError, notFound, wireStatusOf } from '../errors/status-errors.js';
import { parseRequestInfo } from '../http/request-info.js';
import { parseRequestTarget } from '../http/request-target.js';
import { requestKey } from '../objects/object-key.js';
import type { ServerContext } from '../server-context.js';
import type { ExecHandler, PortForwardHandler } from './stream-sessions.js';

type Json = Record<string, unknown>;

const V5 = 'v5.channel.k8s.io';
const V4 = 'v4.channel.k8s.io';
const PORT_FORWARD = 'portforward.k8s.io';
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

/** The pluggable behaviour of the streaming subresources. */
export interface StreamHandlers {
  exec: ExecHandler | undefined;
  portForward: PortForwardHandler | undefined;
}

/** A plain (non-upgrade) request for exec, attach or portforward: 400 `Upgrade request required`. */
export function upgradeRequired(): never {
  throw badRequest('Upgrade request required');
}

function frame(channel: number, data: Buffer | string): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), payload]);
}

function rejectUpgrade(socket: Duplex, status: Status): void {
  const body = `${JSON.stringify(status)}\n`;
  const reason = status.reason ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status.code ?? 500} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function containersOf(pod: Json): string[] {
  const spec = (pod['spec'] ?? {}) as Json;
  const names = (list: unknown): string[] => (Array.isArray(list) ? (list as Json[]).map((c) => String(c['name'] ?? '')) : []);
  return [...names(spec['containers']), ...names(spec['initContainers']), ...names(spec['ephemeralContainers'])];
}

function exitStatus(command: readonly string[], code: number): Json {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/**
 * The `upgrade` listener of the server: authenticates, checks the pod and container, then
 * speaks the channel protocol kubectl and client-go speak — stdin 0, stdout 1, stderr 2,
 * the final Status on 3, resize on 4, and (v5) `[255, 0]` for stdin EOF; port-forward gets
 * a data and an error channel per port, each opened by the port in two little-endian bytes.
 * The container's side is played by {@link StreamHandlers}; without one, exec and attach
 * end with a Failure Status saying the server runs no containers.
 */
export function streamUpgradeListener(
  ctx: ServerContext,
  access: { readonly authenticator: Authenticator; readonly authorizer: Authorizer },
  handlers: StreamHandlers,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => {
      for (const p of [V5, V4, PORT_FORWARD]) if (protocols.has(p)) return p;
      return false;
    },
  });
  return (req, socket, head) => {
    try {
      const target = parseRequestTarget(req.url ?? '/');
      if (target === undefined) throw badRequest('malformed request target');
      const query = new URLSearchParams(target.rawQuery);
      const admission = authorizeRequest(access, req, req.method ?? 'GET', target.path, query);
      if (admission.type === 'refused') throw admission.error;
      if (admission.type === 'invalid') throw internalError(admission.message);
      const info = parseRequestInfo('GET', target.path, false);
      if (info.type !== 'resource' || info.group !== '' || info.resource !== 'pods' || info.name === undefined || info.namespace === undefined) {
        throw notFound({ group: '', resource: 'pods' }, '');
      }
      const sub = info.subresource;
      if (sub !== 'exec' && sub !== 'attach' && sub !== 'portforward') throw badRequest(`cannot upgrade the ${sub ?? 'pods'} resource`);
      const stored = ctx.store.get('/pods', requestKey({ namespaced: true }, info.namespace, info.name));
      if (stored === undefined) throw notFound({ group: '', resource: 'pods' }, info.name);
      const pod = stored as unknown as Json;
      const namespace = info.namespace;
      const name = info.name;
      if (sub === 'portforward') {
        const ports = query.getAll('ports').flatMap((p) => p.split(',')).map(Number);
        if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p <= 0 || p > 65535)) throw badRequest('invalid port in ports');
        wss.handleUpgrade(req, socket, head, (ws) => servePortForward(ws, namespace, name, ports, handlers.portForward));
        return;
      }
      const names = containersOf(pod);
      let container = query.get('container') ?? '';
      if (container === '') {
        if (names.length !== 1) throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
        container = names[0] as string;
      }
      if (!names.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
      const phase = ((pod['status'] ?? {}) as Json)['phase'];
      if (phase === 'Succeeded' || phase === 'Failed') throw badRequest(`cannot exec into a container in a completed pod; current phase is ${String(phase)}`);
      const flag = (n: string): boolean => {
        const v = query.get(n);
        return v !== null && v !== '0' && v.toLowerCase() !== 'false';
      };
      const command = query.getAll('command');
      if (sub === 'exec' && command.length === 0) throw badRequest('you must specify at least 1 command');
      wss.handleUpgrade(req, socket, head, (ws) =>
        serveExec(ws, { kind: sub, namespace, pod: name, container, command, tty: flag('tty'), stdin: flag('stdin') }, handlers.exec),
      );
    } catch (error) {
      rejectUpgrade(socket, isApiError(error) ? wireStatusOf(error) : failureStatus(500, 'InternalError', String(error)));
    }
  };
}

function serveExec(
  ws: WebSocket,
  request: { kind: 'exec' | 'attach'; namespace: string; pod: string; container: string; command: string[]; tty: boolean; stdin: boolean },
  handler: ExecHandler | undefined,
): void {
  const v5 = ws.protocol === V5;
  const stdin = request.stdin ? new PassThrough() : undefined;
  const resizeListeners: ((size: { width: number; height: number }) => void)[] = [];
  const writer = (channel: number): Writable =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (ws.readyState === ws.OPEN) ws.send(frame(channel, chunk), done);
        else done();
      },
    });
  ws.on('message', (data: Buffer) => {
    if (data.length === 0) return;
    const channel = data[0];
    const payload = data.subarray(1);
    if (channel === STDIN) stdin?.write(payload);
    else if (channel === CLOSE && v5 && payload[0] === STDIN) stdin?.end();
    else if (channel === RESIZE) {
      try {
        const size = JSON.parse(payload.toString('utf8')) as { Width?: number; Height?: number };
        for (const listener of resizeListeners) listener({ width: size.Width ?? 0, height: size.Height ?? 0 });
      } catch {
        // a malformed resize is ignored, as kubelet does
      }
    }
  });
  ws.on('close', () => stdin?.end());
  const stdout = writer(STDOUT);
  const stderr = request.tty ? stdout : writer(STDERR);
  const finish = (status: Json): void => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(frame(ERROR, JSON.stringify(status)), () => ws.close(1000));
  };
  if (handler === undefined) {
    finish({ metadata: {}, status: 'Failure', reason: 'InternalError', message: 'the kube-rx embedded API server runs no containers (a test sets hooks.onExec to play them)' });
    return;
  }
  Promise.resolve()
    .then(() =>
      handler({
        ...request,
        stdin,
        stdout,
        stderr,
        onResize: (listener) => {
          resizeListeners.push(listener);
        },
      }),
    )
    .then(
      (code) => finish(exitStatus(request.command, code)),
      (error: unknown) => finish({ metadata: {}, status: 'Failure', reason: 'InternalError', message: `error executing command: ${error instanceof Error ? error.message : String(error)}` }),
    );
}

function servePortForward(ws: WebSocket, namespace: string, pod: string, ports: readonly number[], handler: PortForwardHandler | undefined): void {
  const streams: DuplexStream[] = [];
  ports.forEach((port, i) => {
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16LE(port);
    ws.send(frame(2 * i, prefix));
    ws.send(frame(2 * i + 1, prefix));
    const stream = new DuplexStream({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        if (ws.readyState === ws.OPEN) ws.send(frame(2 * i, chunk), done);
        else done();
      },
    });
    streams.push(stream);
    const reportError = (message: string): void => {
      if (ws.readyState === ws.OPEN) ws.send(frame(2 * i + 1, message));
    };
    if (handler === undefined) {
      reportError(`error forwarding port ${port} to pod ${pod}: the kube-rx embedded API server runs no containers (a test sets hooks.onPortForward)`);
      return;
    }
    try {
      handler({ namespace, pod, port, stream });
    } catch (error) {
      reportError(`error forwarding port ${port} to pod ${pod}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  ws.on('message', (data: Buffer) => {
    if (data.length === 0) return;
    const channel = data[0] as number;
    if (channel % 2 === 0) streams[channel / 2]?.push(data.subarray(1));
  });
  ws.on('close', () => {
    for (const stream of streams) stream.push(null);
  });
}
