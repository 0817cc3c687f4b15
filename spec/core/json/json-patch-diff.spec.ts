import { expect } from 'chai';
import fastJsonPatch from 'fast-json-patch';
import { jsonPatchDiff } from '../../../lib/core/json/json-patch-diff.js';

/** A small deterministic generator (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// fast-json-patch refuses __proto__ paths; the spec above covers that key.
const KEYS = ['a', 'b', 'c', 'x/y', 'm~n', 'constructor', ''];

function value(next: () => number, depth: number): unknown {
  const roll = next();
  if (depth > 3 || roll < 0.35) return [null, true, false, 0, 1.5, 'v', 'w', ''][Math.floor(next() * 8)];
  if (roll < 0.65) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  const object: Record<string, unknown> = {};
  for (const key of KEYS) if (next() < 0.4) Object.defineProperty(object, key, { value: value(next, depth + 1), enumerable: true, writable: true, configurable: true });
  return object;
}

/** A variant of `base`: some members changed, removed or added. */
function mutate(base: unknown, next: () => number, depth = 0): unknown {
  if (next() < 0.15) return value(next, depth);
  if (Array.isArray(base)) {
    const out = base.map((item) => (next() < 0.3 ? mutate(item, next, depth + 1) : item)).filter(() => next() > 0.15);
    while (next() < 0.25) out.push(value(next, depth + 1));
    return out;
  }
  if (typeof base === 'object' && base !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(base)) {
      if (next() < 0.15) continue;
      Object.defineProperty(out, key, { value: next() < 0.4 ? mutate(item, next, depth + 1) : item, enumerable: true, writable: true, configurable: true });
    }
    for (const key of KEYS) if (!Object.hasOwn(out, key) && next() < 0.15) Object.defineProperty(out, key, { value: value(next, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value(next, depth);
}

describe('jsonPatchDiff', () => {
  it('should produce the operations a mutating webhook sends', () => {
    const pod = { metadata: { name: 'p', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const changed = { metadata: { name: 'p', labels: { app: 'web', 'kube-rx.dev/injected': 'true' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }, { name: 'proxy', image: 'envoy' }] } };
    expect(jsonPatchDiff(pod, changed)).to.deep.equal([
      { op: 'add', path: '/metadata/labels/kube-rx.dev~1injected', value: 'true' },
      { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.27' },
      { op: 'add', path: '/spec/containers/1', value: { name: 'proxy', image: 'envoy' } },
    ]);
  });

  it('should give no operations for equal values, whatever the key order', () => {
    expect(jsonPatchDiff({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).to.deep.equal([]);
    expect(jsonPatchDiff({ a: 1, b: undefined }, { a: 1 })).to.deep.equal([]);
  });

  it('should remove trailing array elements from the end and escape ~ and /', () => {
    expect(jsonPatchDiff({ l: [1, 2, 3] }, { l: [1] })).to.deep.equal([
      { op: 'remove', path: '/l/2' },
      { op: 'remove', path: '/l/1' },
    ]);
    expect(jsonPatchDiff({ 'a~b': { 'c/d': 1 } }, { 'a~b': {} })).to.deep.equal([{ op: 'remove', path: '/a~0b/c~1d' }]);
    expect(jsonPatchDiff(1, 'x')).to.deep.equal([{ op: 'replace', path: '', value: 'x' }]);
  });

  it('should treat __proto__ as an ordinary key, never touching a prototype', () => {
    const after = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const ops = jsonPatchDiff({}, after);
    expect(ops).to.deep.equal([{ op: 'add', path: '/__proto__', value: JSON.parse('{"polluted": true}') }]);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });

  it('should turn any value into any other (2 000 random pairs, applied with fast-json-patch)', () => {
    const next = random(20261207);
    for (let i = 0; i < 2000; i += 1) {
      const before = value(next, 0);
      const after = mutate(before, next);
      const ops = jsonPatchDiff(before, after);
      const result = fastJsonPatch.applyPatch(structuredClone({ root: before }), ops.map((op) => ({ ...op, path: `/root${op.path}` })) as fastJsonPatch.Operation[], true, false).newDocument;
      expect(JSON.stringify(sorted(result.root)), `case ${i}: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`).to.equal(JSON.stringify(sorted(after)));
    }
  });
});

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) Object.defineProperty(out, key, { value: sorted((value as Record<string, unknown>)[key]), enumerable: true });
  return out;
}
