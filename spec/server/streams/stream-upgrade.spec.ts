import { expect } from 'chai';
import WebSocket from 'ws';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const POD = '/api/v1/namespaces/default/pods/box';

interface Received {
  readonly frames: { channel: number; text: string }[];
  readonly protocol: string;
}

function connect(url: string, token: string, ca: string, protocols: string[], send: (ws: WebSocket) => void = () => undefined): Promise<Received> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { ca, headers: { authorization: `Bearer ${token}` } });
    const frames: { channel: number; text: string }[] = [];
    ws.on('open', () => send(ws));
    ws.on('message', (data: Buffer) => frames.push({ channel: data[0] as number, text: data.subarray(1).toString('utf8') }));
    ws.on('close', () => resolve({ frames, protocol: ws.protocol }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode ?? 0}`)));
    ws.on('error', reject);
  });
}

describe('streamUpgradeListener', () => {
  const env = useApiServer();
  const wsUrl = (path: string): string => env.server.url.replace(/^https/, 'wss') + path;

  before(async () => {
    await rawRequest(env.server, '/api/v1/namespaces/default/pods', { method: 'POST', body: { metadata: { name: 'box' }, spec: { containers: [{ name: 'main', image: 'busybox' }] } } });
  });
  afterEach(() => {
    env.server.hooks.onExec(undefined);
    env.server.hooks.onPortForward(undefined);
  });

  it('should run exec through the hook over v5.channel.k8s.io, with stdin EOF and the exit Status', async () => {
    env.server.hooks.onExec(async (session) => {
      let input = '';
      for await (const chunk of session.stdin ?? []) input += String(chunk);
      session.stdout.write(`${session.command.join(' ')}:${input}`);
      session.stderr.write('warn');
      return 0;
    });
    const got = await connect(wsUrl(`${POD}/exec?command=cat&command=-n&stdin=true&stdout=true&stderr=true`), env.server.token, env.server.caPem, ['v5.channel.k8s.io', 'v4.channel.k8s.io'], (ws) => {
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('abc')]));
      ws.send(Buffer.from([255, 0]));
    });
    expect(got.protocol).to.equal('v5.channel.k8s.io');
    expect(got.frames).to.deep.equal([
      { channel: 1, text: 'cat -n:abc' },
      { channel: 2, text: 'warn' },
      { channel: 3, text: '{"metadata":{},"status":"Success"}' },
    ]);
  });

  it('should report a non-zero exit code as NonZeroExitCode, and speak v4 when only v4 is offered', async () => {
    env.server.hooks.onExec(() => 2);
    const got = await connect(wsUrl(`${POD}/exec?command=false&stdout=true`), env.server.token, env.server.caPem, ['v4.channel.k8s.io']);
    expect(got.protocol).to.equal('v4.channel.k8s.io');
    const status = JSON.parse(got.frames.at(-1)?.text ?? '{}') as Json;
    expect(status).to.deep.include({ status: 'Failure', reason: 'NonZeroExitCode', message: 'command terminated with non-zero exit code: error executing command [false], exit code 2' });
    expect(status['details'].causes).to.deep.equal([{ reason: 'ExitCode', message: '2' }]);
  });

  it('should end exec with a Failure Status when no hook plays the container', async () => {
    const got = await connect(wsUrl(`${POD}/attach?stdout=true`), env.server.token, env.server.caPem, ['v5.channel.k8s.io']);
    expect(JSON.parse(got.frames.at(-1)?.text ?? '{}')).to.include({ status: 'Failure', reason: 'InternalError' });
  });

  it('should refuse the upgrade with a Status for a bad credential, a missing pod or container', async () => {
    for (const [url, token, code] of [
      [`${POD}/exec?command=ls`, 'nope', 401],
      ['/api/v1/namespaces/default/pods/none/exec?command=ls', env.server.token, 404],
      [`${POD}/exec?command=ls&container=other`, env.server.token, 400],
    ] as const) {
      let failure = '';
      try {
        await connect(wsUrl(url), token, env.server.caPem, ['v5.channel.k8s.io']);
      } catch (error) {
        failure = (error as Error).message;
      }
      expect(failure, url).to.equal(`HTTP ${code}`);
    }
  });

  it('should answer a plain request for exec with 400 Upgrade request required', async () => {
    const res = await rawRequest(env.server, `${POD}/exec?command=ls`);
    expect(res.status).to.equal(400);
    expect(res.json<Json>()['message']).to.equal('Upgrade request required');
  });

  it('should forward a port to the hook: port prefixes, then data both ways', async () => {
    env.server.hooks.onPortForward((session) => {
      session.stream.on('data', (chunk: Buffer) => session.stream.write(`echo:${chunk.toString()}`));
    });
    const got = await connect(wsUrl(`${POD}/portforward?ports=8080`), env.server.token, env.server.caPem, ['v4.channel.k8s.io'], (ws) => {
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('ping')]));
      ws.once('message', () => undefined);
      setImmediate(() => ws.once('message', () => ws.close()));
    });
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16LE(8080);
    expect(got.frames.slice(0, 2)).to.deep.equal([
      { channel: 0, text: prefix.toString('utf8') },
      { channel: 1, text: prefix.toString('utf8') },
    ]);
    expect(got.frames.some((f) => f.channel === 0 && f.text === 'echo:ping')).to.equal(true);
  });
});
