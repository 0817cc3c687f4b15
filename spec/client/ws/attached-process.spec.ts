// Specs of exec, attach and port-forward against a small loopback WebSocket server speaking the channel protocol.
import { expect } from 'chai';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { Pod } from '../../../lib/core/resources/core-v1.js';
import { failureStatus } from '../../../lib/core/status.js';
import { isApiError } from '../../../lib/core/errors/api-error.js';
import { Api } from '../../../lib/client/api.js';
import { Client } from '../../../lib/client/client.js';
import { exitCode } from '../../../lib/client/ws/attached-process.js';
import { V4_CHANNEL_PROTOCOL, V5_CHANNEL_PROTOCOL } from '../../../lib/client/ws/channel-protocol.js';
import { isClientError } from '../../../lib/client/errors/client-error.js';

const TOKEN = 'ws-spec-token';

/** Reads a stream to its end. */
async function collect(stream: Readable | undefined): Promise<string> {
  if (stream === undefined) return '';
  let text = '';
  for await (const chunk of stream) text += (chunk as Buffer).toString('utf8');
  return text;
}

const frame = (channel: number, data: string | Uint8Array = ''): Buffer => Buffer.concat([Buffer.of(channel), typeof data === 'string' ? Buffer.from(data) : Buffer.from(data)]);

interface Seen {
  path: string;
  query: URLSearchParams;
  protocols: string;
  authorization: string | undefined;
  groups: string[];
}

/**
 * The container side of exec/attach/portforward: a fake kubelet behind a fake API server.
 * exec commands: `echo a b` (stdout), `cat` (stdin back to stdout until stdin closes), `fail`
 * (stderr, exit 3), `size` (prints the first terminal size), `hang` (never ends).
 */
function channelServer(accept: readonly string[]): { server: Server; seen: Seen[]; sockets: Set<WebSocket> } {
  const seen: Seen[] = [];
  const sockets = new Set<WebSocket>();
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => accept.find((p) => offered.has(p)) ?? false });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const groups = req.headersDistinct['impersonate-group'] ?? [];
    seen.push({ path: url.pathname, query: url.searchParams, protocols: String(req.headers['sec-websocket-protocol']), authorization: req.headers.authorization, groups });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      const body = JSON.stringify(failureStatus(401, 'Unauthorized', 'Unauthorized'));
      socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      return;
    }
    if (url.pathname.includes('/pods/missing/')) {
      const body = JSON.stringify(failureStatus(404, 'NotFound', 'pods "missing" not found'));
      socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      if (url.pathname.endsWith('/portforward')) portForward(ws, url.searchParams);
      else container(ws, url.pathname.endsWith('/attach') ? ['cat'] : url.searchParams.getAll('command'));
    });
  });
  return { server, seen, sockets };
}

function exit(ws: WebSocket, code: number): void {
  const status = code === 0 ? { metadata: {}, status: 'Success' } : { metadata: {}, status: 'Failure', message: `command terminated with non-zero exit code: ${code}`, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } };
  ws.send(frame(3, JSON.stringify(status)));
  ws.close(1000);
}

function container(ws: WebSocket, command: string[]): void {
  const v5 = ws.protocol === V5_CHANNEL_PROTOCOL;
  const [program, ...args] = command;
  switch (program) {
    case 'echo':
      ws.send(frame(1, `${args.join(' ')}\n`));
      exit(ws, 0);
      return;
    case 'fail':
      ws.send(frame(2, 'boom\n'));
      exit(ws, 3);
      return;
    case 'cat':
      ws.on('message', (message: Buffer) => {
        if (message[0] === 0) ws.send(frame(1, message.subarray(1)));
        if (v5 && message[0] === 255 && message[1] === 0) exit(ws, 0);
      });
      return;
    case 'size':
      ws.on('message', (message: Buffer) => {
        if (message[0] !== 4) return;
        const size = JSON.parse(message.subarray(1).toString()) as { Width: number; Height: number };
        ws.send(frame(1, `${size.Width}x${size.Height}\n`));
        exit(ws, 0);
      });
      return;
    default:
      return;
  }
}

function portForward(ws: WebSocket, query: URLSearchParams): void {
  const ports = (query.get('ports') ?? '').split(',').map(Number);
  ports.forEach((port, i) => {
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16LE(port);
    ws.send(frame(2 * i, prefix));
    ws.send(frame(2 * i + 1, prefix));
    if (port === 9999) ws.send(frame(2 * i + 1, 'an error occurred forwarding 9999 -> 9999: connection refused'));
  });
  ws.on('message', (message: Buffer) => {
    const channel = message[0] ?? 0;
    ws.send(frame(channel, message.subarray(1).toString().toUpperCase()));
  });
}

describe('Api exec, attach and portForward', () => {
  for (const protocol of [V5_CHANNEL_PROTOCOL, V4_CHANNEL_PROTOCOL]) {
    describe(`with a server speaking ${protocol}`, () => {
      let fake: ReturnType<typeof channelServer>;
      let pods: Api<Pod>;

      beforeEach(async () => {
        fake = channelServer([protocol]);
        fake.server.listen(0, '127.0.0.1');
        await once(fake.server, 'listening');
        const { port } = fake.server.address() as AddressInfo;
        const client = new Client({
          baseUrl: `http://127.0.0.1:${port}`,
          authenticator: { credentials: () => Promise.resolve({ headers: [['Authorization', `Bearer ${TOKEN}`]] }), refresh: () => Promise.resolve(false) },
          impersonate: { user: 'jane', groups: ['a', 'b'] },
        });
        pods = Api.namespaced(client, Pod, 'default');
      });

      afterEach(async () => {
        for (const socket of fake.sockets) socket.terminate();
        fake.server.closeAllConnections();
        await new Promise((resolve) => fake.server.close(resolve));
      });

      it('should negotiate the protocol, offering v5 then v4, with credentials and impersonation', async () => {
        const proc = await pods.exec('web', ['echo', 'hi']);
        expect(proc.protocol).to.equal(protocol);
        expect(fake.seen[0]?.protocols).to.equal(`${V5_CHANNEL_PROTOCOL},${V4_CHANNEL_PROTOCOL}`);
        expect(fake.seen[0]?.authorization).to.equal(`Bearer ${TOKEN}`);
        expect(fake.seen[0]?.groups).to.deep.equal(['a', 'b']);
        await proc.status;
      });

      it('should send the command and streams as query parameters', async () => {
        const proc = await pods.exec('web', ['echo', 'a', 'b'], { container: 'app', stdin: true });
        await proc.status;
        expect(fake.seen[0]?.path).to.equal('/api/v1/namespaces/default/pods/web/exec');
        expect(fake.seen[0]?.query.getAll('command')).to.deep.equal(['echo', 'a', 'b']);
        expect(Object.fromEntries([...(fake.seen[0]?.query ?? [])].filter(([k]) => k !== 'command'))).to.deep.equal({ container: 'app', stdin: 'true', stdout: 'true', stderr: 'true' });
      });

      it('should deliver stdout and a Success status', async () => {
        const proc = await pods.exec('web', ['echo', 'hello', 'world']);
        const [out, status] = await Promise.all([collect(proc.stdout), proc.status]);
        expect(out).to.equal('hello world\n');
        expect(exitCode(status)).to.equal(0);
      });

      it('should deliver stderr and the exit code of a failing command', async () => {
        const proc = await pods.exec('web', ['fail']);
        const [err, status] = await Promise.all([collect(proc.stderr), proc.status]);
        expect(err).to.equal('boom\n');
        expect(status.reason).to.equal('NonZeroExitCode');
        expect(exitCode(status)).to.equal(3);
      });

      it('should carry stdin to the process', async () => {
        const proc = await pods.exec('web', ['cat'], { stdin: true });
        const out = new Promise<string>((resolve) => proc.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString())));
        proc.stdin?.write('ping');
        expect(await out).to.equal('ping');
        if (protocol === V5_CHANNEL_PROTOCOL) {
          proc.stdin?.end();
          expect(exitCode(await proc.status)).to.equal(0); // the process saw EOF and exited
        } else {
          proc.close();
          expect(await proc.status.catch((e: unknown) => isClientError(e) && e.reason)).to.equal('Aborted');
        }
      });

      it('should send terminal sizes with tty', async () => {
        const proc = await pods.exec('web', ['size'], { tty: true, stdin: true });
        proc.resize({ width: 80, height: 24 });
        const [out] = await Promise.all([collect(proc.stdout), proc.status]);
        expect(out).to.equal('80x24\n');
        expect(proc.stderr).to.equal(undefined);
      });

      it('should attach to the main process', async () => {
        const proc = await pods.attach('web', { stdin: true });
        expect(fake.seen[0]?.path).to.equal('/api/v1/namespaces/default/pods/web/attach');
        const out = new Promise<string>((resolve) => proc.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString())));
        proc.stdin?.write('typed');
        expect(await out).to.equal('typed');
        proc.close();
      });

      it('should reject with the ApiError of a refused upgrade', async () => {
        const error = await pods.exec('missing', ['echo']).catch((e: unknown) => e);
        expect(isApiError(error) && error.isNotFound()).to.equal(true);
      });
    });
  }

  describe('portForward', () => {
    let fake: ReturnType<typeof channelServer>;
    let pods: Api<Pod>;

    beforeEach(async () => {
      fake = channelServer([V4_CHANNEL_PROTOCOL]);
      fake.server.listen(0, '127.0.0.1');
      await once(fake.server, 'listening');
      const { port } = fake.server.address() as AddressInfo;
      pods = Api.namespaced(new Client({ baseUrl: `http://127.0.0.1:${port}`, headers: { Authorization: `Bearer ${TOKEN}` } }), Pod, 'default');
    });

    afterEach(async () => {
      for (const socket of fake.sockets) socket.terminate();
      fake.server.closeAllConnections();
      await new Promise((resolve) => fake.server.close(resolve));
    });

    it('should forward several ports over one connection, each on its own stream', async () => {
      const forwarder = await pods.portForward('web', [80, 443]);
      expect(fake.seen[0]?.query.get('ports')).to.equal('80,443');
      const reply = (port: number): Promise<string> => new Promise((resolve) => forwarder.stream(port).once('data', (chunk: Buffer) => resolve(chunk.toString())));
      const r80 = reply(80);
      const r443 = reply(443);
      forwarder.stream(80).write('to eighty');
      forwarder.stream(443).write('to four-four-three');
      expect(await r80).to.equal('TO EIGHTY');
      expect(await r443).to.equal('TO FOUR-FOUR-THREE');
      forwarder.stream(80).end();
      forwarder.stream(443).end();
      await forwarder.closed;
      expect(await forwarder.error(80)).to.equal(undefined);
    });

    it("should report a port's error channel", async () => {
      const forwarder = await pods.portForward('web', [9999]);
      forwarder.close();
      expect(await forwarder.error(9999)).to.contain('connection refused');
    });

    it('should refresh a refreshable credential once after a refused (401) upgrade', async () => {
      let token = 'stale';
      const { port } = fake.server.address() as AddressInfo;
      const client = new Client({
        baseUrl: `http://127.0.0.1:${port}`,
        authenticator: {
          credentials: () => Promise.resolve({ headers: [['Authorization', `Bearer ${token}`]] }),
          refresh: () => {
            token = TOKEN;
            return Promise.resolve(true);
          },
        },
      });
      const forwarder = await Api.namespaced(client, Pod, 'default').portForward('web', [80]);
      expect(fake.seen.map((s) => s.authorization)).to.deep.equal(['Bearer stale', `Bearer ${TOKEN}`]);
      forwarder.close();
    });

    it('should refuse an unforwarded port', async () => {
      const forwarder = await pods.portForward('web', [80]);
      expect(() => forwarder.stream(81)).to.throw(/port 81 is not forwarded/);
      forwarder.close();
    });
  });
});
