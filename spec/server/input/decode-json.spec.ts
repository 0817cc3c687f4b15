import { expect } from 'chai';
import { decodeJson } from '../../../lib/server/input/decode-json.js';
import { isInputError } from '../../../lib/server/input/input-error.js';

describe('decodeJson', () => {
  it('should parse a body once the scan passes, keeping __proto__ as an own key', () => {
    const value = decodeJson(Buffer.from('{"__proto__":{"x":1},"a":[1,"b",null]}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).to.equal(true);
    expect(value['a']).to.deep.equal([1, 'b', null]);
  });

  it('should throw InputError TooDeep or Syntax with Go\'s message', () => {
    const error = (text: string, depth?: number): unknown => {
      try {
        decodeJson(Buffer.from(text), depth);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const deep = error('[[[]]]', 2);
    expect(isInputError(deep) && [deep.reason, deep.format, deep.message]).to.deep.equal(['TooDeep', 'json', "invalid character '[' exceeded max depth"]);
    const bad = error('{"a":}');
    expect(isInputError(bad) && [bad.reason, bad.message]).to.deep.equal(['Syntax', "invalid character '}' looking for beginning of value"]);
  });
});
