// kubectl against the embedded server's workload simulation: rollouts, rollbacks, Jobs, pods that run, Services with endpoints.
import { expect } from 'chai';
import { stringify } from 'yaml';
import { rawRequest } from '../helpers/api-server.js';
import { Kubectl } from '../helpers/kubectl.js';
import { embeddedOnly, useTestCluster } from '../helpers/test-cluster.js';

type Json = Record<string, any>;

function deployment(name: string, replicas: number, image: string): string {
  return stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 8080, name: 'http' }] }] } },
    },
  });
}

describe('kubectl and the workload simulation', function () {
  this.timeout(60_000);
  embeddedOnly('the real control plane has no nodes or kubelet to run pods');
  const env = useTestCluster({ embedded: { simulate: { podStartMs: 20, jobPodRunMs: 20 } } });
  let kubectl: Kubectl;
  let namespaces = 0;

  before(async () => {
    kubectl = await Kubectl.forKubeconfig(env.kubeconfig);
  });
  after(async () => {
    // (never made when the block is skipped on the real cluster)
    await (kubectl as Kubectl | undefined)?.dispose();
  });

  async function namespace(): Promise<string> {
    namespaces += 1;
    const name = `sim-${namespaces}`;
    expect((await rawRequest(env.embedded!, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name } } })).status).to.equal(201);
    return name;
  }

  async function ok(args: string[], stdin?: string): Promise<string> {
    const result = await kubectl.run(args, stdin);
    expect(result.code, `kubectl ${args.join(' ')}: ${result.stderr}`).to.equal(0);
    return result.stdout;
  }

  async function json(args: string[]): Promise<Json> {
    return JSON.parse(await ok([...args, '-o', 'json'])) as Json;
  }

  it('should roll a new Deployment out: rollout status completes and the Available condition is met', async () => {
    const ns = await namespace();
    await ok(['apply', '-n', ns, '-f', '-'], deployment('web', 3, 'nginx:1.27'));
    const status = await ok(['rollout', 'status', '-n', ns, 'deployment/web', '--timeout=30s']);
    expect(status).to.contain('deployment "web" successfully rolled out');
    expect(await ok(['wait', '-n', ns, '--for=condition=Available', 'deployment/web', '--timeout=30s'])).to.equal('deployment.apps/web condition met\n');
    const live = await json(['get', '-n', ns, 'deployment/web']);
    expect(live['status']).to.include({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: live['metadata'].generation });
    expect(live['metadata'].generation).to.equal(1);
    expect(live['metadata'].annotations['deployment.kubernetes.io/revision']).to.equal('1');
    const pods = await json(['get', 'pods', '-n', ns, '-l', 'app=web']);
    expect(pods['items']).to.have.length(3);
    for (const pod of pods['items']) {
      expect(pod['status'].phase).to.equal('Running');
      expect(pod['metadata'].labels['pod-template-hash']).to.be.a('string');
      expect(pod['metadata'].ownerReferences[0]).to.include({ kind: 'ReplicaSet', controller: true });
    }
  });

  it('should roll out a new image, list the revisions and undo to the previous one', async () => {
    const ns = await namespace();
    await ok(['apply', '-n', ns, '-f', '-'], deployment('app', 2, 'nginx:1.27'));
    await ok(['rollout', 'status', '-n', ns, 'deployment/app', '--timeout=30s']);
    await ok(['set', 'image', '-n', ns, 'deployment/app', 'web=nginx:1.28']);
    expect(await ok(['rollout', 'status', '-n', ns, 'deployment/app', '--timeout=30s'])).to.contain('successfully rolled out');
    const history = await ok(['rollout', 'history', '-n', ns, 'deployment/app']);
    expect(history).to.match(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
    const images = async (): Promise<string[]> =>
      (await json(['get', 'pods', '-n', ns, '-l', 'app=app']))['items'].filter((p: Json) => p['metadata'].deletionTimestamp === undefined).map((p: Json) => p['spec'].containers[0].image);
    expect(await images()).to.deep.equal(['nginx:1.28', 'nginx:1.28']);
    expect(await ok(['rollout', 'undo', '-n', ns, 'deployment/app'])).to.equal('deployment.apps/app rolled back\n');
    await ok(['rollout', 'status', '-n', ns, 'deployment/app', '--timeout=30s']);
    expect((await json(['get', '-n', ns, 'deployment/app']))['spec'].template.spec.containers[0].image).to.equal('nginx:1.27');
    expect(await ok(['rollout', 'history', '-n', ns, 'deployment/app'])).to.match(/REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n/);
    const replicaSets = (await json(['get', 'replicasets', '-n', ns]))['items'];
    expect(replicaSets).to.have.length(2);
    expect(replicaSets.map((rs: Json) => rs['spec'].replicas).sort()).to.deep.equal([0, 2]);
  });

  it('should run a Job to completion', async () => {
    const ns = await namespace();
    await ok(['apply', '-n', ns, '-f', '-'], stringify({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { completions: 3, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl', command: ['perl', '-e', 'print 1'] }] } } },
    }));
    expect(await ok(['wait', '-n', ns, '--for=condition=complete', 'job/pi', '--timeout=30s'])).to.equal('job.batch/pi condition met\n');
    const job = await json(['get', '-n', ns, 'job/pi']);
    expect(job['status']).to.include({ succeeded: 3 });
    expect(job['status'].conditions.map((c: Json) => c['type'])).to.deep.equal(['SuccessCriteriaMet', 'Complete']);
    const pods = (await json(['get', 'pods', '-n', ns, '-l', 'job-name=pi']))['items'];
    expect(pods.map((p: Json) => p['status'].phase)).to.deep.equal(['Succeeded', 'Succeeded', 'Succeeded']);
  });

  it('should show a pod Running with a pod IP on a simulated node', async () => {
    const ns = await namespace();
    await ok(['apply', '-n', ns, '-f', '-'], stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }));
    expect(await ok(['wait', '-n', ns, '--for=condition=Ready', 'pod/solo', '--timeout=30s'])).to.equal('pod/solo condition met\n');
    const wide = await ok(['get', 'pod', 'solo', '-n', ns, '-o', 'wide', '--no-headers']);
    expect(wide).to.match(/^solo\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+kube-rx-node-\d\s+/);
    const pod = await json(['get', '-n', ns, 'pod/solo']);
    expect(pod['status'].containerStatuses[0]).to.include({ ready: true, started: true, restartCount: 0, image: 'docker.io/library/busybox:latest' });
    expect(pod['status'].hostIP).to.match(/^172\.18\.0\.\d+$/);
    expect(await ok(['get', 'nodes', '--no-headers'])).to.match(/^kube-rx-node-1\s+Ready\s+/);
  });

  it('should expose a Deployment as a Service whose EndpointSlice lists the pods', async () => {
    const ns = await namespace();
    await ok(['apply', '-n', ns, '-f', '-'], deployment('api', 2, 'nginx:1.27'));
    await ok(['rollout', 'status', '-n', ns, 'deployment/api', '--timeout=30s']);
    expect(await ok(['expose', '-n', ns, 'deployment/api', '--port=80', '--target-port=http'])).to.equal('service/api exposed\n');
    const podIPs = (await json(['get', 'pods', '-n', ns, '-l', 'app=api']))['items'].map((p: Json) => p['status'].podIP).sort();
    let slices: Json[] = [];
    for (let i = 0; i < 50 && slices.length === 0; i += 1) {
      slices = (await json(['get', 'endpointslices', '-n', ns, '-l', 'kubernetes.io/service-name=api']))['items'];
    }
    expect(slices).to.have.length(1);
    expect(slices[0]!['endpoints'].map((e: Json) => e['addresses'][0]).sort()).to.deep.equal(podIPs);
    expect(slices[0]!['ports']).to.deep.equal([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(slices[0]!['endpoints'].every((e: Json) => e['conditions'].ready === true)).to.equal(true);
    const endpoints = await ok(['get', 'endpoints', 'api', '-n', ns, '--no-headers']);
    expect(endpoints).to.match(/^api\s+10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080\s+/);
  });

  it('should move what kubectl\'s imperative generators create: create deployment, run, create job, autoscale, expose rc', async () => {
    const ns = await namespace();
    expect(await ok(['create', 'deployment', 'gen', '-n', ns, '--image=nginx:1.27', '--replicas=2'])).to.equal('deployment.apps/gen created\n');
    expect(await ok(['rollout', 'status', '-n', ns, 'deployment/gen', '--timeout=30s'])).to.contain('successfully rolled out');
    expect(await ok(['autoscale', '-n', ns, 'deployment/gen', '--max=4', '--cpu-percent=60'])).to.equal('horizontalpodautoscaler.autoscaling/gen autoscaled\n');
    const hpa = await json(['get', '-n', ns, 'horizontalpodautoscalers.v2.autoscaling/gen']);
    expect(hpa['spec']).to.deep.include({ minReplicas: 1, maxReplicas: 4 });
    expect(hpa['spec'].metrics).to.deep.equal([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);
    expect(await ok(['run', 'solo', '-n', ns, '--image=busybox'])).to.equal('pod/solo created\n');
    expect(await ok(['wait', '-n', ns, '--for=condition=Ready', 'pod/solo', '--timeout=30s'])).to.equal('pod/solo condition met\n');
    expect(await ok(['create', 'job', 'once', '-n', ns, '--image=busybox'])).to.equal('job.batch/once created\n');
    expect(await ok(['wait', '-n', ns, '--for=condition=complete', 'job/once', '--timeout=30s'])).to.equal('job.batch/once condition met\n');
    await ok(['apply', '-n', ns, '-f', '-'], stringify({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy' },
      spec: { replicas: 2, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
    }));
    // The RC's selector comes from its template labels (SetDefaults_ReplicationController), so expose finds it.
    expect(await ok(['expose', '-n', ns, 'rc/legacy', '--port=80'])).to.equal('service/legacy exposed\n');
    let addresses: string[] = [];
    for (let i = 0; i < 50 && addresses.length < 2; i += 1) {
      const endpoints = await json(['get', '-n', ns, 'endpoints/legacy']);
      addresses = (endpoints['subsets']?.[0]?.['addresses'] ?? []).map((a: Json) => a['ip']);
    }
    expect(addresses).to.have.length(2);
  });

  it('should roll out a StatefulSet and a DaemonSet', async () => {
    const ns = await namespace();
    const template = (app: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    await ok(['apply', '-n', ns, '-f', '-'], [
      stringify({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template('db') } }),
      stringify({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent') } }),
    ].join('---\n'));
    expect(await ok(['rollout', 'status', '-n', ns, 'statefulset/db', '--timeout=30s'])).to.contain('roll out complete');
    expect(await ok(['rollout', 'status', '-n', ns, 'daemonset/agent', '--timeout=30s'])).to.contain('daemon set "agent" successfully rolled out');
    const names = (await json(['get', 'pods', '-n', ns, '-l', 'app=db']))['items'].map((p: Json) => p['metadata'].name);
    expect(names).to.deep.equal(['db-0', 'db-1']);
    const ds = await json(['get', '-n', ns, 'daemonset/agent']);
    expect(ds['status']).to.include({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberMisscheduled: 0 });
  });
});
