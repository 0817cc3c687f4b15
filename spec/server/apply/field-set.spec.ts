// Specs for FieldSet and the FieldsV1 encoding.
import { expect } from 'chai';
import { fieldElement as f, FieldSet, formatPath, keyElement, valueElement } from '../../../lib/server/apply/field-set.js';

describe('FieldSet', () => {
  const fieldsV1 = {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } }, 'f:replicas': {} },
  };

  it('should decode FieldsV1: leaves and "." are members, intermediate nodes are not', () => {
    const set = FieldSet.fromFieldsV1(fieldsV1);
    expect(set.has([f('spec'), f('replicas')])).to.equal(true);
    expect(set.has([f('metadata'), f('labels')])).to.equal(true);
    expect(set.has([f('metadata')])).to.equal(false);
    expect(set.has([f('spec'), f('containers'), 'k:{"name":"nginx"}'])).to.equal(true);
    expect(set.size).to.equal(6);
  });

  it('should encode back to the same trie', () => {
    expect(FieldSet.fromFieldsV1(fieldsV1).toFieldsV1()).to.deep.equal(fieldsV1);
  });

  it('should compute union, difference, intersection and recursive difference', () => {
    const a = new FieldSet([[f('a')], [f('b'), f('c')]]);
    const b = new FieldSet([[f('b'), f('c')], [f('d')]]);
    expect(a.union(b).size).to.equal(3);
    expect(a.difference(b).paths()).to.deep.equal([[f('a')]]);
    expect(a.intersection(b).paths()).to.deep.equal([[f('b'), f('c')]]);
    expect(a.recursiveDifference(new FieldSet([[f('b')]])).paths()).to.deep.equal([[f('a')]]);
    expect(a.hasPrefix([f('b')])).to.equal(true);
    expect(a.hasPrefix([f('x')])).to.equal(false);
  });
});

describe('formatPath', () => {
  it('should print paths as structured-merge-diff does in conflicts', () => {
    expect(formatPath([f('spec'), f('replicas')])).to.equal('.spec.replicas');
    expect(formatPath([f('spec'), f('containers'), keyElement({ name: 'nginx' }), f('image')])).to.equal('.spec.containers[name="nginx"].image');
    expect(formatPath([f('spec'), f('ports'), keyElement({ protocol: 'TCP', containerPort: 80 })])).to.equal('.spec.ports[containerPort=80,protocol="TCP"]');
    expect(formatPath([f('metadata'), f('finalizers'), valueElement('x')])).to.equal('.metadata.finalizers[="x"]');
  });
});

describe('keyElement', () => {
  it('should sort key fields by name', () => {
    expect(keyElement({ protocol: 'TCP', containerPort: 80 })).to.equal('k:{"containerPort":80,"protocol":"TCP"}');
  });
});
