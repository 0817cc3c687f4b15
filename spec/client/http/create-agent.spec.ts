// Specs of the Client's real transport (node-fetch + createAgent) against loopback servers:
// TLS trust, client certificates, tls-server-name, keep-alive reuse, connect timeout, CONNECT proxies, stream teardown.
import { expect } from 'chai';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { firstValueFrom } from 'rxjs';
import type { HttpRequest } from '../../../lib/core/request/http-request.js';
import { Client } from '../../../lib/client/client.js';
import { Config } from '../../../lib/client/config/config.js';
import { isClientError } from '../../../lib/client/errors/client-error.js';
import { makeCertificates, type TestCertificates } from '../../helpers/tls-certificates.js';

const GET: HttpRequest = { method: 'GET', path: '/version', query: [], headers: { accept: 'application/json' } };
const WATCH: HttpRequest = { method: 'GET', path: '/api/v1/configmaps', query: [['watch', 'true']], headers: { accept: 'application/json' } };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function listen<S extends HttpServer | HttpsServer | TcpServer>(server: S): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

const sockets = new WeakMap<object, Set<Socket>>();

/** Remembers every connection of `server`, so that {@link close} can end tunnels and idle peers too. */
function track<S extends HttpServer | HttpsServer | TcpServer>(server: S): S {
  const set = new Set<Socket>();
  sockets.set(server, set);
  server.on('connection', (socket: Socket) => {
    set.add(socket);
    socket.on('close', () => set.delete(socket));
  });
  return server;
}

function close(server: HttpServer | HttpsServer | TcpServer): Promise<void> {
  for (const socket of sockets.get(server) ?? []) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

const versionHandler: Handler = (req, res) => {
  const peer = (req.socket as TLSSocket).getPeerCertificate?.();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ gitVersion: 'v1.32.0', clientCN: peer?.subject?.CN ?? null, userAgent: req.headers['user-agent'] }));
};

describe('createAgent (through Client and node-fetch)', function () {
  this.timeout(20_000);
  let pki: TestCertificates;
  let otherPki: TestCertificates;
  let server: HttpsServer;
  let port: number;
  let connections: number;
  let handler: Handler;

  before(() => {
    pki = makeCertificates(['localhost', '127.0.0.1', 'api.internal']);
    otherPki = makeCertificates(['api.internal']);
  });

  beforeEach(async () => {
    connections = 0;
    handler = versionHandler;
    server = track(createHttpsServer({ key: pki.serverKeyPem, cert: pki.serverCertPem, ca: pki.caPem, requestCert: true, rejectUnauthorized: false }, (req, res) => handler(req, res)));
    server.on('secureConnection', () => {
      connections += 1;
    });
    port = await listen(server);
  });
  afterEach(() => close(server));

  const client = (init: Partial<ConstructorParameters<typeof Config>[0]> = {}): Client =>
    new Client(new Config({ clusterUrl: `https://127.0.0.1:${port}`, tls: { ca: pki.caPem }, env: {}, ...init }));

  it('should verify the server against the configured CA', async () => {
    const answer = await client().requestJson<{ gitVersion: string; userAgent: string }>(GET);
    expect(answer.gitVersion).to.equal('v1.32.0');
    expect(answer.userAgent).to.match(/^kube-rx\//);
  });

  it('should reject TlsFailed for a server its CA does not vouch for', async () => {
    const error = await client({ tls: { ca: otherPki.caPem } }).requestJson(GET).catch((e: unknown) => e);
    expect(isClientError(error) && error.reason).to.equal('TlsFailed');
  });

  it('should skip verification with insecureSkipTlsVerify', async () => {
    const answer = await client({ tls: { insecureSkipTlsVerify: true } }).requestJson<{ gitVersion: string }>(GET);
    expect(answer.gitVersion).to.equal('v1.32.0');
  });

  it('should present the client certificate', async () => {
    const answer = await client({ tls: { ca: pki.caPem, cert: pki.clientCertPem, key: pki.clientKeyPem } }).requestJson<{ clientCN: string }>(GET);
    expect(answer.clientCN).to.equal('admin');
  });

  it('should verify against tls-server-name instead of the URL host', async () => {
    await close(server);
    server = track(createHttpsServer({ key: otherPki.serverKeyPem, cert: otherPki.serverCertPem }, versionHandler));
    port = await listen(server);
    const plain = await client({ tls: { ca: otherPki.caPem } }).requestJson(GET).catch((e: unknown) => e);
    expect(isClientError(plain) && plain.reason).to.equal('TlsFailed');
    const named = await client({ tls: { ca: otherPki.caPem, serverName: 'api.internal' } }).requestJson<{ gitVersion: string }>(GET);
    expect(named.gitVersion).to.equal('v1.32.0');
  });

  it('should reuse one connection for sequential requests (keep-alive)', async () => {
    const c = client();
    for (let i = 0; i < 5; i++) await c.requestJson(GET);
    expect(connections).to.equal(1);
  });

  it('should reuse the connection of a finished watch for the next one (no socket per reconnect)', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a' } } })}\n`);
    };
    const c = client();
    for (let i = 0; i < 3; i++) await firstValueFrom(c.watch(WATCH));
    expect(connections).to.equal(1);
  });

  it('should close the connection on the server side when a watch is unsubscribed', async () => {
    let serverSide: Socket | undefined;
    const closed = new Promise<void>((resolve) => {
      handler = (req, res) => {
        serverSide = req.socket;
        req.socket.on('close', () => resolve());
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a' } } })}\n`);
      };
    });
    const event = await firstValueFrom(client().watch(WATCH));
    expect(event.type).to.equal('ADDED');
    await closed;
    expect(serverSide?.destroyed).to.equal(true);
  });

  it('should reject ConnectFailed when nothing listens', async () => {
    const probe = createTcpServer();
    const freePort = await listen(probe);
    await close(probe);
    const c = new Client(new Config({ clusterUrl: `https://127.0.0.1:${freePort}`, env: {} }));
    const error = await c.requestJson(GET).catch((e: unknown) => e);
    expect(isClientError(error) && [error.reason, error.code]).to.deep.equal(['ConnectFailed', 'ECONNREFUSED']);
  });

  it('should reject ConnectTimeout when the TLS handshake never completes', async () => {
    const silent = track(createTcpServer(() => undefined));
    const silentPort = await listen(silent);
    try {
      const c = new Client(new Config({ clusterUrl: `https://127.0.0.1:${silentPort}`, env: {}, connectTimeoutMs: 150 }));
      const error = await c.requestJson(GET).catch((e: unknown) => e);
      expect(isClientError(error) && error.reason).to.equal('ConnectTimeout');
    } finally {
      await close(silent);
    }
  });

  it('should speak plain HTTP to an http:// cluster (kubectl proxy)', async () => {
    const plain = track(createHttpServer(versionHandler));
    const plainPort = await listen(plain);
    try {
      const answer = await new Client(new Config({ clusterUrl: `http://127.0.0.1:${plainPort}`, env: {} })).requestJson<{ gitVersion: string }>(GET);
      expect(answer.gitVersion).to.equal('v1.32.0');
    } finally {
      await close(plain);
    }
  });

  describe('through a CONNECT proxy', () => {
    let proxy: HttpServer;
    let proxyPort: number;
    let seen: { target: string; auth: string | undefined }[];
    let refuse: boolean;

    beforeEach(async () => {
      seen = [];
      refuse = false;
      proxy = track(createHttpServer((_req, res) => res.writeHead(405).end()));
      proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
        seen.push({ target: req.url ?? '', auth: req.headers['proxy-authorization'] });
        if (refuse) {
          socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        const [host, targetPort] = (req.url ?? '').split(':');
        const upstream = connect(Number(targetPort), host, () => {
          socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          if (head.length > 0) upstream.write(head);
          upstream.pipe(socket);
          socket.pipe(upstream);
        });
        upstream.on('error', () => socket.destroy());
        socket.on('error', () => upstream.destroy());
      });
      proxyPort = await listen(proxy);
    });
    afterEach(() => close(proxy));

    it('should tunnel through proxy-url with TLS end to end, sending proxy credentials', async () => {
      const c = client({ proxyUrl: `http://user:p%40ss@127.0.0.1:${proxyPort}` });
      const answer = await c.requestJson<{ gitVersion: string }>(GET);
      expect(answer.gitVersion).to.equal('v1.32.0');
      expect(seen).to.deep.equal([{ target: `127.0.0.1:${port}`, auth: `Basic ${Buffer.from('user:p@ss').toString('base64')}` }]);
    });

    it('should tunnel through HTTPS_PROXY when NO_PROXY does not exclude the host', async () => {
      // 127.0.0.1 is loopback, never proxied from the environment: address the server by a non-loopback-looking name.
      const c = new Client(new Config({ clusterUrl: `https://api.internal:${port}`, tls: { ca: pki.caPem }, env: { HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: 'other.test' } }));
      // The proxy resolves api.internal: map it to loopback for this spec.
      proxy.removeAllListeners('connect');
      proxy.on('connect', (req: IncomingMessage, socket: Socket) => {
        seen.push({ target: req.url ?? '', auth: req.headers['proxy-authorization'] });
        const upstream = connect(port, '127.0.0.1', () => {
          socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.pipe(socket);
          socket.pipe(upstream);
        });
      });
      const answer = await c.requestJson<{ gitVersion: string }>(GET);
      expect(answer.gitVersion).to.equal('v1.32.0');
      expect(seen.map((s) => s.target)).to.deep.equal([`api.internal:${port}`]);
    });

    it('should reject ProxyFailed naming the status when the proxy refuses the tunnel', async () => {
      refuse = true;
      const error = await client({ proxyUrl: `http://user:secret@127.0.0.1:${proxyPort}` }).requestJson(GET).catch((e: unknown) => e);
      expect(isClientError(error) && error.reason).to.equal('ProxyFailed');
      expect((error as Error).message).to.contain('407').and.not.contain('secret');
    });
  });
});
