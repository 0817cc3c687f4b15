import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('kube-rx (main)', () => {
  it('should serve until SIGINT and exit 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'lib/cli/main.ts'), 'serve', '--insecure'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    const ready = new Promise<void>((done, fail) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('Press Ctrl+C to stop.')) done();
      });
      child.on('exit', (code) => fail(new Error(`exited ${String(code)} before serving: ${out}`)));
    });
    await ready;
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).to.equal(0);
    expect(out).to.contain('kube-rx API server stopped');
  });

  it('should print usage and fail for an unknown command', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'lib/cli/main.ts'), 'frobnicate'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    expect(code).to.equal(1);
    expect(err).to.contain('kube-rx: unknown command "frobnicate"');
  });
});
