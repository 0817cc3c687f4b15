// Specs for the structured-merge-diff value operations.
import { expect } from 'chai';
import { builtinMergeSchema, crdMergeSchema } from '../../../lib/server/apply/merge-schema.js';
import { compare, merge, removeItems, toFieldSet } from '../../../lib/server/apply/typed-value.js';
import { FieldSet } from '../../../lib/server/apply/field-set.js';

const pod = builtinMergeSchema({ group: '', version: 'v1', kind: 'Pod' });
const names = (list: unknown) => (list as { name: string }[]).map((c) => c.name);

describe('toFieldSet', () => {
  it('should own leaves, list items (with ".") and atomic values, not the maps on the way', () => {
    const set = toFieldSet({ spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }] }], tolerations: [{ key: 'k' }] } }, pod);
    expect(set.toFieldsV1()).to.deep.equal({
      'f:spec': {
        'f:containers': {
          'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } },
        },
        'f:tolerations': {},
      },
    });
  });
});

describe('merge', () => {
  it('should keep live-only items in place and follow the configuration order for the rest', () => {
    const live = { spec: { containers: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } };
    const merged = merge(live, { spec: { containers: [{ name: 'c', image: 'i' }, { name: 'd' }] } }, pod) as typeof live;
    expect(names(merged.spec.containers)).to.deep.equal(['a', 'b', 'c', 'd']);
    const reordered = merge(live, { spec: { containers: [{ name: 'c' }, { name: 'a' }] } }, pod) as typeof live;
    expect(names(reordered.spec.containers)).to.deep.equal(['b', 'c', 'a']);
  });

  it('should union sets and replace atomic lists', () => {
    const merged = merge({ metadata: { finalizers: ['a'] }, spec: { tolerations: [{ key: 'x' }] } }, { metadata: { finalizers: ['b'] }, spec: { tolerations: [{ key: 'y' }] } }, pod);
    expect(merged).to.deep.equal({ metadata: { finalizers: ['a', 'b'] }, spec: { tolerations: [{ key: 'y' }] } });
  });

  it('should replace lists of custom resources without list markers', () => {
    const schema = crdMergeSchema({ type: 'object', properties: { spec: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } } } } });
    expect(merge({ spec: { items: [{ name: 'a' }] } }, { spec: { items: [{ name: 'b' }] } }, schema)).to.deep.equal({ spec: { items: [{ name: 'b' }] } });
  });
});

describe('compare', () => {
  it('should report added, modified and removed leaves and added maps', () => {
    const { added, modified, removed } = compare({ data: { a: '1', b: '2' } }, { data: { a: '9' }, metadata: { labels: { x: 'y' } } }, pod);
    expect(modified.toFieldsV1()).to.deep.equal({ 'f:data': { 'f:a': {} } });
    expect(removed.toFieldsV1()).to.deep.equal({ 'f:data': { 'f:b': {} } });
    expect(added.toFieldsV1()).to.deep.equal({ 'f:metadata': { '.': {}, 'f:labels': { '.': {}, 'f:x': {} } } });
  });
});

describe('removeItems', () => {
  it('should remove members with their subtrees', () => {
    const value = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b' }] } };
    const set = new FieldSet([['f:spec', 'f:containers', 'k:{"name":"a"}']]);
    expect(removeItems(value, set, pod)).to.deep.equal({ spec: { containers: [{ name: 'b' }] } });
  });
});
