// Defaults kube-apiserver 1.32 applies to built-in kinds (pkg/apis/core/v1/defaults.go), through the API.
import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;

describe('built-in defaults', () => {
  const env = useApiServer();
  const create = async (path: string, body: Json): Promise<Json> => {
    const res = await rawRequest(env.server, path, { method: 'POST', body });
    expect(res.status, res.text).to.equal(201);
    return res.json<Json>();
  };

  it('should give a ReplicationController its template labels as selector and labels', async () => {
    const rc = await create('/api/v1/namespaces/default/replicationcontrollers', {
      metadata: { name: 'rc' },
      spec: { template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
    });
    expect(rc['spec'].selector).to.deep.equal({ app: 'rc' });
    expect(rc['metadata'].labels).to.deep.equal({ app: 'rc' });
    expect(rc['spec'].replicas).to.equal(1);
    const own = await create('/api/v1/namespaces/default/replicationcontrollers', {
      metadata: { name: 'rc-own', labels: { mine: 'yes' } },
      spec: { selector: { app: 'own' }, template: { metadata: { labels: { app: 'own', extra: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
    });
    expect(own['spec'].selector).to.deep.equal({ app: 'own' });
    expect(own['metadata'].labels).to.deep.equal({ mine: 'yes' });
  });

  it('should default fieldRef.apiVersion to v1 and a volume without a source to emptyDir', async () => {
    const pod = await create('/api/v1/namespaces/default/pods', {
      metadata: { name: 'downward' },
      spec: {
        containers: [{ name: 'c', image: 'i', env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }] }],
        volumes: [
          { name: 'scratch' },
          { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
          { name: 'both', projected: { sources: [{ downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } }] } },
        ],
      },
    });
    expect(pod['spec'].containers[0].env[0].valueFrom.fieldRef).to.deep.equal({ apiVersion: 'v1', fieldPath: 'spec.nodeName' });
    expect(pod['spec'].volumes[0]).to.deep.equal({ name: 'scratch', emptyDir: {} });
    expect(pod['spec'].volumes[1].downwardAPI.items[0].fieldRef.apiVersion).to.equal('v1');
    expect(pod['spec'].volumes[2].projected.sources[0].downwardAPI.items[0].fieldRef.apiVersion).to.equal('v1');
  });

  it('should default a Service port whose targetPort is 0 to the port', async () => {
    const svc = await create('/api/v1/namespaces/default/services', { metadata: { name: 'svc' }, spec: { ports: [{ port: 8080, targetPort: 0 }] } });
    expect(svc['spec'].ports[0].targetPort).to.equal(8080);
  });

  it('should give a NetworkPolicy its policyTypes and its ports TCP', async () => {
    const ingressOnly = await create('/apis/networking.k8s.io/v1/namespaces/default/networkpolicies', { metadata: { name: 'in' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] } });
    expect(ingressOnly['spec'].policyTypes).to.deep.equal(['Ingress']);
    expect(ingressOnly['spec'].ingress[0].ports[0]).to.deep.equal({ port: 80, protocol: 'TCP' });
    const both = await create('/apis/networking.k8s.io/v1/namespaces/default/networkpolicies', { metadata: { name: 'both' }, spec: { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] } });
    expect(both['spec'].policyTypes).to.deep.equal(['Ingress', 'Egress']);
    expect(both['spec'].egress[0].ports[0]).to.deep.equal({ port: 53, protocol: 'UDP' });
  });

  it('should give a PriorityClass PreemptLowerPriority and a generation that updates never bump', async () => {
    const pc = await create('/apis/scheduling.k8s.io/v1/priorityclasses', { metadata: { name: 'pc' }, value: 10 });
    expect(pc).to.include({ preemptionPolicy: 'PreemptLowerPriority' });
    expect(pc['metadata'].generation).to.equal(1);
    const res = await rawRequest(env.server, '/apis/scheduling.k8s.io/v1/priorityclasses/pc', { method: 'PATCH', body: { description: 'changed' }, headers: { 'content-type': 'application/merge-patch+json' } });
    expect(res.json<Json>()['metadata'].generation).to.equal(1);
  });

  it('should give a StatefulSet its claim retention policy and a ClientIP Service its affinity timeout', async () => {
    const sts = await create('/apis/apps/v1/namespaces/default/statefulsets', {
      metadata: { name: 'sts' },
      spec: { serviceName: 'sts', selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
    });
    expect(sts['spec'].persistentVolumeClaimRetentionPolicy).to.deep.equal({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    const svc = await create('/api/v1/namespaces/default/services', { metadata: { name: 'sticky' }, spec: { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] } });
    expect(svc['spec'].sessionAffinityConfig).to.deep.equal({ clientIP: { timeoutSeconds: 10800 } });
  });
});

describe('storage and endpoints defaults', () => {
  const env = useApiServer({ simulate: false });
  const create = async (path: string, body: Json): Promise<Json> => {
    const res = await rawRequest(env.server, path, { method: 'POST', body });
    expect(res.status, res.text).to.equal(201);
    return res.json<Json>();
  };

  it('should default volume modes, reclaim policies, binding modes and endpoint port protocols', async () => {
    const claim = await create('/api/v1/namespaces/default/persistentvolumeclaims', { metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    expect(claim['spec'].volumeMode).to.equal('Filesystem');
    const volume = await create('/api/v1/persistentvolumes', { metadata: { name: 'v' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/v' } } });
    expect(volume['spec']).to.include({ volumeMode: 'Filesystem', persistentVolumeReclaimPolicy: 'Retain' });
    const sc = await create('/apis/storage.k8s.io/v1/storageclasses', { metadata: { name: 'sc' }, provisioner: 'example.com/p' });
    expect(sc).to.include({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    const endpoints = await create('/api/v1/namespaces/default/endpoints', { metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] });
    expect(endpoints['subsets'][0].ports[0]).to.deep.equal({ port: 80, protocol: 'TCP' });
    const sts = await create('/apis/apps/v1/namespaces/default/statefulsets', {
      metadata: { name: 's' },
      spec: { serviceName: 's', selector: { matchLabels: { app: 's' } }, template: { metadata: { labels: { app: 's' } }, spec: { containers: [{ name: 'c', image: 'i' }] } }, volumeClaimTemplates: [{ metadata: { name: 'd' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] },
    });
    expect(sts['spec'].volumeClaimTemplates[0].spec.volumeMode).to.equal('Filesystem');
  });
});
