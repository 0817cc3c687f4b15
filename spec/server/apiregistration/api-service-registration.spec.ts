import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

type Json = Record<string, any>;
const APISERVICES = '/apis/apiregistration.k8s.io/v1/apiservices';

describe('ApiServiceRegistration', () => {
  const env = useApiServer();

  it('should keep a Local, Available APIService for every built-in group version, as kube-apiserver does', async () => {
    const list = (await rawRequest(env.server, APISERVICES)).json<Json>();
    const names = list['items'].map((i: Json) => i['metadata'].name);
    expect(names).to.include.members(['v1.', 'v1.apps', 'v2.autoscaling', 'v1.autoscaling', 'v1.flowcontrol.apiserver.k8s.io', 'v1.node.k8s.io']);
    const apps = (await rawRequest(env.server, `${APISERVICES}/v1.apps`)).json<Json>();
    expect(apps['metadata'].labels).to.deep.equal({ 'kube-aggregator.kubernetes.io/automanaged': 'onstart' });
    expect(apps['spec']).to.deep.equal({ group: 'apps', version: 'v1', groupPriorityMinimum: 17800, versionPriority: 15 });
    expect(apps['status'].conditions[0]).to.include({ type: 'Available', status: 'True', reason: 'Local', message: 'Local APIServices are always available' });
  });

  it('should register and unregister the group versions of CRDs', async () => {
    const crd = widgetCrd() as { metadata: { name: string }; spec: { group: string; versions: { name: string }[] } };
    expect((await rawRequest(env.server, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { method: 'POST', body: crd })).status).to.equal(201);
    const name = `${crd.spec.versions[0]?.name ?? ""}.${crd.spec.group}`;
    let found: Json | undefined;
    for (let i = 0; i < 50 && found === undefined; i += 1) {
      await env.server.hooks.settle();
      const res = await rawRequest(env.server, `${APISERVICES}/${name}`);
      if (res.status === 200) found = res.json<Json>();
    }
    expect(found?.['metadata'].labels).to.deep.equal({ 'kube-aggregator.kubernetes.io/automanaged': 'true' });
    expect(found?.['spec']).to.include({ groupPriorityMinimum: 1000, versionPriority: 100 });
    await rawRequest(env.server, `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`, { method: 'DELETE' });
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i += 1) {
      await env.server.hooks.settle();
      status = (await rawRequest(env.server, `${APISERVICES}/${name}`)).status;
    }
    expect(status).to.equal(404);
  });

  it('should refuse a name other than version.group, as ValidateAPIService does', async () => {
    const res = await rawRequest(env.server, APISERVICES, {
      method: 'POST',
      body: { metadata: { name: 'v1.wrong.example.com' }, spec: { group: 'metrics.example.com', version: 'v1', groupPriorityMinimum: 100, versionPriority: 10 } },
    });
    expect(res.status).to.equal(422);
    expect(res.json<Json>()['message']).to.contain('metadata.name: Invalid value: "v1.wrong.example.com": must be `spec.version+"."+spec.group`: "v1.metrics.example.com"');
  });
});

describe('APIService table', () => {
  const env = useApiServer();

  it('should print NAME SERVICE AVAILABLE AGE as kube-aggregator does', async () => {
    const res = await rawRequest(env.server, '/apis/apiregistration.k8s.io/v1/apiservices/v1.apps', { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    const table = res.json<Json>();
    expect(table['columnDefinitions'].map((c: Json) => c['name'])).to.deep.equal(['Name', 'Service', 'Available', 'Age']);
    expect(table['rows'][0]['cells'].slice(0, 3)).to.deep.equal(['v1.apps', 'Local', 'True']);
  });
});
