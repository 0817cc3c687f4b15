import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeEnvelope } from '../../../lib/server/protobuf/kubernetes-envelope.js';
import { isProtobufError } from '../../../lib/server/protobuf/protobuf-error.js';
import { decodeProtobufObject, encodeProtobufObject, hasProtobufForm } from '../../../lib/server/protobuf/protobuf-object.js';

function failure(run: () => unknown): [string, string] {
  try {
    run();
  } catch (error) {
    if (isProtobufError(error)) return [error.reason, error.message];
    throw error;
  }
  throw new Error('no error');
}

describe('protobuf objects', () => {
  it('should put kind and apiVersion first, from the envelope', () => {
    const bytes = encodeProtobufObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } });
    expect(JSON.stringify(decodeProtobufObject(bytes, { apiVersion: '', kind: '' }))).to.equal(
      '{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null},"spec":{},"status":{}}',
    );
  });

  it("should take a missing kind and version from the endpoint's, as apimachinery's decoder does", () => {
    const bytes = encodeEnvelope({ apiVersion: '', kind: '' }, new Uint8Array(0));
    expect(decodeProtobufObject(bytes, { apiVersion: 'v1', kind: 'ConfigMap' })).to.deep.equal({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { creationTimestamp: null } });
  });

  it('should refuse a kind the scheme does not know', () => {
    const bytes = encodeEnvelope({ apiVersion: 'example.com/v1', kind: 'Widget' }, new Uint8Array(0));
    expect(failure(() => decodeProtobufObject(bytes, { apiVersion: 'v1', kind: 'ConfigMap' }))).to.deep.equal([
      'UnknownKind',
      'no kind "Widget" is registered for version "example.com/v1" in scheme "pkg/runtime/scheme.go:100"',
    ]);
  });

  it('should know which objects have a protobuf form', () => {
    expect(hasProtobufForm({ apiVersion: 'v1', kind: 'PodList' })).to.equal(true);
    expect(hasProtobufForm({ apiVersion: 'example.com/v1', kind: 'Widget' })).to.equal(false);
    expect(hasProtobufForm({ apiVersion: 'meta.k8s.io/v1', kind: 'Table' })).to.equal(false);
    expect(failure(() => encodeProtobufObject({ apiVersion: 'example.com/v1', kind: 'Widget' }))[0]).to.equal('NotEncodable');
  });

  it('should refuse mutated and truncated bodies only with ProtobufErrors (never a TypeError that would be a 500)', () => {
    const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/protobuf');
    const seeds = readdirSync(dir)
      .filter((f) => !f.startsWith('watch'))
      .map((f) => Buffer.from((JSON.parse(readFileSync(join(dir, f), 'utf8')) as { protobuf: string }).protobuf, 'base64'));
    let state = 42;
    const random = (): number => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const escaped: string[] = [];
    let refused = 0;
    for (let i = 0; i < 5000; i++) {
      const body = Buffer.from(seeds[Math.floor(random() * seeds.length)] as Buffer);
      for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) body[4 + Math.floor(random() * (body.length - 4))] = Math.floor(random() * 256);
      try {
        decodeProtobufObject(random() < 0.2 ? body.subarray(0, Math.floor(random() * body.length)) : body, { apiVersion: 'v1', kind: 'ConfigMap' });
      } catch (error) {
        if (isProtobufError(error)) refused += 1;
        else escaped.push(String(error));
      }
    }
    expect(escaped).to.deep.equal([]);
    expect(refused).to.be.greaterThan(1000);
  });
});

