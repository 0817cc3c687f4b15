// Runs the client examples with no kubeconfig reachable, so that they start an embedded server.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

describe('client examples', function () {
  this.timeout(60_000);
  let home: string;

  before(() => {
    home = mkdtempSync(join(tmpdir(), 'kube-rx-examples-home-'));
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  /** Runs an example with no kubeconfig reachable: it must start its own embedded server. */
  const example = async (file: string): Promise<string> => {
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
    delete env['KUBECONFIG'];
    delete env['KUBERNETES_SERVICE_HOST'];
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(root, 'examples', file)], { cwd: root, env });
    return stdout;
  };

  it('should run pod-api against an embedded server', async () => {
    const out = await example('pod-api.ts');
    expect(out).to.match(/^using an embedded API server at https:\/\/127\.0\.0\.1:\d+/);
    expect(out).to.contain('created blog (uid ');
    expect(out).to.contain('got blog with container blog');
    expect(out).to.contain('replaced: labels {"app":"blog"}');
    expect(out).to.contain('409 Conflict, as it should');
    expect(out).to.contain('patched: annotations {"example.com/owner":"pod-api"}');
    expect(out).to.contain('listed 1 pod(s) with app=blog: blog');
    expect(out).to.match(/blog is (gone|still terminating)/);
  });

  it('should run dynamic-api against an embedded server', async () => {
    const out = await example('dynamic-api.ts');
    expect(out).to.match(/^using an embedded API server/);
    expect(out).to.match(/discovery: (aggregated|legacy), \d+ groups/);
    expect(out).to.match(/ConfigMap \(v1, namespaced\): \d+ .*default\/dynamic-api-example/);
    expect(out).to.match(/Namespace \(v1, cluster\): \d+ .*default/);
    expect(out).to.contain('Deployment (apps/v1, namespaced): 0');
  });
});
