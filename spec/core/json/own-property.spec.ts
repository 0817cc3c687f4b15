import { expect } from 'chai';
import { ownProperty, setOwnProperty } from '../../../lib/core/json/own-property.js';

describe('ownProperty / setOwnProperty', () => {
  it('should read own members only, never inherited ones', () => {
    const object = JSON.parse('{"__proto__":"data","a":1}') as Record<string, unknown>;
    expect(ownProperty(object, '__proto__')).to.equal('data');
    expect(ownProperty(object, 'a')).to.equal(1);
    expect(ownProperty({}, '__proto__')).to.equal(undefined);
    expect(ownProperty({}, 'constructor')).to.equal(undefined);
    expect(ownProperty({}, 'toString')).to.equal(undefined);
    expect(ownProperty(undefined, 'a')).to.equal(undefined);
    expect(ownProperty(null, 'a')).to.equal(undefined);
  });

  it('should write __proto__ as an ordinary member, leaving the prototype alone', () => {
    const object: Record<string, unknown> = {};
    setOwnProperty(object, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(object)).to.equal(Object.prototype);
    expect(Object.keys(object)).to.deep.equal(['__proto__']);
    expect(JSON.stringify(object)).to.equal('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    setOwnProperty(object, 'constructor', 'c');
    setOwnProperty(object, '__proto__', 'again');
    expect(JSON.stringify(object)).to.equal('{"__proto__":"again","constructor":"c"}');
  });
});
