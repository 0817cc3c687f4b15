// Specs for the structural schema accessors.
import { expect } from 'chai';
import { additionalOf, itemsOf } from '../../../lib/server/schema/structural-schema.js';

describe('itemsOf', () => {
  it('should return a single items schema and refuse tuples', () => {
    expect(itemsOf({ type: 'array', items: { type: 'string' } })).to.deep.equal({ type: 'string' });
    expect(itemsOf({ type: 'array', items: [{ type: 'string' }] })).to.equal(undefined);
  });
});

describe('additionalOf', () => {
  it('should return additionalProperties only when it is a schema', () => {
    expect(additionalOf({ type: 'object', additionalProperties: { type: 'string' } })).to.deep.equal({ type: 'string' });
    expect(additionalOf({ type: 'object', additionalProperties: true })).to.equal(undefined);
  });
});
