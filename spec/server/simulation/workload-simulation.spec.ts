// The workload simulation through the API, with zero delays so that settle() waits for every step.
import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';
import type { ApiServer } from '../../../lib/server/index.js';

type Json = Record<string, any>;

const template = (app: string, image = 'nginx:1.27') => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image }] } });

function client(server: () => ApiServer) {
  return {
    async post(path: string, body: Json): Promise<Json> {
      const res = await rawRequest(server(), path, { method: 'POST', body });
      expect(res.status, res.text).to.equal(201);
      await server().hooks.settle();
      return res.json<Json>();
    },
    async patch(path: string, body: Json): Promise<Json> {
      const res = await rawRequest(server(), path, { method: 'PATCH', body, headers: { 'content-type': 'application/merge-patch+json' } });
      expect(res.status, res.text).to.equal(200);
      await server().hooks.settle();
      return res.json<Json>();
    },
    async get(path: string): Promise<Json> {
      await server().hooks.settle();
      return (await rawRequest(server(), path)).json<Json>();
    },
  };
}

describe('WorkloadSimulation', () => {
  const env = useApiServer({ simulate: { podStartMs: 0, jobPodRunMs: 0, podStopMs: 0 } });
  const api = client(() => env.server);
  let namespaces = 0;
  async function namespace(): Promise<string> {
    namespaces += 1;
    const name = `w${namespaces}`;
    await api.post('/api/v1/namespaces', { metadata: { name } });
    return name;
  }

  it('should create two Ready nodes with pod CIDRs, and node leases', async () => {
    const nodes = (await api.get('/api/v1/nodes'))['items'];
    expect(nodes.map((n: Json) => n['metadata'].name)).to.deep.equal(['kube-rx-node-1', 'kube-rx-node-2']);
    expect(nodes[0]['spec'].podCIDR).to.equal('10.244.1.0/24');
    expect(nodes[0]['status'].conditions.find((c: Json) => c['type'] === 'Ready')).to.include({ status: 'True', reason: 'KubeletReady' });
    expect(nodes[0]['status'].nodeInfo).to.include({ kubeletVersion: 'v1.32.13', operatingSystem: 'linux', architecture: 'amd64' });
    expect((await api.get('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/kube-rx-node-1'))['spec']).to.include({ holderIdentity: 'kube-rx-node-1' });
  });

  it('should keep a node created with kwok\'s annotation Ready', async () => {
    await api.post('/api/v1/nodes', { metadata: { name: 'extra', annotations: { 'kwok.x-k8s.io/node': 'fake' } } });
    const node = await api.get('/api/v1/nodes/extra');
    expect(node['status'].conditions.find((c: Json) => c['type'] === 'Ready')['status']).to.equal('True');
    expect(node['spec'].podCIDR).to.match(/^10\.244\.\d+\.0\/24$/);
    await rawRequest(env.server, '/api/v1/nodes/extra', { method: 'DELETE' });
  });

  it('should schedule and start a pod: IPs, conditions and container statuses as a kubelet reports them', async () => {
    const ns = await namespace();
    await api.post(`/api/v1/namespaces/${ns}/pods`, { metadata: { name: 'p' }, spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    const pod = await api.get(`/api/v1/namespaces/${ns}/pods/p`);
    expect(pod['spec'].nodeName).to.match(/^kube-rx-node-\d$/);
    expect(pod['status'].phase).to.equal('Running');
    expect(pod['status'].podIP).to.match(/^10\.244\.\d+\.\d+$/);
    expect(pod['status'].podIPs).to.deep.equal([{ ip: pod['status'].podIP }]);
    expect(pod['status'].conditions.map((c: Json) => `${c['type']}=${c['status']}`)).to.deep.equal([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
    expect(pod['status'].containerStatuses[0]).to.include({ name: 'c', ready: true, started: true, image: 'docker.io/library/nginx:1.27' });
    expect(pod['status'].containerStatuses[0].containerID).to.match(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(pod['status'].initContainerStatuses[0].state.terminated).to.include({ exitCode: 0, reason: 'Completed' });
    expect(pod['status'].qosClass).to.equal('BestEffort');
  });

  it('should leave a pod that fits no node Pending and Unschedulable, and delete a deleted pod at once', async () => {
    const ns = await namespace();
    await api.post(`/api/v1/namespaces/${ns}/pods`, { metadata: { name: 'picky' }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', image: 'i' }] } });
    const pod = await api.get(`/api/v1/namespaces/${ns}/pods/picky`);
    expect(pod['status'].phase).to.equal('Pending');
    expect(pod['status'].conditions[0]).to.include({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
    await api.post(`/api/v1/namespaces/${ns}/pods`, { metadata: { name: 'gone' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    await rawRequest(env.server, `/api/v1/namespaces/${ns}/pods/gone`, { method: 'DELETE' });
    await env.server.hooks.settle();
    expect((await rawRequest(env.server, `/api/v1/namespaces/${ns}/pods/gone`)).status).to.equal(404);
  });

  it('should run a Deployment through a ReplicaSet, scale it, and report its status', async () => {
    const ns = await namespace();
    await api.post(`/apis/apps/v1/namespaces/${ns}/deployments`, { metadata: { name: 'web', annotations: { 'kubernetes.io/change-cause': 'first' } }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template('web') } });
    const rsList = (await api.get(`/apis/apps/v1/namespaces/${ns}/replicasets`))['items'];
    expect(rsList).to.have.length(1);
    const rs = rsList[0];
    const hash = rs['metadata'].labels['pod-template-hash'];
    expect(rs['metadata'].name).to.equal(`web-${hash}`);
    expect(rs['metadata'].annotations).to.include({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'kubernetes.io/change-cause': 'first' });
    expect(rs['spec'].selector.matchLabels).to.deep.equal({ app: 'web', 'pod-template-hash': hash });
    expect(rs['status']).to.deep.include({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    const deploy = await api.get(`/apis/apps/v1/namespaces/${ns}/deployments/web`);
    expect(deploy['metadata'].generation).to.equal(1);
    expect(deploy['status']).to.include({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(deploy['status'].conditions.map((c: Json) => [c['type'], c['status'], c['reason']])).to.deep.equal([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    await api.patch(`/apis/apps/v1/namespaces/${ns}/deployments/web`, { spec: { replicas: 1 } });
    const pods = (await api.get(`/api/v1/namespaces/${ns}/pods`))['items'];
    expect(pods).to.have.length(1);
    expect((await api.get(`/apis/apps/v1/namespaces/${ns}/deployments/web`))['status']).to.include({ replicas: 1, availableReplicas: 1 });
  });

  it('should roll a Recreate Deployment by scaling the old ReplicaSet to zero first', async () => {
    const ns = await namespace();
    const path = `/apis/apps/v1/namespaces/${ns}/deployments`;
    await api.post(path, { metadata: { name: 'r' }, spec: { replicas: 2, strategy: { type: 'Recreate' }, selector: { matchLabels: { app: 'r' } }, template: template('r') } });
    await api.patch(`${path}/r`, { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } } });
    const rsList = (await api.get(`/apis/apps/v1/namespaces/${ns}/replicasets`))['items'];
    expect(rsList.map((rs: Json) => [rs['metadata'].annotations['deployment.kubernetes.io/revision'], rs['spec'].replicas]).sort()).to.deep.equal([['1', 0], ['2', 2]]);
    const images = (await api.get(`/api/v1/namespaces/${ns}/pods`))['items'].map((p: Json) => p['spec'].containers[0].image);
    expect(images).to.deep.equal(['nginx:1.28', 'nginx:1.28']);
  });

  it('should keep only revisionHistoryLimit old ReplicaSets', async () => {
    const ns = await namespace();
    const path = `/apis/apps/v1/namespaces/${ns}/deployments`;
    await api.post(path, { metadata: { name: 'h' }, spec: { replicas: 1, revisionHistoryLimit: 1, selector: { matchLabels: { app: 'h' } }, template: template('h', 'nginx:1') } });
    for (const tag of ['2', '3', '4']) await api.patch(`${path}/h`, { spec: { template: { spec: { containers: [{ name: 'c', image: `nginx:${tag}` }] } } } });
    const revisions = (await api.get(`/apis/apps/v1/namespaces/${ns}/replicasets`))['items'].map((rs: Json) => rs['metadata'].annotations['deployment.kubernetes.io/revision']).sort();
    expect(revisions).to.deep.equal(['3', '4']);
  });

  it('should complete an Indexed Job with one pod per index', async () => {
    const ns = await namespace();
    await api.post(`/apis/batch/v1/namespaces/${ns}/jobs`, {
      metadata: { name: 'idx' },
      spec: { completions: 3, parallelism: 3, completionMode: 'Indexed', template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    const job = await api.get(`/apis/batch/v1/namespaces/${ns}/jobs/idx`);
    expect(job['status']).to.include({ succeeded: 3, completedIndexes: '0-2' });
    expect(job['status'].conditions.map((c: Json) => [c['type'], c['reason']])).to.deep.equal([['SuccessCriteriaMet', 'CompletionsReached'], ['Complete', 'CompletionsReached']]);
    expect(job['spec'].selector.matchLabels).to.deep.equal({ 'batch.kubernetes.io/controller-uid': job['metadata'].uid });
    const pods = (await api.get(`/api/v1/namespaces/${ns}/pods`))['items'];
    expect(pods.map((p: Json) => p['metadata'].annotations['batch.kubernetes.io/job-completion-index']).sort()).to.deep.equal(['0', '1', '2']);
    expect(pods[0]['metadata'].labels).to.include({ 'job-name': 'idx', 'batch.kubernetes.io/job-name': 'idx', 'controller-uid': job['metadata'].uid });
    expect(pods[0]['status'].phase).to.equal('Succeeded');
  });

  it('should run no pods for a suspended Job', async () => {
    const ns = await namespace();
    await api.post(`/apis/batch/v1/namespaces/${ns}/jobs`, { metadata: { name: 's' }, spec: { suspend: true, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } });
    expect((await api.get(`/api/v1/namespaces/${ns}/pods`))['items']).to.have.length(0);
    expect((await api.get(`/apis/batch/v1/namespaces/${ns}/jobs/s`))['status'].conditions[0]).to.include({ type: 'Suspended', status: 'True' });
  });

  it('should run a StatefulSet\'s ordinal pods with their claims and roll them by revision', async () => {
    const ns = await namespace();
    const path = `/apis/apps/v1/namespaces/${ns}/statefulsets`;
    await api.post(path, {
      metadata: { name: 'db' },
      spec: {
        replicas: 2,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: template('db'),
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    const pods = (await api.get(`/api/v1/namespaces/${ns}/pods`))['items'];
    expect(pods.map((p: Json) => p['metadata'].name)).to.deep.equal(['db-0', 'db-1']);
    expect(pods[1]['metadata'].labels).to.include({ 'statefulset.kubernetes.io/pod-name': 'db-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(pods[1]['spec']).to.include({ hostname: 'db-1', subdomain: 'db' });
    expect(pods[1]['spec'].volumes[0]).to.deep.equal({ name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } });
    expect((await api.get(`/api/v1/namespaces/${ns}/persistentvolumeclaims`))['items'].map((c: Json) => c['metadata'].name)).to.deep.equal(['data-db-0', 'data-db-1']);
    const before = await api.get(`${path}/db`);
    expect(before['status']).to.include({ replicas: 2, readyReplicas: 2, updatedReplicas: 2, currentReplicas: 2 });
    await api.patch(`${path}/db`, { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } } });
    const after = await api.get(`${path}/db`);
    expect(after['status'].updateRevision).to.not.equal(before['status'].updateRevision);
    expect(after['status']).to.include({ currentRevision: after['status'].updateRevision, updatedReplicas: 2, readyReplicas: 2 });
    const revisions = (await api.get(`/apis/apps/v1/namespaces/${ns}/controllerrevisions`))['items'].map((r: Json) => r['revision']).sort();
    expect(revisions).to.deep.equal([1, 2]);
  });

  it('should run one DaemonSet pod per node', async () => {
    const ns = await namespace();
    await api.post(`/apis/apps/v1/namespaces/${ns}/daemonsets`, { metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent', 'busybox') } });
    const pods = (await api.get(`/api/v1/namespaces/${ns}/pods`))['items'];
    expect(pods.map((p: Json) => p['spec'].nodeName).sort()).to.deep.equal(['kube-rx-node-1', 'kube-rx-node-2']);
    expect(pods[0]['spec'].tolerations.map((t: Json) => t['key'])).to.include('node.kubernetes.io/not-ready');
    const ds = await api.get(`/apis/apps/v1/namespaces/${ns}/daemonsets/agent`);
    expect(ds['status']).to.deep.include({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0 });
  });

  it('should keep an EndpointSlice and Endpoints for each selecting Service, following its pods', async () => {
    const ns = await namespace();
    await api.post(`/apis/apps/v1/namespaces/${ns}/deployments`, { metadata: { name: 'api' }, spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: template('api') } });
    const svc = await api.post(`/api/v1/namespaces/${ns}/services`, { metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
    const slices = (await api.get(`/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`))['items'];
    expect(slices).to.have.length(1);
    expect(slices[0]['metadata'].labels).to.include({ 'kubernetes.io/service-name': 'api', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slices[0]['metadata'].ownerReferences[0]).to.include({ kind: 'Service', uid: svc['metadata'].uid });
    expect(slices[0]['ports']).to.deep.equal([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(slices[0]['endpoints']).to.have.length(2);
    expect(slices[0]['endpoints'][0]['conditions']).to.deep.equal({ ready: true, serving: true, terminating: false });
    const endpoints = await api.get(`/api/v1/namespaces/${ns}/endpoints/api`);
    expect(endpoints['subsets'][0]['addresses']).to.have.length(2);
    expect(endpoints['subsets'][0]['ports']).to.deep.equal([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    await api.patch(`/apis/apps/v1/namespaces/${ns}/deployments/api`, { spec: { replicas: 1 } });
    expect((await api.get(`/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`))['items'][0]['endpoints']).to.have.length(1);
  });
});

describe('without the simulation', () => {
  const env = useApiServer({ simulate: false });

  it('should keep workloads still, as envtest does', async () => {
    await rawRequest(env.server, '/apis/apps/v1/namespaces/default/deployments', {
      method: 'POST',
      body: { metadata: { name: 'still' }, spec: { selector: { matchLabels: { app: 'still' } }, template: template('still') } },
    });
    await rawRequest(env.server, '/api/v1/namespaces/default/pods', { method: 'POST', body: { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } } });
    await env.server.hooks.settle();
    expect((await rawRequest(env.server, '/apis/apps/v1/namespaces/default/replicasets')).json<Json>()['items']).to.have.length(0);
    expect((await rawRequest(env.server, '/api/v1/nodes')).json<Json>()['items']).to.have.length(0);
    const pod = (await rawRequest(env.server, '/api/v1/namespaces/default/pods/p')).json<Json>();
    expect(pod['status']).to.deep.equal({ phase: 'Pending', qosClass: 'BestEffort' });
  });
});
