import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;

describe('componentstatuses', () => {
  const env = useApiServer();

  it('should list scheduler, controller-manager and etcd-0 with a deprecation warning, as kube-apiserver does', async () => {
    const res = await rawRequest(env.server, '/api/v1/componentstatuses');
    expect(res.status).to.equal(200);
    expect(res.headers['warning']).to.equal('299 - "v1 ComponentStatus is deprecated in v1.19+"');
    const list = res.json<Json>();
    expect(list).to.include({ kind: 'ComponentStatusList', apiVersion: 'v1' });
    expect(list['items'].map((i: Json) => i['metadata'].name)).to.deep.equal(['scheduler', 'controller-manager', 'etcd-0']);
    expect(list['items'][2]).to.deep.equal({ metadata: { name: 'etcd-0', creationTimestamp: null }, conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] });
    expect(list['items'][1]['conditions'][0]).to.include({ status: 'True' });
    // The simulation's scheduler runs, so the scheduler is healthy.
    expect(list['items'][0]['conditions'][0]).to.include({ status: 'True', message: 'ok' });
  });

  it('should get one, and 404 an unknown one', async () => {
    const one = await rawRequest(env.server, '/api/v1/componentstatuses/etcd-0');
    expect(one.json<Json>()).to.include({ kind: 'ComponentStatus', apiVersion: 'v1' });
    expect((await rawRequest(env.server, '/api/v1/componentstatuses/nope')).status).to.equal(404);
  });

  it('should answer 405 for the verbs the resource does not serve', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH']) {
      const res = await rawRequest(env.server, '/api/v1/componentstatuses/etcd-0', { method, body: {}, headers: { 'content-type': 'application/merge-patch+json' } });
      expect(res.status, method).to.equal(405);
      expect(res.json<Json>()).to.deep.include({ reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource', details: {} });
    }
  });

  it('should print a table with the Healthy condition', async () => {
    const res = await rawRequest(env.server, '/api/v1/componentstatuses', { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    const table = res.json<Json>();
    expect(table['columnDefinitions'].map((c: Json) => c['name'])).to.deep.equal(['Name', 'Status', 'Message', 'Error']);
    expect(table['rows'][2]['cells']).to.deep.equal(['etcd-0', 'Healthy', 'ok', '']);
  });
});

describe('componentstatuses without the simulation', () => {
  const env = useApiServer({ simulate: false });

  it('should report the scheduler unreachable, as kube-apiserver does without kube-scheduler', async () => {
    const scheduler = (await rawRequest(env.server, '/api/v1/componentstatuses/scheduler')).json<Json>();
    expect(scheduler['conditions'][0]).to.deep.equal({
      type: 'Healthy', status: 'False', message: 'Get "https://127.0.0.1:10259/healthz": dial tcp 127.0.0.1:10259: connect: connection refused',
    });
  });
});

describe('bindings', () => {
  const env = useApiServer({ simulate: false }); // no scheduler binds the pod first

  it('should bind the pod named by the Binding, and answer 405 to a GET and 404 to a named path', async () => {
    await rawRequest(env.server, '/api/v1/namespaces/default/pods', { method: 'POST', body: { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } } });
    const res = await rawRequest(env.server, '/api/v1/namespaces/default/bindings', {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'node-1' } },
    });
    expect(res.status).to.equal(201);
    const pod = (await rawRequest(env.server, '/api/v1/namespaces/default/pods/p')).json<Json>();
    expect(pod['spec'].nodeName).to.equal('node-1');
    expect(pod['status'].conditions.find((c: Json) => c['type'] === 'PodScheduled')).to.include({ status: 'True' });
    expect((await rawRequest(env.server, '/api/v1/namespaces/default/bindings')).status).to.equal(405);
    expect((await rawRequest(env.server, '/api/v1/namespaces/default/bindings/p')).status).to.equal(404);
  });
});
