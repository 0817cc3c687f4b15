import { expect } from 'chai';
import { warningHeaders } from '../../../lib/server/http/warning-headers.js';

/** What a client reading the header bytes as UTF-8 sees. */
const decoded = (values: readonly string[]): string[] => values.map((v) => Buffer.from(v, 'latin1').toString('utf8'));

describe('warningHeaders', () => {
  it('should carry any text as its UTF-8 bytes, escaping only quotes and backslashes', () => {
    const values = warningHeaders(['unknown field "ключ"', 'a\\b 😀']);
    expect(decoded(values)).to.deep.equal(['299 - "unknown field \\"ключ\\""', '299 - "a\\\\b 😀"']);
    for (const value of values) expect(value).to.match(/^[\u0020-\u00ff]*$/);
  });

  it('should drop duplicates, empty texts and texts with control characters', () => {
    expect(decoded(warningHeaders(['a', 'a', '', 'b\u0001', 'c\u0085', 'd']))).to.deep.equal(['299 - "a"', '299 - "d"']);
  });

  it('should truncate as kube-apiserver does past 4096 characters', () => {
    const texts = Array.from({ length: 60 }, (_, i) => `unknown field "f${String(i).padStart(3, '0')}${'x'.repeat(100)}"`);
    const values = warningHeaders(texts);
    expect(values).to.have.length(35);
    expect(values.at(-1)).to.equal(`299 - "unknown field \\"f034${'x'.repeat(100)}\\""`);
    const long = warningHeaders(['y'.repeat(5000), 'z']);
    expect(long).to.deep.equal([`299 - "${'y'.repeat(256)}"`, '299 - "z"']);
  });
});
