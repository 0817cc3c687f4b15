import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isCliError } from '../../lib/cli/cli-error.js';
import { parseServeArgs, serveCommand } from '../../lib/cli/serve-command.js';

describe('parseServeArgs', () => {
  it('should default to an ephemeral HTTPS port on loopback', () => {
    expect(parseServeArgs([])).to.deep.equal({ port: 0, host: '127.0.0.1', kubeconfig: undefined, insecure: false, simulate: true, nodes: undefined });
  });

  it('should read --no-simulate and --nodes', () => {
    expect(parseServeArgs(['--no-simulate'])).to.include({ simulate: false });
    expect(parseServeArgs(['--nodes=5'])).to.include({ simulate: true, nodes: 5 });
  });

  it('should read --port, --kubeconfig and --insecure in both spellings', () => {
    const options = parseServeArgs(['--port', '6443', '--kubeconfig=out.yaml', '--insecure']);
    expect(options).to.include({ port: 6443, insecure: true });
    expect(options.kubeconfig).to.match(/\/out\.yaml$/);
  });

  it('should refuse unknown flags and bad ports', () => {
    for (const args of [['--nope'], ['--port', 'x'], ['--port', '70000'], ['--port'], ['--nodes', 'many']]) {
      let error: unknown;
      try {
        parseServeArgs(args);
      } catch (e) {
        error = e;
      }
      expect(isCliError(error), args.join(' ')).to.equal(true);
    }
  });
});

describe('serveCommand', () => {
  it('should start a server, write the kubeconfig, print how to use it, and stop on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kube-rx-cli-'));
    const path = join(dir, 'kubeconfig.yaml');
    const signals = new EventEmitter();
    let output = '';
    const printed = new Promise<void>((resolve) => signals.once('printed', resolve));
    const io = {
      write: (text: string) => {
        output += text;
        signals.emit('printed');
      },
      once: (signal: 'SIGINT' | 'SIGTERM', listener: () => void) => void signals.once(signal, listener),
      off: (signal: 'SIGINT' | 'SIGTERM', listener: () => void) => void signals.off(signal, listener),
    };
    try {
      const running = serveCommand(['--kubeconfig', path, '--insecure'], io);
      await printed;
      expect(output).to.match(/^kube-rx API server listening on http:\/\/127\.0\.0\.1:\d+\n/);
      expect(output).to.contain(`export KUBECONFIG=${path}`);
      const config = parse(readFileSync(path, 'utf8')) as { clusters: { cluster: { server: string } }[]; users: { user: { token: string } }[] };
      const server = config.clusters[0]?.cluster.server ?? '';
      const res = await fetch(`${server}/api/v1/namespaces`, { headers: { authorization: `Bearer ${config.users[0]?.user.token ?? ''}` } });
      expect(res.status).to.equal(200);
      signals.emit('SIGTERM');
      expect(await running).to.equal(0);
      expect(output).to.match(/kube-rx API server stopped\n$/);
      expect(existsSync(path), 'a kubeconfig the user asked for is kept').to.equal(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
