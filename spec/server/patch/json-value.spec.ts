// Specs for the JSON helpers shared by the patch and apply algorithms.
import { expect } from 'chai';
import { cloneJson, isJsonObject, jsonEqual } from '../../../lib/server/patch/json-value.js';

describe('jsonEqual', () => {
  it('should ignore object key order but not array order', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).to.equal(true);
    expect(jsonEqual([1, 2], [2, 1])).to.equal(false);
  });

  it('should tell objects, arrays, null and scalars apart', () => {
    expect(jsonEqual({}, [])).to.equal(false);
    expect(jsonEqual(null, {})).to.equal(false);
    expect(jsonEqual(1, '1')).to.equal(false);
    expect(jsonEqual({ a: undefined }, { b: undefined })).to.equal(false);
  });
});

describe('isJsonObject', () => {
  it('should accept plain objects only', () => {
    expect(isJsonObject({})).to.equal(true);
    expect(isJsonObject([])).to.equal(false);
    expect(isJsonObject(null)).to.equal(false);
    expect(isJsonObject('x')).to.equal(false);
  });
});

describe('cloneJson', () => {
  it('should deep-copy and keep undefined', () => {
    const value = { a: [{ b: 1 }] };
    const copy = cloneJson(value);
    expect(copy).to.deep.equal(value);
    expect(copy.a[0]).to.not.equal(value.a[0]);
    expect(cloneJson(undefined)).to.equal(undefined);
  });
});
