// kubectl's imperative generators against a test cluster (embedded, or the real control plane under
// KUBE_RX_TEST_CLUSTER=real): they speak protobuf, and what they create is stored exactly.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawRequest } from '../helpers/api-server.js';
import { Kubectl } from '../helpers/kubectl.js';
import { useTestCluster } from '../helpers/test-cluster.js';

type Json = Record<string, any>;

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const NS = 'imperative';

describe('kubectl imperative generators (protobuf)', function () {
  this.timeout(60_000);
  const env = useTestCluster();
  let kubectl: Kubectl;
  let files: string;

  before(async () => {
    kubectl = await Kubectl.forKubeconfig(env.kubeconfig);
    files = await mkdtemp(join(tmpdir(), 'kube-rx-imperative-'));
  });
  after(async () => {
    await kubectl.dispose();
    await rm(files, { recursive: true, force: true });
  });

  /**
   * Runs kubectl, expecting success, and (on the embedded server, whose request log records media
   * types) checks every POST it made went in protobuf with protobuf preferred back — or, for `run`
   * and `expose` (which kubectl 1.32 sends through its unstructured client, to a real
   * kube-apiserver too), in JSON.
   */
  async function create(args: string[], expectedOut?: string, media: 'protobuf' | 'json' = 'protobuf'): Promise<string> {
    env.hooks.clearRequests();
    const result = await kubectl.run(args);
    expect(result.code, `kubectl ${args.join(' ')}: ${result.stderr}`).to.equal(0);
    if (expectedOut !== undefined) expect(result.stdout).to.equal(expectedOut);
    if (env.embedded === undefined) return result.stdout;
    const posts = env.embedded.hooks.requests().filter((r) => r.method === 'POST');
    expect(posts, `kubectl ${args.join(' ')} posted nothing`).to.not.be.empty;
    for (const post of posts) {
      expect(post.contentType, `${post.path}`).to.equal(media === 'protobuf' ? PROTOBUF : 'application/json');
      expect(post.accept, `${post.path}`).to.equal(media === 'protobuf' ? `${PROTOBUF},application/json` : 'application/json, */*');
      expect(post.code, `${post.path}`).to.equal(201);
    }
    return result.stdout;
  }

  async function stored(path: string): Promise<Json> {
    const res = await rawRequest(env, path);
    expect(res.status, path).to.equal(200);
    return res.json<Json>();
  }

  it('create namespace', async () => {
    await create(['create', 'namespace', NS], `namespace/${NS} created\n`);
    const ns = await stored(`/api/v1/namespaces/${NS}`);
    expect(ns['metadata'].name).to.equal(NS);
    expect(ns['status']).to.deep.equal({ phase: 'Active' });
  });

  it('create configmap --from-literal --from-file', async () => {
    await writeFile(join(files, 'app.properties'), 'level=debug\nname=ü\n');
    await create(['create', 'configmap', 'settings', '-n', NS, '--from-literal=a=1', '--from-literal=b=two words', `--from-file=${join(files, 'app.properties')}`]);
    expect((await stored(`/api/v1/namespaces/${NS}/configmaps/settings`))['data']).to.deep.equal({ a: '1', b: 'two words', 'app.properties': 'level=debug\nname=ü\n' });
  });

  it('create secret generic, with binary data byte for byte', async () => {
    const binary = Buffer.from([0, 1, 2, 0x80, 0xfe, 0xff]);
    await writeFile(join(files, 'key.bin'), binary);
    const out = await create(['create', 'secret', 'generic', 'creds', '-n', NS, '--from-literal=password=hunter2', `--from-file=key=${join(files, 'key.bin')}`, '-o', 'json']);
    const secret = await stored(`/api/v1/namespaces/${NS}/secrets/creds`);
    expect(secret['type']).to.equal('Opaque');
    expect(secret['data']).to.deep.equal({ password: Buffer.from('hunter2').toString('base64'), key: binary.toString('base64') });
    // What kubectl printed is what it decoded from our protobuf answer.
    const printed = JSON.parse(out) as Json;
    expect(printed['data']).to.deep.equal(secret['data']);
    expect(printed['metadata']).to.include({ uid: secret['metadata'].uid, resourceVersion: secret['metadata'].resourceVersion, creationTimestamp: secret['metadata'].creationTimestamp });
  });

  it('create secret docker-registry', async () => {
    await create(['create', 'secret', 'docker-registry', 'pull', '-n', NS, '--docker-server=registry.example.com', '--docker-username=u', '--docker-password=p']);
    const secret = await stored(`/api/v1/namespaces/${NS}/secrets/pull`);
    expect(secret['type']).to.equal('kubernetes.io/dockerconfigjson');
    const config = JSON.parse(Buffer.from(secret['data']['.dockerconfigjson'], 'base64').toString('utf8')) as Json;
    expect(config['auths']['registry.example.com']).to.include({ username: 'u', password: 'p' });
  });

  it('create serviceaccount', async () => {
    await create(['create', 'serviceaccount', 'robot', '-n', NS], 'serviceaccount/robot created\n');
    expect((await stored(`/api/v1/namespaces/${NS}/serviceaccounts/robot`))['metadata'].name).to.equal('robot');
  });

  it('create quota', async () => {
    // A namespace of its own: a real cluster's quota admission would refuse the pods of later tests.
    await create(['create', 'namespace', `${NS}-quota`]);
    await create(['create', 'quota', 'compute', '-n', `${NS}-quota`, '--hard=cpu=1,memory=1G,pods=2', '--scopes=NotTerminating']);
    const quota = await stored(`/api/v1/namespaces/${NS}-quota/resourcequotas/compute`);
    expect(quota['spec']).to.deep.equal({ hard: { cpu: '1', memory: '1G', pods: '2' }, scopes: ['NotTerminating'] });
  });

  it('create pdb, with min-available as a percentage and max-unavailable as a number', async () => {
    await create(['create', 'pdb', 'web', '-n', NS, '--selector=app=web', '--min-available=50%']);
    await create(['create', 'pdb', 'db', '-n', NS, '--selector=app=db', '--max-unavailable=1']);
    expect((await stored(`/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets/web`))['spec']).to.deep.equal({ minAvailable: '50%', selector: { matchLabels: { app: 'web' } } });
    expect((await stored(`/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets/db`))['spec']).to.deep.equal({ maxUnavailable: 1, selector: { matchLabels: { app: 'db' } } });
  });

  it('create priorityclass', async () => {
    await create(['create', 'priorityclass', 'important', '--value=1000', '--description=for the golden path', '--preemption-policy=Never']);
    const pc = await stored('/apis/scheduling.k8s.io/v1/priorityclasses/important');
    expect(pc).to.deep.include({ value: 1000, description: 'for the golden path', preemptionPolicy: 'Never' });
  });

  it('create service clusterip', async () => {
    await create(['create', 'service', 'clusterip', 'web', '-n', NS, '--tcp=80:8080']);
    const svc = await stored(`/api/v1/namespaces/${NS}/services/web`);
    expect(svc['spec']).to.deep.include({ type: 'ClusterIP', selector: { app: 'web' } });
    expect(svc['spec'].ports).to.deep.equal([{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }]);
  });

  it('create deployment', async () => {
    const out = await create(['create', 'deployment', 'web', '-n', NS, '--image=nginx:1.27', '--replicas=2', '--port=80', '-o', 'json']);
    const deploy = await stored(`/apis/apps/v1/namespaces/${NS}/deployments/web`);
    expect(deploy['metadata'].labels).to.deep.equal({ app: 'web' });
    expect(deploy['spec']).to.deep.include({ replicas: 2, selector: { matchLabels: { app: 'web' } } });
    expect(deploy['spec'].template.metadata.labels).to.deep.equal({ app: 'web' });
    expect(deploy['spec'].template.spec.containers).to.have.length(1);
    expect(deploy['spec'].template.spec.containers[0]).to.deep.include({ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] });
    const printed = JSON.parse(out) as Json;
    expect(printed['metadata']).to.include({ uid: deploy['metadata'].uid, generation: 1 });
    expect(printed['spec'].template.spec.containers[0].image).to.equal('nginx:1.27');
  });

  it('autoscale', async () => {
    await create(['autoscale', 'deployment', 'web', '-n', NS, '--min=1', '--max=3', '--cpu-percent=50'], 'horizontalpodautoscaler.autoscaling/web autoscaled\n');
    const hpa = await stored(`/apis/autoscaling/v1/namespaces/${NS}/horizontalpodautoscalers/web`);
    expect(hpa['spec']).to.deep.equal({ scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 });
  });

  it('create job', async () => {
    await create(['create', 'job', 'once', '-n', NS, '--image=busybox:1.36', '--', 'echo', 'hi']);
    const job = await stored(`/apis/batch/v1/namespaces/${NS}/jobs/once`);
    expect(job['spec'].template.spec.restartPolicy).to.equal('Never');
    expect(job['spec'].template.spec.containers[0]).to.deep.include({ name: 'once', image: 'busybox:1.36', command: ['echo', 'hi'] });
  });

  it('create cronjob', async () => {
    await create(['create', 'cronjob', 'nightly', '-n', NS, '--image=busybox:1.36', '--schedule=0 3 * * *', '--restart=OnFailure', '--', 'date']);
    const cron = await stored(`/apis/batch/v1/namespaces/${NS}/cronjobs/nightly`);
    expect(cron['spec'].schedule).to.equal('0 3 * * *');
    expect(cron['spec'].jobTemplate.metadata.name).to.equal('nightly');
    expect(cron['spec'].jobTemplate.spec.template.spec).to.deep.include({ restartPolicy: 'OnFailure' });
    expect(cron['spec'].jobTemplate.spec.template.spec.containers[0]).to.deep.include({ image: 'busybox:1.36', command: ['date'] });
  });

  it('create role and rolebinding', async () => {
    await create(['create', 'role', 'reader', '-n', NS, '--verb=get,list,watch', '--resource=pods,deployments.apps', '--resource-name=web']);
    expect((await stored(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/roles/reader`))['rules']).to.deep.equal([
      { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] },
      { verbs: ['get', 'list', 'watch'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'] },
    ]);
    await create(['create', 'rolebinding', 'reader', '-n', NS, '--role=reader', `--serviceaccount=${NS}:robot`, '--user=jane', '--group=devs']);
    const binding = await stored(`/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings/reader`);
    expect(binding['roleRef']).to.deep.equal({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' });
    expect(binding['subjects']).to.deep.equal([
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
      { kind: 'ServiceAccount', name: 'robot', namespace: NS },
    ]);
  });

  it('create clusterrole and clusterrolebinding', async () => {
    await create(['create', 'clusterrole', 'node-reader', '--verb=get', '--resource=nodes', '--non-resource-url=/healthz', '--verb=get']);
    await create(['create', 'clusterrolebinding', 'node-reader', '--clusterrole=node-reader', '--user=jane']);
    expect((await stored('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/node-reader'))['roleRef']).to.deep.equal({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'node-reader',
    });
  });

  it('create ingress', async () => {
    await create(['create', 'ingress', 'web', '-n', NS, '--class=nginx', '--rule=example.com/app*=web:80']);
    const ingress = await stored(`/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses/web`);
    expect(ingress['spec'].ingressClassName).to.equal('nginx');
    expect(ingress['spec'].rules[0].http.paths[0]).to.deep.equal({ path: '/app', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } });
  });

  it('run', async () => {
    await create(['run', 'pod1', '-n', NS, '--image=nginx:1.27', '--labels=app=pod1,tier=front', '--port=80', '--env=A=b'], 'pod/pod1 created\n', 'json');
    const pod = await stored(`/api/v1/namespaces/${NS}/pods/pod1`);
    expect(pod['metadata'].labels).to.deep.equal({ app: 'pod1', tier: 'front' });
    expect(pod['spec'].containers[0]).to.deep.include({ name: 'pod1', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: 'b' }] });
    expect(pod['spec'].restartPolicy).to.equal('Always');
  });

  it('expose', async () => {
    await create(['expose', 'deployment', 'web', '-n', NS, '--name=web-public', '--port=8080', '--target-port=80'], 'service/web-public exposed\n', 'json');
    const svc = await stored(`/api/v1/namespaces/${NS}/services/web-public`);
    expect(svc['spec'].selector).to.deep.equal({ app: 'web' });
    expect(svc['spec'].ports).to.deep.equal([{ protocol: 'TCP', port: 8080, targetPort: 80 }]);
  });

  it('auth can-i and auth whoami', async () => {
    expect(await create(['auth', 'can-i', 'create', 'deployments', '-n', NS])).to.equal('yes\n');
    const denied = await kubectl.run(['auth', 'can-i', 'create', 'deployments', '-n', NS, '--as=jane']);
    expect([denied.code, denied.stdout]).to.deep.equal([1, 'no\n']);
    const whoami = await create(['auth', 'whoami', '-o', 'json']);
    expect((JSON.parse(whoami) as Json)['status'].userInfo.username).to.be.a('string').and.not.equal('');
  });

  it('create token', async () => {
    const token = (await create(['create', 'token', 'robot', '-n', NS, '--duration=10m'])).trim();
    expect(token.length).to.be.greaterThan(20);
    const posts = env.hooks.requests().filter((r) => r.method === 'POST');
    expect(posts.map((p) => p.path)).to.deep.equal([`/api/v1/namespaces/${NS}/serviceaccounts/robot/token`]);
    // The token authenticates (as system:serviceaccount:imperative:robot, whom RBAC may still refuse).
    const asRobot = await rawRequest(env, `/api/v1/namespaces/${NS}/configmaps`, { auth: { token } });
    expect(asRobot.status).to.be.oneOf([200, 403]);
    if (asRobot.status === 403) expect(asRobot.json<Json>()['message']).to.contain('system:serviceaccount:imperative:robot');
  });
});
