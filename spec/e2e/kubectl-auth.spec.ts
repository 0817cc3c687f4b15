// kubectl auth whoami and can-i (incl. --list and --as) against a test cluster (embedded, or the real
// control plane under KUBE_RX_TEST_CLUSTER=real): the same answers, printed the same way.
import { expect } from 'chai';
import { rawRequest } from '../helpers/api-server.js';
import { Kubectl } from '../helpers/kubectl.js';
import { useTestCluster } from '../helpers/test-cluster.js';
import { binding, role } from '../helpers/rbac.js';

type Json = Record<string, any>;

const NS = 'kubectl-auth';

/** What kubectl auth can-i --list prints for a ServiceAccount bound to the two Roles below, in their namespace (recorded from kube-apiserver 1.32.13). */
const ROBOT_RULES = `Resources                                       Non-Resource URLs                      Resource Names   Verbs
selfsubjectreviews.authentication.k8s.io        []                                     []               [create]
selfsubjectaccessreviews.authorization.k8s.io   []                                     []               [create]
selfsubjectrulesreviews.authorization.k8s.io    []                                     []               [create]
configmaps                                      []                                     []               [get list watch]
                                                [/.well-known/openid-configuration/]   []               [get]
                                                [/.well-known/openid-configuration]    []               [get]
                                                [/api/*]                               []               [get]
                                                [/api]                                 []               [get]
                                                [/apis/*]                              []               [get]
                                                [/apis]                                []               [get]
                                                [/healthz]                             []               [get]
                                                [/healthz]                             []               [get]
                                                [/livez]                               []               [get]
                                                [/livez]                               []               [get]
                                                [/openapi/*]                           []               [get]
                                                [/openapi]                             []               [get]
                                                [/openid/v1/jwks/]                     []               [get]
                                                [/openid/v1/jwks]                      []               [get]
                                                [/readyz]                              []               [get]
                                                [/readyz]                              []               [get]
                                                [/version/]                            []               [get]
                                                [/version/]                            []               [get]
                                                [/version]                             []               [get]
                                                [/version]                             []               [get]
configmaps                                      []                                     [settings]       [update]
`;

describe('kubectl auth', function () {
  this.timeout(60_000);
  const env = useTestCluster({ users: [{ username: 'alice', groups: ['devs'], token: 'kubectl-auth-alice' }] });
  let admin: Kubectl;
  let robot: Kubectl;

  before(async () => {
    for (const [path, body] of [
      ['/api/v1/namespaces', { metadata: { name: NS } }],
      [`/api/v1/namespaces/${NS}/serviceaccounts`, { metadata: { name: 'robot' } }],
      [`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/roles`, role('reader', NS, [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }])],
      [`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/roles`, role('settings', NS, [{ apiGroups: [''], resources: ['configmaps'], verbs: ['update'], resourceNames: ['settings'] }])],
      [`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`, binding('robot-reader', NS, 'Role:reader', [`ServiceAccount:${NS}/robot`])],
      [`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`, binding('robot-settings', NS, 'Role:settings', [`ServiceAccount:${NS}/robot`])],
    ] as const) {
      const res = await rawRequest(env, path, { method: 'POST', body });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.text}`);
    }
    const minted = await rawRequest(env, `/api/v1/namespaces/${NS}/serviceaccounts/robot/token`, { method: 'POST', body: { spec: {} } });
    const token = minted.json<Json>()['status'].token as string;
    admin = await Kubectl.forKubeconfig(env.kubeconfig);
    robot = await Kubectl.forKubeconfig(env.cluster.kubeconfigFor({ token }));
  });
  after(async () => {
    await admin?.dispose();
    await robot?.dispose();
  });

  it('whoami should print the ServiceAccount, its uid, groups and credential id', async () => {
    const sa = (await rawRequest(env, `/api/v1/namespaces/${NS}/serviceaccounts/robot`)).json<Json>();
    const out = await robot.run(['auth', 'whoami']);
    expect(out.code, out.stderr).to.equal(0);
    const lines = out.stdout.trimEnd().split('\n').map((l) => l.replace(/\s+/g, ' '));
    expect(lines.slice(0, 4)).to.deep.equal([
      'ATTRIBUTE VALUE',
      `Username system:serviceaccount:${NS}:robot`,
      `UID ${sa['metadata'].uid as string}`,
      `Groups [system:serviceaccounts system:serviceaccounts:${NS} system:authenticated]`,
    ]);
    expect(lines[4]).to.match(/^Extra: authentication\.kubernetes\.io\/credential-id \[JTI=[0-9a-f-]{36}\]$/);
  });

  it('can-i should answer yes/no with exit codes 0/1, from RBAC', async () => {
    expect(await robot.run(['auth', 'can-i', 'list', 'configmaps', '-n', NS])).to.deep.include({ code: 0, stdout: 'yes\n' });
    expect(await robot.run(['auth', 'can-i', 'delete', 'configmaps', '-n', NS])).to.deep.include({ code: 1, stdout: 'no\n' });
    expect(await robot.run(['auth', 'can-i', 'update', 'configmaps/settings', '-n', NS])).to.deep.include({ code: 0, stdout: 'yes\n' });
    expect(await robot.run(['auth', 'can-i', 'update', 'configmaps/other', '-n', NS])).to.deep.include({ code: 1, stdout: 'no\n' });
    expect(await robot.run(['auth', 'can-i', 'get', '/healthz'])).to.deep.include({ code: 0, stdout: 'yes\n' });
  });

  it('can-i --list should print the ServiceAccount\'s rules as for the real server', async () => {
    const out = await robot.run(['auth', 'can-i', '--list', '-n', NS]);
    expect(out.code, out.stderr).to.equal(0);
    expect(out.stdout).to.equal(ROBOT_RULES);
  });

  it('can-i --as should answer for the impersonated ServiceAccount and user', async () => {
    expect(await admin.run(['auth', 'can-i', 'watch', 'configmaps', '-n', NS, '--as', `system:serviceaccount:${NS}:robot`])).to.deep.include({ code: 0, stdout: 'yes\n' });
    expect(await admin.run(['auth', 'can-i', 'list', 'secrets', '-n', NS, '--as', `system:serviceaccount:${NS}:robot`])).to.deep.include({ code: 1, stdout: 'no\n' });
    expect(await admin.run(['auth', 'can-i', 'list', 'pods', '--as', 'alice', '--as-group', 'system:masters'])).to.deep.include({ code: 0, stdout: 'yes\n' });
    const list = await admin.run(['auth', 'can-i', '--list', '-n', NS, '--as', `system:serviceaccount:${NS}:robot`]);
    expect(list.stdout).to.equal(ROBOT_RULES);
  });
});
