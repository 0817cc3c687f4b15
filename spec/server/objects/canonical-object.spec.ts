import { expect } from 'chai';
import { canonicalObject, sameContent } from '../../../lib/server/objects/canonical-object.js';

describe('canonicalObject', () => {
  it('should put apiVersion, kind, metadata first, metadata in ObjectMeta order, other keys sorted', () => {
    const out = canonicalObject({ spec: { b: 1, a: 2 }, metadata: { labels: {}, name: 'x', uid: 'u' }, kind: 'K', apiVersion: 'v1' });
    expect(JSON.stringify(out)).to.equal('{"apiVersion":"v1","kind":"K","metadata":{"name":"x","uid":"u","labels":{}},"spec":{"a":2,"b":1}}');
  });

  it('should make equal content serialize equally and copy deeply', () => {
    const a = { apiVersion: 'v1', data: { y: '1', x: '2' } };
    const b = { data: { x: '2', y: '1' }, apiVersion: 'v1' };
    expect(JSON.stringify(canonicalObject(a))).to.equal(JSON.stringify(canonicalObject(b)));
    const copy = canonicalObject(a);
    copy.data.x = 'changed';
    expect(a.data.x).to.equal('2');
  });
});

describe('sameContent', () => {
  it('should ignore key order and undefined members', () => {
    expect(sameContent({ a: 1, b: { c: [1, 2], d: undefined } }, { b: { c: [1, 2] }, a: 1 })).to.equal(true);
  });

  it('should tell different values, list orders and types apart', () => {
    expect(sameContent({ a: 1 }, { a: 2 })).to.equal(false);
    expect(sameContent([1, 2], [2, 1])).to.equal(false);
    expect(sameContent({ a: '1' }, { a: 1 })).to.equal(false);
  });

  it('should take a missing value as null', () => {
    expect(sameContent(undefined, null)).to.equal(true);
    expect(sameContent(undefined, {})).to.equal(false);
  });
});
