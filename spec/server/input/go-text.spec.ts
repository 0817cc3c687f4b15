import { expect } from 'chai';
import { goQuote, goQuoteByte, goString } from '../../../lib/server/input/go-text.js';

describe('goQuoteByte', () => {
  it('should quote bytes as Go quotes them in JSON syntax errors', () => {
    expect(goQuoteByte(0x61)).to.equal("'a'");
    expect(goQuoteByte(0x27)).to.equal("'\\''");
    expect(goQuoteByte(0x22)).to.equal('\'"\'');
    expect(goQuoteByte(0x5c)).to.equal("'\\\\'");
    expect(goQuoteByte(0x0a)).to.equal("'\\n'");
    expect(goQuoteByte(0x01)).to.equal("'\\x01'");
    expect(goQuoteByte(0x7f)).to.equal("'\\x7f'");
    expect(goQuoteByte(0x85)).to.equal("'\\u0085'");
    expect(goQuoteByte(0xa0)).to.equal("'\\u00a0'");
    expect(goQuoteByte(0xe9)).to.equal("'é'");
  });
});

describe('goString', () => {
  it('should keep valid UTF-8 and turn every byte of an invalid sequence into one U+FFFD', () => {
    expect(goString(Buffer.from('héllo 中'))).to.equal('héllo 中');
    expect(goString(Buffer.from([0x61, 0xe4, 0xb8, 0x62]))).to.equal('a\ufffd\ufffdb');
    expect(goString(Buffer.from([0xff, 0xc0, 0x80]))).to.equal('\ufffd\ufffd\ufffd');
    expect(goString(Buffer.from([0xed, 0xa0, 0x80]))).to.equal('\ufffd\ufffd\ufffd');
  });
});

describe('goQuote', () => {
  it("should quote as Go's %q does", () => {
    expect(goQuote('base')).to.equal('"base"');
    expect(goQuote('a"b\\c')).to.equal('"a\\"b\\\\c"');
    expect(goQuote('a\u0000\n\t')).to.equal('"a\\x00\\n\\t"');
    expect(goQuote('bé中')).to.equal('"bé中"');
    expect(goQuote('\u0085\u00a0')).to.equal('"\\u0085\\u00a0"');
  });
});
