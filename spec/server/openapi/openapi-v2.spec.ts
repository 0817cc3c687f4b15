import { expect } from 'chai';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { request } from 'node:https';
import type { ApiServer } from '../../../lib/server/index.js';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

type Json = Record<string, any>;

/** The string fields (by number) and nested messages of one protobuf message, for looking around. */
function fields(bytes: Uint8Array): { strings: Map<number, string[]>; messages: Map<number, Uint8Array[]> } {
  const reader = new BinaryReader(bytes);
  const strings = new Map<number, string[]>();
  const messages = new Map<number, Uint8Array[]>();
  while (reader.pos < reader.len) {
    const [number, type] = reader.tag();
    if (type === WireType.LengthDelimited) {
      const data = reader.bytes();
      messages.set(number, [...(messages.get(number) ?? []), data]);
      strings.set(number, [...(strings.get(number) ?? []), Buffer.from(data).toString('utf8')]);
    } else reader.skip(type);
  }
  return { strings, messages };
}

/** GET a path's body as bytes (rawRequest decodes text). */
function getBytes(server: ApiServer, path: string, accept: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { ca: server.caPem, agent: false, headers: { authorization: `Bearer ${server.token}`, accept } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/openapi/v2', () => {
  const env = useApiServer({ simulate: false });

  it('should serve the Swagger 2.0 document in JSON, with every kind\'s definition and its group-version-kind', async () => {
    const res = await rawRequest(env.server, '/openapi/v2');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/json');
    const doc = res.json<Json>();
    expect(doc).to.include({ swagger: '2.0' });
    expect(doc['info']).to.deep.equal({ title: 'Kubernetes', version: '1.32' });
    const deployment = doc['definitions']['io.k8s.api.apps.v1.Deployment'];
    expect(deployment['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(deployment['properties'].spec).to.deep.include({ $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec' });
    expect(JSON.stringify(doc)).to.not.contain('#/components/schemas/');
    expect(doc['securityDefinitions']).to.deep.equal({ BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } });
  });

  it('should serve gnostic\'s protobuf Document to kubectl\'s Accept, with the same ETag', async () => {
    const json = await rawRequest(env.server, '/openapi/v2');
    const res = await rawRequest(env.server, '/openapi/v2', { headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    expect(res.headers['etag']).to.equal(json.headers['etag']);
    const raw = await getBytes(env.server, '/openapi/v2', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf');
    const document = fields(raw);
    expect(document.strings.get(1)).to.deep.equal(['2.0']);
    const definitions = fields((document.messages.get(9) ?? [])[0] ?? new Uint8Array());
    const names = (definitions.messages.get(1) ?? []).map((entry) => fields(entry).strings.get(1)?.[0]);
    expect(names).to.include.members(['io.k8s.api.apps.v1.Deployment', 'io.k8s.api.core.v1.Pod']);
    const deployment = (definitions.messages.get(1) ?? []).map(fields).find((e) => e.strings.get(1)?.[0] === 'io.k8s.api.apps.v1.Deployment');
    const schema = fields(deployment?.messages.get(2)?.[0] ?? new Uint8Array());
    const extension = fields(schema.messages.get(31)?.[0] ?? new Uint8Array());
    expect(extension.strings.get(1)).to.deep.equal(['x-kubernetes-group-version-kind']);
    expect(fields(extension.messages.get(2)?.[0] ?? new Uint8Array()).strings.get(2)?.[0]).to.equal('- group: apps\n  kind: Deployment\n  version: v1\n');
  });

  it('should include custom resources once their CRD is established, and answer 304 to a matching ETag', async () => {
    await rawRequest(env.server, '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { method: 'POST', body: widgetCrd() });
    let doc: Json = {};
    for (let i = 0; i < 50 && doc['definitions']?.['com.example.v1.Widget'] === undefined; i += 1) {
      await env.server.hooks.settle();
      doc = (await rawRequest(env.server, '/openapi/v2')).json<Json>();
    }
    expect(doc['definitions']['com.example.v1.Widget']['x-kubernetes-group-version-kind']).to.deep.equal([{ group: 'example.com', kind: 'Widget', version: 'v1' }]);
    const first = await rawRequest(env.server, '/openapi/v2');
    expect((await rawRequest(env.server, '/openapi/v2', { headers: { 'if-none-match': String(first.headers['etag']) } })).status).to.equal(304);
  });
});
