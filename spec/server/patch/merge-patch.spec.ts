// Specs for applyMergePatch: RFC 7386 and the API server's merge patch behaviour.
import { expect } from 'chai';
import { applyMergePatch } from '../../../lib/server/patch/merge-patch.js';

describe('applyMergePatch', () => {
  // The examples of RFC 7386 Appendix A, in order.
  const rfcCases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  rfcCases.forEach(([target, patch, expected], index) => {
    it(`should produce the RFC 7386 appendix result #${index + 1}`, () => {
      expect(applyMergePatch(target, patch)).to.deep.equal(expected);
    });
  });

  it('should add and remove labels as kubectl label does', () => {
    const cm = { metadata: { name: 'c', labels: { app: 'web', tier: 'fe' } }, data: { k: 'v' } };
    const result = applyMergePatch(cm, { metadata: { labels: { tier: null, env: 'prod' } } });
    expect(result).to.deep.equal({ metadata: { name: 'c', labels: { app: 'web', env: 'prod' } }, data: { k: 'v' } });
  });

  it('should replace lists wholesale (containers are not merged by name)', () => {
    const pod = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
    const result = applyMergePatch(pod, { spec: { containers: [{ name: 'a', image: 'z' }] } });
    expect(result).to.deep.equal({ spec: { containers: [{ name: 'a', image: 'z' }] } });
  });

  it('should treat an undefined target as absent', () => {
    expect(applyMergePatch(undefined, { a: { b: null, c: 1 } })).to.deep.equal({ a: { c: 1 } });
  });

  it('should not mutate the target or the patch', () => {
    const target = { a: { b: 1 }, list: [1] };
    const patch = { a: { c: 2 }, list: [2] };
    const result = applyMergePatch(target, patch) as { a: object; list: number[] };
    expect(target).to.deep.equal({ a: { b: 1 }, list: [1] });
    expect(patch).to.deep.equal({ a: { c: 2 }, list: [2] });
    result.list.push(3);
    expect(patch.list).to.deep.equal([2]);
  });
});
