import { expect } from 'chai';
import { jsonSyntaxError } from '../../../lib/server/input/json-syntax.js';

const check = (text: string | Buffer, maxDepth = 10000): string | undefined => jsonSyntaxError(typeof text === 'string' ? Buffer.from(text) : text, maxDepth)?.message;

describe('jsonSyntaxError', () => {
  it('should accept every kind of JSON value', () => {
    for (const text of ['{}', '[]', '"x"', '0', '-0.5E-3', '1e+5', 'true', 'false', 'null', ' {"a":[1,{"b":true},null,false,"x\\u00e9\\n"]} ', '"\u00ff\u4e2d"']) {
      expect(check(text), text).to.equal(undefined);
    }
  });

  // [input, Go's encoding/json error] as kube-apiserver 1.32.13 reported them.
  const cases: [string | Buffer, string][] = [
    ['', 'unexpected end of JSON input'],
    [' ', 'unexpected end of JSON input'],
    ['{', 'unexpected end of JSON input'],
    ['"abc', 'unexpected end of JSON input'],
    ['{"a":}', "invalid character '}' looking for beginning of value"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
    ['{1:2}', "invalid character '1' looking for beginning of object key string"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['tru', "invalid character ' ' in literal true (expecting 'e')"],
    ['{"a":nul}', "invalid character '}' in literal null (expecting 'l')"],
    ['fals', "invalid character ' ' in literal false (expecting 'e')"],
    ['{"a":"\u0001"}', "invalid character '\\x01' in string literal"],
    ['{"a":"\\q"}', "invalid character 'q' in string escape code"],
    ['{"a":"\\u12g4"}', "invalid character 'g' in \\u hexadecimal character escape"],
    ['{"m":1}x', "invalid character 'x' after top-level value"],
    ['{} {}', "invalid character '{' after top-level value"],
    ['{"a":01}', "invalid character '1' after object key:value pair"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a":-}', "invalid character '}' in numeric literal"],
    ['-', "invalid character ' ' in numeric literal"],
    ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['1.', "invalid character ' ' after decimal point in numeric literal"],
    ['{"a":1e}', "invalid character '}' in exponent of numeric literal"],
    [Buffer.from([0xff]), "invalid character 'ÿ' looking for beginning of value"],
    [Buffer.from([0x80]), "invalid character '\\u0080' looking for beginning of value"],
    ['\\', "invalid character '\\\\' looking for beginning of value"],
    ['\t\n@', "invalid character '@' looking for beginning of value"],
  ];
  for (const [input, message] of cases) {
    it(`should answer ${JSON.stringify(message)} for ${JSON.stringify(String(input))}`, () => {
      expect(check(input)).to.equal(message);
    });
  }

  it('should count the outermost container as depth 1, as Go does', () => {
    expect(check('[[[]]]', 3)).to.equal(undefined);
    expect(check('[[[[]]]]', 3)).to.equal("invalid character '[' exceeded max depth");
    expect(check('{"a":{"b":{"c":{}}}}', 3)).to.equal("invalid character '{' exceeded max depth");
    expect(check('[{"a":[]},{"b":[]}]', 3)).to.equal(undefined);
  });

  it("should report the offset of the byte that failed, as Go's SyntaxError does", () => {
    expect(jsonSyntaxError(Buffer.from('{"a":}'), 10)?.offset).to.equal(6);
    expect(jsonSyntaxError(Buffer.from('{"a":1'), 10)?.offset).to.equal(6);
  });

  it('should stop at the first container past the limit without reading the rest', () => {
    const body = Buffer.alloc(3 * 1024 * 1024, '[');
    expect(jsonSyntaxError(body, 256)).to.deep.equal({ message: "invalid character '[' exceeded max depth", offset: 257 });
  });
});
