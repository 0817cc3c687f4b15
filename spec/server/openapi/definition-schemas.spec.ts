// Specs for the OpenAPI component schemas of built-in types.
import { expect } from 'chai';
import { definitionSchema, INT_OR_STRING, schemaClosure } from '../../../lib/server/openapi/definition-schemas.js';

describe('definitionSchema', () => {
  it('should describe a struct with typed, documented properties', () => {
    const container = definitionSchema('io.k8s.api.core.v1.Container');
    expect(container?.['type']).to.equal('object');
    expect(container?.['required']).to.deep.equal(['name']);
    const properties = container?.['properties'] as Record<string, Record<string, unknown>>;
    expect(properties['image']).to.deep.include({ type: 'string' });
    expect(properties['image']?.['description']).to.match(/Container image name/);
    expect(properties['args']).to.deep.include({ type: 'array', items: { type: 'string' } });
    expect(properties['env']).to.deep.include({ 'x-kubernetes-patch-merge-key': 'name' });
  });

  it('should map scalar aliases and int-or-string', () => {
    expect(definitionSchema('io.k8s.apimachinery.pkg.apis.meta.v1.Time')).to.deep.include({ type: 'string', format: 'date-time' });
    expect(definitionSchema(INT_OR_STRING)).to.deep.include({ type: 'string', format: 'int-or-string' });
    const port = (definitionSchema('io.k8s.api.core.v1.ServicePort')?.['properties'] as Record<string, unknown>)['targetPort'];
    expect(port).to.deep.include({ allOf: [{ $ref: `#/components/schemas/${INT_OR_STRING}` }] });
  });

  it('should return undefined for unknown names', () => {
    expect(definitionSchema('io.k8s.api.core.v1.Nope')).to.equal(undefined);
  });
});

describe('schemaClosure', () => {
  it('should collect every schema reachable from the roots', () => {
    const names = schemaClosure(['io.k8s.api.core.v1.ConfigMap']);
    expect([...names].sort()).to.deep.equal([
      'io.k8s.api.core.v1.ConfigMap',
      'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
    ]);
  });
});
