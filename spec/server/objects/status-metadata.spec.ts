// What a status write keeps of the metadata it carries, kind by kind, as kube-apiserver's status strategies decide.
import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;

describe('status writes and metadata', () => {
  const env = useApiServer({ simulate: false });
  const put = (path: string, body: Json) => rawRequest(env.server, path, { method: 'PUT', body });

  it('should keep the annotations of a Deployment status write without bumping the generation, but not its labels', async () => {
    const created = (await rawRequest(env.server, '/apis/apps/v1/namespaces/default/deployments', {
      method: 'POST',
      body: { metadata: { name: 'd', labels: { app: 'd' } }, spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } },
    })).json<Json>();
    const res = await put('/apis/apps/v1/namespaces/default/deployments/d/status', {
      ...created,
      metadata: { ...created['metadata'], labels: { app: 'changed' }, annotations: { 'deployment.kubernetes.io/revision': '1' } },
      status: { observedGeneration: 1, replicas: 0 },
    });
    expect(res.status, res.text).to.equal(200);
    const live = res.json<Json>();
    expect(live['metadata'].annotations).to.deep.equal({ 'deployment.kubernetes.io/revision': '1' });
    expect(live['metadata'].labels).to.deep.equal({ app: 'd' });
    expect(live['metadata'].generation).to.equal(1);
    expect(live['status']).to.include({ observedGeneration: 1 });
  });

  it('should keep a pod\'s owner references through its status', async () => {
    const pod = (await rawRequest(env.server, '/api/v1/namespaces/default/pods', { method: 'POST', body: { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } } })).json<Json>();
    const owner = { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: '00000000-0000-0000-0000-000000000001' };
    const res = await put('/api/v1/namespaces/default/pods/p/status', { ...pod, metadata: { ...pod['metadata'], ownerReferences: [owner], labels: { seen: 'yes' } } });
    expect(res.json<Json>()['metadata']).to.not.have.property('ownerReferences');
    expect(res.json<Json>()['metadata'].labels).to.deep.equal({ seen: 'yes' });
  });

  it('should keep the stored metadata of a VolumeAttachment (ResetObjectMetaForStatus)', async () => {
    const va = (await rawRequest(env.server, '/apis/storage.k8s.io/v1/volumeattachments', {
      method: 'POST',
      body: { metadata: { name: 'va' }, spec: { attacher: 'csi.example.com', nodeName: 'n', source: { persistentVolumeName: 'pv' } } },
    })).json<Json>();
    const res = await put('/apis/storage.k8s.io/v1/volumeattachments/va/status', { ...va, metadata: { ...va['metadata'], labels: { no: 'way' } }, status: { attached: true } });
    expect(res.json<Json>()['metadata']).to.not.have.property('labels');
    expect(res.json<Json>()['status']).to.deep.equal({ attached: true });
  });
});
