// Drives the real kubectl against a minimal discovery + /openapi/v3 endpoint built from openApiV3Documents.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import { openApiV3Documents, type ServedResource } from '../../lib/server/openapi/openapi-v3.js';

const RESOURCES: ServedResource[] = [
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, subresources: ['status'] },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, subresources: [] },
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, subresources: ['status'] },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, subresources: ['scale', 'status'] },
  {
    group: 'example.com',
    version: 'v1',
    kind: 'Widget',
    plural: 'widgets',
    namespaced: true,
    subresources: [],
    schema: { type: 'object', properties: { spec: { type: 'object', description: 'What the widget should be.', properties: { size: { type: 'integer', description: 'How big the widget is.' } } } } } as JSONSchemaProps,
  },
];

function discovery(port: number): Record<string, unknown> {
  const resource = (r: ServedResource) => ({ name: r.plural, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] });
  const list = (group: string) => ({
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? 'v1' : `${group}/v1`,
    resources: RESOURCES.filter((r) => r.group === group).map(resource),
  });
  const groups = ['apps', 'example.com'].map((name) => ({ name, versions: [{ groupVersion: `${name}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' } }));
  const documents = openApiV3Documents(RESOURCES);
  const routes: Record<string, unknown> = {
    '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${port}` }] },
    '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups },
    '/api/v1': list(''),
    '/apis/apps/v1': list('apps'),
    '/apis/example.com/v1': list('example.com'),
    '/openapi/v3': { paths: Object.fromEntries([...documents.keys()].map((key) => [key, { serverRelativeURL: `/openapi/v3/${key}?hash=0` }])) },
  };
  for (const [key, document] of documents) routes[`/openapi/v3/${key}`] = document;
  return routes;
}

describe('openApiV3Documents with kubectl', function () {
  this.timeout(60000);
  let server: Server;
  let dir: string;
  const requests: string[] = [];

  const kubectl = (...args: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile('kubectl', ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), ...args], { timeout: 30000 }, (error, stdout, stderr) =>
        error === null ? resolve(stdout) : reject(new Error(`${error.message}\n${stderr}`)),
      );
    });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-rx-openapi-'));
    let routes: Record<string, unknown> = {};
    server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0] ?? '';
      requests.push(path);
      const body = routes[path];
      if (body === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    routes = discovery(port);
    writeFileSync(
      join(dir, 'kubeconfig'),
      `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u, namespace: default}}]\ncurrent-context: x\n`,
    );
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('should explain nested built-in fields with their Kubernetes documentation', async () => {
    const output = await kubectl('explain', 'pods.spec.containers.ports');
    expect(output).to.include('FIELD: ports <[]ContainerPort>');
    expect(output).to.match(/containerPort\s+<integer> -required-/);
    expect(output).to.include('Number of port to expose on the pod');
  });

  it('should explain a kind\'s top-level fields', async () => {
    const output = await kubectl('explain', 'deployments');
    expect(output).to.include('KIND:       Deployment');
    expect(output).to.include('Deployment enables declarative updates for Pods and ReplicaSets.');
    expect(output).to.match(/spec\s+<DeploymentSpec>/);
  });

  it('should explain custom resources from their CRD schema', async () => {
    const output = await kubectl('explain', 'widgets.spec');
    expect(output).to.include('What the widget should be.');
    expect(output).to.match(/size\s+<integer>/);
  });

  it('should let kubectl create validate through the server (no OpenAPI v2 download)', async () => {
    const file = join(dir, 'objects.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template: {metadata: {labels: {app: d}}, spec: {containers: [{name: n, image: nginx}]}}',
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}',
      ].join('\n---\n'),
    );
    const output = await kubectl('create', '-f', file, '--dry-run=client', '-o', 'name');
    expect(output.trim().split('\n')).to.deep.equal(['configmap/c', 'deployment.apps/d', 'widget.example.com/w']);
    expect(requests).to.not.include('/openapi/v2');
  });
});
