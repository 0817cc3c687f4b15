// PUT preconditions per kind, as each kube-apiserver 1.32 strategy declares them (answers checked against the real server).
import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;

describe('PUT without a resourceVersion, or with "0"', () => {
  const env = useApiServer();
  const put = (path: string, body: Json) => rawRequest(env.server, path, { method: 'PUT', body });
  const post = (path: string, body: Json) => rawRequest(env.server, path, { method: 'POST', body });

  it('should update unconditionally with resourceVersion "0" where the strategy allows it (ConfigMaps)', async () => {
    await post('/api/v1/namespaces/default/configmaps', { metadata: { name: 'rv0' } });
    const res = await put('/api/v1/namespaces/default/configmaps/rv0', { metadata: { name: 'rv0', resourceVersion: '0' }, data: { a: 'b' } });
    expect(res.status).to.equal(200);
    expect(res.json<Json>()['data']).to.deep.equal({ a: 'b' });
  });

  it('should refuse "0" where the strategy forbids unconditional updates (Leases, PDBs, webhook configurations)', async () => {
    await post('/apis/coordination.k8s.io/v1/namespaces/default/leases', { metadata: { name: 'rv0' } });
    const lease = await put('/apis/coordination.k8s.io/v1/namespaces/default/leases/rv0', { metadata: { name: 'rv0', resourceVersion: '0' } });
    expect(lease.status).to.equal(422);
    expect(lease.json<Json>()['message']).to.equal('leases.coordination.k8s.io "rv0" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
    await post('/apis/policy/v1/namespaces/default/poddisruptionbudgets', { metadata: { name: 'pdb' }, spec: { minAvailable: 1 } });
    const pdb = await put('/apis/policy/v1/namespaces/default/poddisruptionbudgets/pdb', { metadata: { name: 'pdb' }, spec: { minAvailable: 2 } });
    expect(pdb.json<Json>()['message']).to.equal('poddisruptionbudgets.policy "pdb" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
    const webhook = { webhooks: [{ name: 'v.example.com', clientConfig: { url: 'https://example.com/v' }, sideEffects: 'None', admissionReviewVersions: ['v1'] }] };
    await post('/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', { metadata: { name: 'vwc' }, ...webhook });
    const vwc = await put('/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/vwc', { metadata: { name: 'vwc' }, ...webhook });
    expect(vwc.status).to.equal(422);
  });

  it('should create on PUT only where the strategy allows it, whatever resourceVersion the body names', async () => {
    const lease = await put('/apis/coordination.k8s.io/v1/namespaces/default/leases/rv5new', { metadata: { name: 'rv5new', resourceVersion: '5' } });
    expect(lease.status).to.equal(201);
    expect((await put('/api/v1/namespaces/default/services/newsvc', { metadata: { name: 'newsvc' }, spec: { ports: [{ port: 80 }] } })).status).to.equal(201);
    expect((await put('/apis/policy/v1/namespaces/default/poddisruptionbudgets/nope', { metadata: { name: 'nope' }, spec: { minAvailable: 1 } })).status).to.equal(404);
    const slice = await put('/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/newes', { metadata: { name: 'newes' }, addressType: 'IPv4', endpoints: [] });
    expect(slice.status).to.equal(404);
  });
});
