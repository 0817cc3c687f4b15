// Specs for preserveUnknownFields and anyValue: free-form data the server keeps unpruned.
import { expect } from 'chai';
import { anyValue, preserveUnknownFields, toStructural } from '../../lib/crd/index.js';

describe('preserveUnknownFields', () => {
  it('should be an object that keeps unknown fields', () => {
    expect(toStructural(preserveUnknownFields({ description: 'values' }))).to.deep.equal({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, description: 'values' });
  });
});

describe('anyValue', () => {
  it('should be untyped and keep everything, as kube-rs emits for serde_json::Value', () => {
    expect(toStructural(anyValue())).to.deep.equal({ 'x-kubernetes-preserve-unknown-fields': true });
  });
});
