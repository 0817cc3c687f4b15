import { expect } from 'chai';
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeObject } from '../../../lib/server/http/respond.js';

/** Runs `write` as a request handler and reads the raw answer. */
async function answer(write: (res: ServerResponse) => void): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const server = createServer((_req, res) => write(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    server.close();
  }
}

describe('writeObject', () => {
  it('should write warnings with any characters without failing the answer', async () => {
    const res = await answer((r) => writeObject(r, 201, { kind: 'ConfigMap' }, { pretty: false }, { warnings: ['unknown field "ключ"', 'unknown field "😀"'] }));
    expect(res.status).to.equal(201);
    const warnings = (res.headers['warning'] as string).split(', ').map((w) => Buffer.from(w, 'latin1').toString('utf8'));
    expect(warnings).to.deep.equal(['299 - "unknown field \\"ключ\\""', '299 - "unknown field \\"😀\\""']);
    expect(JSON.parse(res.body.toString('utf8'))).to.deep.equal({ kind: 'ConfigMap' });
  });

  it('should fall back to JSON rather than fail a success whose negotiated form cannot be written', async () => {
    // A CRD schema nested past the protobuf encoder's message depth; the change it answers is stored already.
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 300; i++) schema = { type: "object", properties: { a: schema } };
    const object = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'deep.example.com' },
      spec: { group: 'example.com', names: { plural: 'deep', kind: 'Deep' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
    };
    const res = await answer((r) => writeObject(r, 200, object, { pretty: false, media: 'protobuf' }));
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('application/json');
    expect(JSON.parse(res.body.toString('utf8'))).to.deep.equal(object);
  });
});
