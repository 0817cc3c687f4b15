import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const SERVICES = '/api/v1/namespaces/default/services';

describe('Service allocation', () => {
  const env = useApiServer();
  const create = async (body: Json): Promise<Json> => {
    const res = await rawRequest(env.server, SERVICES, { method: 'POST', body });
    expect(res.status, res.text).to.equal(201);
    return res.json<Json>();
  };

  it('should allocate a cluster IP of the range with single-stack IPv4, as kube-apiserver does', async () => {
    const svc = await create({ metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(svc['spec'].clusterIP).to.match(/^10\.96\.\d+\.\d+$/);
    expect(svc['spec']).to.deep.include({ clusterIPs: [svc['spec'].clusterIP], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster' });
  });

  it('should allocate node ports for NodePort Services, keep them on update, and leave ExternalName alone', async () => {
    const svc = await create({ metadata: { name: 'np' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } });
    const nodePort = svc['spec'].ports[0].nodePort;
    expect(nodePort).to.be.within(30000, 32767);
    const put = await rawRequest(env.server, `${SERVICES}/np`, { method: 'PUT', body: { metadata: { name: 'np' }, spec: { type: 'NodePort', ports: [{ port: 80 }] } } });
    expect(put.status, put.text).to.equal(200);
    expect(put.json<Json>()['spec'].ports[0].nodePort).to.equal(nodePort);
    expect(put.json<Json>()['spec'].clusterIP).to.equal(svc['spec'].clusterIP);
    const external = await create({ metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(external['spec']).to.not.have.property('clusterIP');
  });

  it('should refuse a changed cluster IP with "may not change once set"', async () => {
    await create({ metadata: { name: 'fixed' }, spec: { ports: [{ port: 80 }] } });
    const res = await rawRequest(env.server, `${SERVICES}/fixed`, { method: 'PATCH', body: { spec: { clusterIP: '10.96.0.99' } }, headers: { 'content-type': 'application/strategic-merge-patch+json' } });
    expect(res.status).to.equal(422);
    expect(res.json<Json>()['message']).to.equal('Service "fixed" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set');
  });

  it('should publish the kubernetes Service and its endpoints in default', async () => {
    const svc = (await rawRequest(env.server, `${SERVICES}/kubernetes`)).json<Json>();
    expect(svc['spec']).to.deep.include({ clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: env.server.port }] });
    expect(svc['metadata'].labels).to.deep.equal({ component: 'apiserver', provider: 'kubernetes' });
    const endpoints = (await rawRequest(env.server, '/api/v1/namespaces/default/endpoints/kubernetes')).json<Json>();
    expect(endpoints['subsets']).to.deep.equal([{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port: env.server.port, protocol: 'TCP' }] }]);
  });
});
