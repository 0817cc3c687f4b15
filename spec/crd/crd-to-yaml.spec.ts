// Specs for crdToYaml: sorted, stable YAML documents.
import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';
import { crdToYaml, defineCustomResource, type JSONSchemaType } from '../../lib/crd/index.js';

const schema: JSONSchemaType<{ size: number }> = { type: 'object', properties: { size: { type: 'integer' } }, required: ['size'] };
const A = defineCustomResource<{ size: number }>({ group: 'example.com', version: 'v1', kind: 'Apple', namespaced: true, schema });
const B = defineCustomResource<{ size: number }>({ group: 'example.com', version: 'v1', kind: 'Berry', namespaced: false, schema });

describe('crdToYaml', () => {
  it('should print one document with sorted keys', () => {
    const text = crdToYaml(A.crd());
    expect(text.split('\n').filter((l) => /^\S/.test(l))).to.deep.equal(['apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata:', 'spec:']);
    expect(text).to.contain('  names:\n    kind: Apple\n    listKind: AppleList\n    plural: apples\n    singular: apple\n');
  });

  it('should separate several CRDs with ---', () => {
    const docs = parseAllDocuments(crdToYaml([A.crd(), B.crd()]));
    expect(Array.isArray(docs) ? docs.map((d) => d.toJS() as unknown) : []).to.deep.equal([A.crd(), B.crd()]);
  });
});
