import { expect } from 'chai';
import { decodeYaml } from '../../../lib/server/input/decode-yaml.js';
import { isInputError } from '../../../lib/server/input/input-error.js';

const decode = (text: string, maxDepth?: number): unknown => decodeYaml(Buffer.from(text), maxDepth);
const failure = (text: string, maxDepth?: number): [string, string] | undefined => {
  try {
    decode(text, maxDepth);
  } catch (error) {
    if (isInputError(error)) return [error.reason, error.message];
    throw error;
  }
  return undefined;
};

describe('decodeYaml', () => {
  it('should read YAML 1.1 scalars as go-yaml v2 does', () => {
    expect(decode('a: yes\nb: on\nc: n\nd: 0777\ne: 0x1F\nf: 1_000\ng: 1:30\nh: 2001-12-14\ni: ~\nj: !!binary aGVsbG8=\n')).to.deep.equal({
      a: true,
      b: true,
      c: false,
      d: 511,
      e: 31,
      f: 1000,
      g: '1:30',
      h: '2001-12-14',
      i: null,
      j: 'hello',
    });
  });

  it('should merge `<<` keys, keep the last of duplicate keys and read only the first document', () => {
    expect(decode('base: &b {x: 1}\nm:\n  <<: *b\n  z: 2\n')).to.deep.equal({ base: { x: 1 }, m: { x: 1, z: 2 } });
    expect(decode('a: 1\na: 2\n')).to.deep.equal({ a: 2 });
    expect(decode('a: 1\n---\nb: 2\n')).to.deep.equal({ a: 1 });
    expect(decode('')).to.equal(null);
    expect(decode('# nothing\n')).to.equal(null);
  });

  it('should give every use of an alias its own copy', () => {
    const value = decode('a: &a {x: [1]}\nb: *a\n') as { a: { x: number[] }; b: { x: number[] } };
    expect(value.b).to.deep.equal({ x: [1] });
    expect(value.b).to.not.equal(value.a);
    expect(value.b.x).to.not.equal(value.a.x);
  });

  it('should keep __proto__ as an own key', () => {
    const value = decode('__proto__:\n  polluted: 1\n') as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).to.equal(true);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });

  it('should refuse nesting past the limit in flow, compact and block style, naming the line after the first', () => {
    expect(failure(`x: ${'['.repeat(11)}${']'.repeat(11)}`, 10)).to.deep.equal(['TooDeep', 'yaml: exceeded max depth of 10']);
    expect(failure(`a: 1\nx: ${'['.repeat(11)}${']'.repeat(11)}`, 10)).to.deep.equal(['TooDeep', 'yaml: line 2: exceeded max depth of 10']);
    const block = `x:\n${Array.from({ length: 12 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')}\n${' '.repeat(13)}b: 1\n`;
    expect(failure(block, 10)).to.deep.equal(['TooDeep', 'yaml: line 11: exceeded max depth of 10']);
    expect(decode(`x: ${'['.repeat(9)}${']'.repeat(9)}`, 10)).to.be.an('object');
  });

  it('should refuse a document whose aliases nest deeper than the limit', () => {
    const text = `a: &a ${'['.repeat(6)}1${']'.repeat(6)}\nb: &b [[[[[[*a]]]]]]\n`;
    expect(failure(text, 10)).to.deep.equal(['TooDeep', 'yaml: exceeded max depth of 10']);
  });

  it('should refuse alias bombs and self-referencing anchors as go-yaml does', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let previous = 'a';
    for (const name of 'bcdefghi') {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
      previous = name;
    }
    expect(failure(lines.join('\n'))).to.deep.equal(['Aliasing', 'yaml: document contains excessive aliasing']);
    expect(failure('a: &a [*a]\n')).to.deep.equal(['Aliasing', "yaml: anchor 'a' value contains itself"]);
    expect(failure('a: *nope\n')).to.deep.equal(['Syntax', "yaml: unknown anchor 'nope' referenced"]);
    // One anchor used 200 times is fine: most decoded nodes are not aliased.
    expect(decode(`l: &l x\nitems: [${Array(200).fill('{k: *l, v: 1, w: 2}').join(',')}]\n`)).to.be.an('object');
  });

  it('should refuse numbers JSON cannot carry, and report syntax errors with their line', () => {
    expect(failure('a: .inf\n')).to.deep.equal(['Unsupported', 'json: unsupported value: +Inf']);
    expect(failure('a: .nan\n')).to.deep.equal(['Unsupported', 'json: unsupported value: NaN']);
    const [reason, message] = failure('a: b\nc: [1, 2\n') ?? [];
    expect(reason).to.equal('Syntax');
    expect(message).to.match(/^yaml: line \d+: /);
  });

  it('should read a JSON body as JSON', () => {
    expect(decode('{"apiVersion":"v1","kind":"ConfigMap","data":{"a":"yes"}}')).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'yes' } });
  });
});
