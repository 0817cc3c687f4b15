// The client's WebSocket subresources against the embedded API server, whose test hooks play the
// container (exec/attach) and what listens on a pod's port (port-forward). A real cluster serves
// these through a kubelet, which the test control plane does not run.
import { expect } from 'chai';
import type { Readable } from 'node:stream';
import { Api } from '../../lib/client/api.js';
import { Pod } from '../../lib/core/resources/core-v1.js';
import { useApiClient } from '../helpers/api-client.js';
import { embeddedOnly, useTestCluster } from '../helpers/test-cluster.js';

async function readAll(stream: Readable | undefined): Promise<string> {
  if (stream === undefined) return '';
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

describe('client streams against the embedded API server', function () {
  this.timeout(20_000);
  embeddedOnly('exec, attach and port-forward are served by a kubelet, and the real control plane runs none');
  const env = useTestCluster();
  const cluster = useApiClient(env);
  let pods: Api<Pod>;

  before(async () => {
    pods = Api.namespaced(cluster.client, Pod, 'default');
    await pods.create({ metadata: { name: 'box' }, spec: { containers: [{ name: 'main', image: 'busybox' }] } });
  });
  afterEach(() => {
    env.embedded!.hooks.onExec(undefined);
    env.embedded!.hooks.onPortForward(undefined);
  });

  it('should exec a command with stdin, stdout, stderr and its exit code (v5.channel.k8s.io)', async () => {
    const seen: string[][] = [];
    env.embedded!.hooks.onExec(async (session) => {
      seen.push([...session.command]);
      let input = '';
      for await (const chunk of session.stdin ?? []) input += String(chunk);
      session.stdout.write(input.toUpperCase());
      session.stderr.write('warning: shouting\n');
      return 3;
    });
    const process = await pods.exec('box', ['tr', 'a-z', 'A-Z'], { stdin: true });
    expect(process.protocol).to.equal('v5.channel.k8s.io');
    process.stdin?.end('hello\n');
    const [out, err, status] = await Promise.all([readAll(process.stdout), readAll(process.stderr), process.status]);
    expect(seen).to.deep.equal([['tr', 'a-z', 'A-Z']]);
    expect(out).to.equal('HELLO\n');
    expect(err).to.equal('warning: shouting\n');
    expect(status.status).to.equal('Failure');
    expect(status.reason).to.equal('NonZeroExitCode');
    expect(status.details?.causes).to.deep.include({ reason: 'ExitCode', message: '3' });
  });

  it('should forward a port both ways', async () => {
    env.embedded!.hooks.onPortForward((session) => {
      expect(session.port).to.equal(8080);
      session.stream.on('data', (chunk: Buffer) => session.stream.write(`echo ${String(chunk)}`));
    });
    const forwarder = await pods.portForward('box', [8080]);
    const stream = forwarder.stream(8080);
    const reply = new Promise<string>((resolve) => stream.once('data', (chunk: Buffer) => resolve(String(chunk))));
    stream.write('ping');
    expect(await reply).to.equal('echo ping');
    forwarder.close();
    await forwarder.closed;
  });

  it('should refuse exec into a pod that does not exist with a 404', async () => {
    const error = await pods.exec('nope', ['true']).then(() => undefined, (e: unknown) => e);
    expect(error).to.have.property('name', 'ApiError');
    expect((error as { code: number }).code).to.equal(404);
  });
});
