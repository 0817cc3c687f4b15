// Spec fixture: runs a program from examples/ with no kubeconfig reachable, so that it starts
// its own embedded API server — or, given a test cluster, with KUBECONFIG pointing at it — and
// resolves its standard output.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ClusterFixture } from './test-cluster.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/**
 * Registers a temporary, empty HOME for the enclosing `describe` block and returns a function
 * that runs `examples/<file>` under it (no in-cluster variables). Without `cluster`, there is no
 * `KUBECONFIG` either: the example must find no cluster, start an embedded server and exit 0 on
 * its own. With `cluster`, `KUBECONFIG` is the cluster's kubeconfig: the example runs against it.
 */
export function useExampleRunner(cluster?: ClusterFixture): (file: string) => Promise<string> {
  let home: string | undefined;
  before(() => {
    home = mkdtempSync(join(tmpdir(), 'kube-rx-examples-'));
  });
  after(() => {
    if (home !== undefined) rmSync(home, { recursive: true, force: true });
  });
  return async (file) => {
    if (home === undefined) throw new Error('useExampleRunner: call the runner inside the describe block');
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
    delete env['KUBECONFIG'];
    delete env['KUBERNETES_SERVICE_HOST'];
    if (cluster !== undefined) env['KUBECONFIG'] = cluster.kubeconfigPath;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(root, 'examples', file)], { cwd: root, env, timeout: 50_000 });
    return stdout;
  };
}
