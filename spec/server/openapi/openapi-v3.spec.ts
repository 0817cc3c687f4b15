// Specs for openApiV3Documents: the per-group-version documents kubectl reads.
import { expect } from 'chai';
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import { customResourceSchemaName, groupVersionPath, openApiV3Documents, type ServedResource } from '../../../lib/server/openapi/openapi-v3.js';

type Doc = { openapi: string; paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };

const deployment: ServedResource = { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, subresources: ['scale', 'status'] };
const namespace: ServedResource = { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, subresources: ['status'] };
const widget: ServedResource = {
  group: 'stable.example.com',
  version: 'v1',
  kind: 'Widget',
  plural: 'widgets',
  namespaced: true,
  subresources: ['status'],
  schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } as JSONSchemaProps,
};

describe('openApiV3Documents', () => {
  const docs = openApiV3Documents([deployment, namespace, widget]);
  const apps = docs.get('apis/apps/v1') as Doc;
  const core = docs.get('api/v1') as Doc;
  const custom = docs.get('apis/stable.example.com/v1') as Doc;

  it('should key one document per group version', () => {
    expect([...docs.keys()]).to.deep.equal(['api/v1', 'apis/apps/v1', 'apis/stable.example.com/v1']);
    expect(apps.openapi).to.equal('3.0.0');
  });

  it('should publish PATCH operations with the GVK and the fieldValidation query parameter', () => {
    const patch = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.['patch'];
    expect(patch['x-kubernetes-group-version-kind']).to.deep.equal({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect(patch['x-kubernetes-action']).to.equal('patch');
    expect(patch.operationId).to.equal('patchAppsV1NamespacedDeployment');
    const names = (patch.parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`);
    expect(names).to.include.members(['query:fieldValidation', 'query:fieldManager', 'query:dryRun', 'query:force']);
  });

  it('should offer strategic merge patch for built-ins only', () => {
    const builtin = Object.keys(apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.['patch'].requestBody.content);
    expect(builtin).to.deep.equal(['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);
    const cr = Object.keys(custom.paths['/apis/stable.example.com/v1/namespaces/{namespace}/widgets/{name}']?.['patch'].requestBody.content);
    expect(cr).to.deep.equal(['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json']);
  });

  it('should publish collection, all-namespaces, status and scale paths', () => {
    expect(Object.keys(apps.paths)).to.deep.equal([
      '/apis/apps/v1/deployments',
      '/apis/apps/v1/namespaces/{namespace}/deployments',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status',
    ]);
    expect(apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']?.['patch']['x-kubernetes-group-version-kind']).to.deep.equal({ group: 'autoscaling', kind: 'Scale', version: 'v1' });
    expect(Object.keys(core.paths)).to.deep.equal(['/api/v1/namespaces', '/api/v1/namespaces/{name}', '/api/v1/namespaces/{name}/status']);
  });

  it('should include every referenced schema, with the kind\'s GVK and documented fields', () => {
    const schemas = apps.components.schemas;
    expect(schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(schemas['io.k8s.api.apps.v1.DeploymentList']['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'apps', kind: 'DeploymentList', version: 'v1' }]);
    expect(schemas['io.k8s.api.core.v1.Container']).to.not.equal(undefined);
    expect(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).to.not.equal(undefined);
    expect(schemas['io.k8s.api.autoscaling.v1.Scale']).to.not.equal(undefined);
    expect(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Patch']).to.not.equal(undefined);
    expect(schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.template).to.deep.include({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec' }] });
    expect(schemas['io.k8s.api.apps.v1.DeploymentSpec'].required).to.deep.equal(['selector', 'template']);
    const refs = JSON.stringify(apps).match(/#\/components\/schemas\/[^"]+/g) ?? [];
    for (const r of refs) expect(schemas[r.slice('#/components/schemas/'.length)], r).to.not.equal(undefined);
  });

  it('should carry the merge extensions kubectl uses for client-side apply', () => {
    const podSpec = apps.components.schemas['io.k8s.api.core.v1.PodSpec'];
    expect(podSpec.properties.containers).to.deep.include({
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(apps.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']['x-kubernetes-map-type']).to.equal('atomic');
  });

  it('should describe custom resources with their schema plus apiVersion, kind and ObjectMeta', () => {
    const name = customResourceSchemaName('stable.example.com', 'v1', 'Widget');
    expect(name).to.equal('com.example.stable.v1.Widget');
    const schema = custom.components.schemas[name];
    expect(schema.properties.spec).to.deep.equal({ type: 'object', properties: { size: { type: 'integer' } } });
    expect(schema.properties.metadata.allOf).to.deep.equal([{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }]);
    expect(schema['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'stable.example.com', kind: 'Widget', version: 'v1' }]);
    expect(custom.components.schemas[`${name}List`].properties.items.items).to.deep.equal({ $ref: `#/components/schemas/${name}` });
  });

  it('should be deterministic so that a content hash changes only with the content', () => {
    const again = openApiV3Documents([widget, namespace, deployment]);
    expect(JSON.stringify(again.get('apis/apps/v1'))).to.equal(JSON.stringify(apps));
    const changed = openApiV3Documents([{ ...widget, schema: { type: 'object' } as JSONSchemaProps }]);
    expect(JSON.stringify(changed.get('apis/stable.example.com/v1'))).to.not.equal(JSON.stringify(custom));
  });
});

describe('groupVersionPath', () => {
  it('should use api/ for the core group and apis/ otherwise', () => {
    expect(groupVersionPath('', 'v1')).to.equal('api/v1');
    expect(groupVersionPath('apps', 'v1')).to.equal('apis/apps/v1');
  });
});
