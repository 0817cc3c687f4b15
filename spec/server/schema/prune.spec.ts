// Specs for pruneInPlace against apiextensions-apiserver pruning.
import { expect } from 'chai';
import { pruneInPlace } from '../../../lib/server/schema/prune.js';
import type { StructuralSchema } from '../../../lib/server/schema/structural-schema.js';

const schema: StructuralSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        labels: { type: 'object', additionalProperties: { type: 'object', properties: { v: { type: 'string' } } } },
        raw: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'object', properties: { a: { type: 'string' } } } } },
        template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', properties: { x: { type: 'string' } } } } },
      },
    },
  },
};

describe('pruneInPlace', () => {
  it('should drop unknown fields and report their paths', () => {
    const object = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', anything: 'kept for the caller' },
      spec: { replicas: 1, bogus: true, items: [{ name: 'a', extra: 1 }] },
      status: { ready: true },
    };
    const removed = pruneInPlace(object, schema, true);
    expect(removed).to.deep.equal(['spec.bogus', 'spec.items[0].extra', 'status']);
    expect(object).to.deep.equal({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', anything: 'kept for the caller' }, spec: { replicas: 1, items: [{ name: 'a' }] } });
  });

  it('should prune map values against additionalProperties', () => {
    const object = { spec: { labels: { x: { v: 'keep', w: 'drop' } } } };
    expect(pruneInPlace(object, schema, true)).to.deep.equal(['spec.labels.x.w']);
    expect(object.spec.labels.x).to.deep.equal({ v: 'keep' });
  });

  it('should keep unknown fields under x-kubernetes-preserve-unknown-fields but prune its specified fields', () => {
    const object = { spec: { raw: { anything: { deep: 1 }, known: { a: 'x', b: 'y' } } } };
    expect(pruneInPlace(object, schema, true)).to.deep.equal(['spec.raw.known.b']);
    expect(object.spec.raw).to.deep.equal({ anything: { deep: 1 }, known: { a: 'x' } });
  });

  it('should keep apiVersion, kind and ObjectMeta fields of embedded resources', () => {
    const object = { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' }, junk: 1 }, spec: { x: 'y', z: 1 } } } };
    expect(pruneInPlace(object, schema, true)).to.deep.equal(['spec.template.metadata.junk', 'spec.template.spec.z']);
    expect(object.spec.template).to.deep.equal({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: 'b' } }, spec: { x: 'y' } });
  });

  it('should not keep apiVersion/kind/metadata below the root unless embedded', () => {
    const object = { spec: { items: [{ name: 'a', kind: 'X' }] } };
    expect(pruneInPlace(object, schema, true)).to.deep.equal(['spec.items[0].kind']);
  });
});
