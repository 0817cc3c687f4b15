import { expect } from 'chai';
import { parse, stringify } from 'yaml';
import { yamlTooDeep } from '../../../lib/server/input/yaml-nesting.js';

/** A small seeded PRNG (mulberry32), so that every run checks the same documents. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRICKY = ['[', ']', '{', '}', '[[[[', '- ', ': ', '#', "'", '"', '|', '>', '&a', '*a', '? ', 'plain', 'x: [y', '\n[\n'];

function randomValue(random: () => number, depth: number): unknown {
  const r = random();
  if (depth <= 0 || r < 0.3) {
    const pieces = Array.from({ length: 1 + Math.floor(random() * 4) }, () => TRICKY[Math.floor(random() * TRICKY.length)]);
    return random() < 0.8 ? pieces.join(random() < 0.5 ? ' ' : '') : Math.floor(random() * 1000);
  }
  const size = Math.floor(random() * 4);
  if (r < 0.65) return Array.from({ length: size }, () => randomValue(random, depth - 1));
  return Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}${TRICKY[Math.floor(random() * 4)] ?? ''}`, randomValue(random, depth - 1)]));
}

function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

describe('yamlTooDeep', () => {
  it('should refuse flow collections and compact entries nested past the limit, naming the line', () => {
    expect(yamlTooDeep(`a: 1\nx: ${'['.repeat(11)}${']'.repeat(11)}\n`, 10)).to.deep.equal({ line: 2 });
    expect(yamlTooDeep(`a: 1\nx: ${'['.repeat(10)}${']'.repeat(10)}\n`, 10)).to.equal(undefined);
    expect(yamlTooDeep(`x:\n${'- '.repeat(11)}1\n`, 10)).to.deep.equal({ line: 2 });
    expect(yamlTooDeep(`x: [\n${'[\n'.repeat(10)}`, 10)).to.deep.equal({ line: 11 });
    expect(yamlTooDeep(`${'{"a":'.repeat(11)}1${'}'.repeat(11)}`, 10)).to.deep.equal({ line: 1 });
  });

  it('should not count brackets in quoted scalars, comments, block scalars or plain scalars', () => {
    const text = [
      'a: "[[[[[[[[[[[[" # [[[[[[[[[[[[',
      "b: '[[[[[[[[[[[[''[[[['",
      'c: |',
      '  [[[[[[[[[[[[[[[[',
      '  {{{{{{{{{{{{{{{{',
      'd: >-',
      '  [[[[[[[[[[[[[[[[',
      'e: plain [[[[[[[[[[[[',
      '  [[[[[[[[[[[[ continued',
      'f: "multi [[[[[[[[[[[[',
      '  [[[[[[[[[[[[ line"',
      '# [[[[[[[[[[[[[[',
      'g: [a, "]]]", b]',
    ].join('\n');
    expect(yamlTooDeep(text, 2)).to.equal(undefined);
    expect(depthOf(parse(text))).to.equal(2);
  });

  it('should never refuse a document within the limit, whatever its style (2000 seeded documents)', () => {
    const random = prng(20261207);
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const value = { root: randomValue(random, 1 + Math.floor(random() * 8)) };
      const options = { indent: 1 + Math.floor(random() * 4), flowCollectionPadding: random() < 0.5, collectionStyle: (['any', 'block', 'flow'] as const)[Math.floor(random() * 3)] ?? 'any', indentSeq: random() < 0.5 };
      const text = random() < 0.2 ? JSON.stringify(value, null, random() < 0.5 ? 2 : undefined) : stringify(value, options);
      let parsed: unknown;
      try {
        parsed = parse(text);
      } catch {
        continue; // the yaml package's stringify can write keys its parser refuses (`k0]:` in a flow map)
      }
      expect(yamlTooDeep(text, depthOf(parsed)), text).to.equal(undefined);
      checked++;
    }
    expect(checked).to.be.above(1500);
  });
});
