import { expect } from 'chai';
import { openStream, rawRequest, useApiServer } from '../../helpers/api-server.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

type Json = Record<string, any>;
const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const WIDGETS = '/apis/example.com/v1/namespaces/default/widgets';

describe('CrdController', () => {
  const env = useApiServer();
  const req = (path: string, method = 'GET', body?: unknown, headers?: Record<string, string>) =>
    rawRequest(env.server, path, { method, ...(body === undefined ? {} : { body }), ...(headers === undefined ? {} : { headers }) });

  before(async () => {
    const created = await req(CRDS, 'POST', widgetCrd());
    expect(created.status).to.equal(201);
    await env.server.hooks.settle();
  });

  it('should default the names and start the status with storedVersions', async () => {
    const crd = (await req(`${CRDS}/widgets.example.com`)).json<Json>();
    expect(crd['spec'].names).to.deep.equal({ plural: 'widgets', singular: 'widget', shortNames: ['wd'], kind: 'Widget', listKind: 'WidgetList' });
    expect(crd['spec'].conversion).to.deep.equal({ strategy: 'None' });
    expect(crd['status'].storedVersions).to.deep.equal(['v1']);
  });

  it('should set NamesAccepted and Established and the accepted names', async () => {
    const crd = (await req(`${CRDS}/widgets.example.com`)).json<Json>();
    const conditions = Object.fromEntries(crd['status'].conditions.map((c: Json) => [c['type'], c]));
    expect(conditions['NamesAccepted']).to.include({ status: 'True', reason: 'NoConflicts', message: 'no conflicts found' });
    expect(conditions['Established']).to.include({ status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' });
    expect(crd['status'].acceptedNames).to.deep.include({ plural: 'widgets', kind: 'Widget' });
  });

  it('should serve the resource in discovery with the fixed custom-resource verbs', async () => {
    const list = (await req('/apis/example.com/v1')).json<Json>();
    const widgets = list['resources'].find((r: Json) => r['name'] === 'widgets');
    expect(widgets).to.deep.include({ kind: 'Widget', namespaced: true, shortNames: ['wd'], verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'] });
    expect(list['resources'].map((r: Json) => r['name'])).to.include.members(['widgets/status', 'widgets/scale']);
    const groups = (await req('/apis')).json<Json>()['groups'];
    expect(groups.find((g: Json) => g['name'] === 'example.com')['preferredVersion']).to.deep.equal({ groupVersion: 'example.com/v2', version: 'v2' });
  });

  it('should prune unknown fields, apply defaults and set generation 1', async () => {
    const res = await req(WIDGETS, 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { color: 'red', extra: 'x' }, status: { replicas: 9 } });
    expect(res.status).to.equal(201);
    const body = res.json<Json>();
    expect(body['spec']).to.deep.equal({ color: 'red', replicas: 1 });
    expect(body).to.not.have.property('status');
    expect(body['metadata'].generation).to.equal(1);
    expect(res.headers['warning']).to.equal('299 - "unknown field \\"spec.extra\\""');
  });

  it('should answer 400 for unknown fields with fieldValidation=Strict', async () => {
    const res = await req(`${WIDGETS}?fieldValidation=Strict`, 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'strict' }, spec: { nope: 1 } });
    expect(res.status).to.equal(400);
    expect(res.json<Json>()['message']).to.equal('Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.nope"');
  });

  it('should answer 422 with the schema violation', async () => {
    const res = await req(WIDGETS, 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'bad' }, spec: { color: 'green' } });
    expect(res.status).to.equal(422);
    const body = res.json<Json>();
    expect(body['message']).to.match(/^Widget\.example\.com "bad" is invalid: spec\.color: Unsupported value: "green"/);
    expect(body['details']).to.deep.include({ name: 'bad', group: 'example.com', kind: 'Widget' });
  });

  it('should require a resourceVersion on PUT of a custom resource', async () => {
    const res = await req(`${WIDGETS}/w1`, 'PUT', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { color: 'blue' } });
    expect(res.status).to.equal(422);
    expect(res.json<Json>()['message']).to.equal('widgets.example.com "w1" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
  });

  it('should bump generation on spec changes and not on status writes', async () => {
    const w = (await req(`${WIDGETS}/w1`)).json<Json>();
    const status = (await req(`${WIDGETS}/w1/status`, 'PUT', { ...w, status: { replicas: 2 } })).json<Json>();
    expect(status['metadata'].generation).to.equal(1);
    expect(status['status']).to.deep.equal({ replicas: 2 });
    const spec = (await req(`${WIDGETS}/w1`, 'PUT', { ...status, spec: { ...status['spec'], color: 'blue' } })).json<Json>();
    expect(spec['metadata'].generation).to.equal(2);
    expect(spec['status']).to.deep.equal({ replicas: 2 });
  });

  it('should serve the scale subresource from the declared paths', async () => {
    const scale = (await req(`${WIDGETS}/w1/scale`)).json<Json>();
    expect(scale).to.deep.include({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { replicas: 2 } });
    const patched = await req(`${WIDGETS}/w1/scale`, 'PATCH', { spec: { replicas: 3 } }, { 'content-type': 'application/merge-patch+json' });
    expect(patched.json<Json>()['spec']).to.deep.equal({ replicas: 3 });
    expect((await req(`${WIDGETS}/w1`)).json<Json>()['spec'].replicas).to.equal(3);
  });

  it('should serve other versions by rewriting apiVersion only', async () => {
    const v2 = (await req('/apis/example.com/v2/namespaces/default/widgets/w1')).json<Json>();
    expect(v2['apiVersion']).to.equal('example.com/v2');
    expect(v2['spec'].color).to.equal('blue');
  });

  it('should answer the printer columns as a Table', async () => {
    const table = (await req(WIDGETS, 'GET', undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' })).json<Json>();
    expect(table['kind']).to.equal('Table');
    expect(table['columnDefinitions'].map((c: Json) => c['name'])).to.deep.equal(['Name', 'Color']);
    expect(table['rows'][0]['cells']).to.deep.equal(['w1', 'blue']);
  });

  it('should refuse a strategic merge patch on a custom resource with 415', async () => {
    const res = await req(`${WIDGETS}/w1`, 'PATCH', { spec: { color: 'red' } }, { 'content-type': 'application/strategic-merge-patch+json' });
    expect(res.status).to.equal(415);
    expect(res.json<Json>()['message']).to.equal(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
  });

  it('should refuse an invalid CRD with 422', async () => {
    const bad = widgetCrd();
    bad['metadata'].name = 'things.example.com';
    bad['spec'].versions[1].storage = true;
    const res = await req(CRDS, 'POST', bad);
    expect(res.status).to.equal(422);
    const message = res.json<Json>()['message'];
    expect(message).to.contain('metadata.name: Invalid value: "things.example.com": must be spec.names.plural+"."+spec.group');
    expect(message).to.contain('must have exactly one version marked as storage version');
  });

  it('should refuse a non-structural schema with 422', async () => {
    const bad = widgetCrd();
    bad['metadata'].name = 'gadgets.example.com';
    bad['spec'].names = { plural: 'gadgets', kind: 'Gadget' };
    bad['spec'].versions = [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: {} } } } }];
    const res = await req(CRDS, 'POST', bad);
    expect(res.status).to.equal(422);
    expect(res.json<Json>()['details'].causes[0]['field']).to.match(/^spec\.versions\[0\]\.schema\.openAPIV3Schema/);
  });

  it('should terminate a deleted CRD, delete its objects, and stop serving it', async () => {
    await req(WIDGETS, 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'held', finalizers: ['example.com/hold'] }, spec: { color: 'red' } });
    const watch = await openStream(env.server, `${CRDS}?watch=true&fieldSelector=metadata.name%3Dwidgets.example.com&resourceVersion=${env.server.hooks.resourceVersion()}`);
    const deleting = (await req(`${CRDS}/widgets.example.com`, 'DELETE')).json<Json>();
    expect(deleting['metadata'].finalizers).to.deep.equal(['customresourcecleanup.apiextensions.k8s.io']);
    expect(deleting['status'].conditions.find((c: Json) => c['type'] === 'Terminating')).to.include({ status: 'True', reason: 'InstanceDeletionPending' });
    await env.server.hooks.settle();
    const created = await req(WIDGETS, 'POST', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'late' } });
    expect(created.status).to.equal(403);
    expect(created.json<Json>()['message']).to.equal('widgets.example.com "late" is forbidden: create not allowed while custom resource definition is terminating');
    const held = (await req(`${WIDGETS}/held`)).json<Json>();
    expect(held['metadata'].deletionTimestamp).to.be.a('string');
    await req(`${WIDGETS}/held`, 'PATCH', { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
    await env.server.hooks.settle();
    expect((await req(`${CRDS}/widgets.example.com`)).status).to.equal(404);
    expect((await req(WIDGETS)).status).to.equal(404);
    for (;;) {
      const event = await watch.next<{ type: string }>();
      if (event.type === 'DELETED') break;
    }
    watch.close();
  });
});
