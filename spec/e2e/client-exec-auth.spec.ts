// Integration specs of exec-plugin authentication against a test cluster (embedded or real): caching,
// expiry, 401 re-run.
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from '../../lib/client/api.js';
import { isAuthError } from '../../lib/client/auth/auth-error.js';
import { Client } from '../../lib/client/client.js';
import { Config } from '../../lib/client/config/config.js';
import { isApiError } from '../../lib/core/errors/api-error.js';
import { ConfigMap } from '../../lib/core/resources/core-v1.js';
import { useTestCluster } from '../helpers/test-cluster.js';
import { execKubeconfig } from '../helpers/exec-kubeconfig.js';

const ADMIN = { username: 'exec-admin', groups: ['system:masters'] };

describe('exec plugin authentication against a test cluster', function () {
  this.timeout(30_000);
  const env = useTestCluster({ users: ['t1', 't2', 't3', 't4', 'good', 'info'].map((t) => ({ token: `exec-${t}`, ...ADMIN })) });
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-rx-exec-e2e-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const runs = (counter: string): number => (existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0);
  const clientFor = async (settings: Record<string, string>): Promise<Client> => new Client(await Config.fromKubeconfig(execKubeconfig(env, settings)));

  it('should run the plugin once while its credential is valid', async () => {
    const counter = join(dir, 'runs');
    const client = await clientFor({ EXEC_TOKENS: 'exec-t1,exec-t2', EXEC_COUNTER: counter, EXEC_EXPIRES_IN: '3600' });
    const configMaps = Api.namespaced(client, ConfigMap, 'default');
    for (let i = 0; i < 5; i++) await configMaps.list();
    expect(runs(counter)).to.equal(1);
  });

  it('should run the plugin again for every request once its credential has expired', async () => {
    const counter = join(dir, 'runs');
    const client = await clientFor({ EXEC_TOKENS: 'exec-t1,exec-t2,exec-t3,exec-t4', EXEC_COUNTER: counter, EXEC_EXPIRES_IN: '-60' });
    const configMaps = Api.namespaced(client, ConfigMap, 'default');
    for (let i = 0; i < 3; i++) await configMaps.list();
    expect(runs(counter)).to.equal(3);
  });

  it('should run the plugin again once when the server answers 401, and succeed with the new token', async () => {
    const counter = join(dir, 'runs');
    const client = await clientFor({ EXEC_TOKENS: 'revoked-token,exec-good', EXEC_COUNTER: counter, EXEC_EXPIRES_IN: '3600' });
    const list = await Api.namespaced(client, ConfigMap, 'default').list();
    expect(list.items).to.be.an('array');
    expect(runs(counter)).to.equal(2);
  });

  it('should give up with the 401 when the new token is refused too', async () => {
    const counter = join(dir, 'runs');
    const client = await clientFor({ EXEC_TOKENS: 'revoked-1,revoked-2,revoked-3', EXEC_COUNTER: counter });
    const error = await Api.namespaced(client, ConfigMap, 'default').list().catch((e: unknown) => e);
    expect(isApiError(error) && error.isUnauthorized()).to.equal(true);
    expect(runs(counter)).to.equal(2);
  });

  it('should fail the request with the plugin exit code and stderr', async () => {
    const client = await clientFor({ EXEC_FAIL: '2', EXEC_STDERR: 'please log in first' });
    const error = await Api.namespaced(client, ConfigMap, 'default').list().catch((e: unknown) => e);
    expect(isAuthError(error) && [error.reason, error.exitCode]).to.deep.equal(['ExecFailed', 2]);
    expect((error as Error).message).to.contain('please log in first');
  });

  it('should tell the plugin about the cluster (provideClusterInfo)', async () => {
    const info = join(dir, 'info.json');
    const client = await clientFor({ EXEC_TOKENS: 'exec-info', EXEC_INFO_FILE: info });
    await Api.namespaced(client, ConfigMap, 'default').list();
    const written = JSON.parse(readFileSync(info, 'utf8')) as { info: { spec: { cluster: { server: string; 'certificate-authority-data': string } } } };
    expect(written.info.spec.cluster.server).to.equal(env.url);
    expect(Buffer.from(written.info.spec.cluster['certificate-authority-data'], 'base64').toString()).to.equal(env.caPem);
  });
});
