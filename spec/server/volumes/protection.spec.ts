import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const CLAIMS = '/api/v1/namespaces/default/persistentvolumeclaims';

describe('volume protection (StorageObjectInUseProtection and the protection controllers)', () => {
  const env = useApiServer();
  const claim = (name: string): Json => ({ metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });

  it('should create claims and volumes with their protection finalizer', async () => {
    const pvc = await rawRequest(env.server, CLAIMS, { method: 'POST', body: claim('kept') });
    expect(pvc.json<Json>()['metadata'].finalizers).to.deep.equal(['kubernetes.io/pvc-protection']);
    expect(pvc.json<Json>()['spec'].volumeMode).to.equal('Filesystem');
    const pv = await rawRequest(env.server, '/api/v1/persistentvolumes', { method: 'POST', body: { metadata: { name: 'vol' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp' } } } });
    expect(pv.json<Json>()['metadata'].finalizers).to.deep.equal(['kubernetes.io/pv-protection']);
    expect(pv.json<Json>()['spec']).to.include({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
  });

  it('should keep a deleted claim while a scheduled pod mounts it, and remove it after', async () => {
    await rawRequest(env.server, CLAIMS, { method: 'POST', body: claim('used') });
    const volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'used' } }];
    await env.server.hooks.settle();
    const created = await rawRequest(env.server, '/api/v1/namespaces/default/pods', { method: 'POST', body: { metadata: { name: 'user' }, spec: { nodeName: 'node-1', volumes, containers: [{ name: 'main', image: 'pause' }] } } });
    expect(created.status, created.text).to.equal(201);
    const deleted = await rawRequest(env.server, `${CLAIMS}/used`, { method: 'DELETE' });
    expect(deleted.json<Json>()['metadata'].deletionTimestamp).to.be.a('string');
    await env.server.hooks.settle();
    expect((await rawRequest(env.server, `${CLAIMS}/used`)).status).to.equal(200);
    await rawRequest(env.server, '/api/v1/namespaces/default/pods/user', { method: 'DELETE', body: { gracePeriodSeconds: 0 } });
    await env.server.hooks.settle();
    expect((await rawRequest(env.server, `${CLAIMS}/used`)).status).to.equal(404);
  });

  it('should remove an unused claim at once', async () => {
    await rawRequest(env.server, CLAIMS, { method: 'POST', body: claim('free') });
    await rawRequest(env.server, `${CLAIMS}/free`, { method: 'DELETE' });
    await env.server.hooks.settle();
    expect((await rawRequest(env.server, `${CLAIMS}/free`)).status).to.equal(404);
  });
});
