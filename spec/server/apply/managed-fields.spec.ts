// Specs for decoding, sorting and encoding managedFields.
import { expect } from 'chai';
import { FieldSet } from '../../../lib/server/apply/field-set.js';
import { decodeManagedFields, encodeManagedFields, isResetManagedFields, managerIdentity } from '../../../lib/server/apply/managed-fields.js';

describe('managerIdentity', () => {
  it('should include the API version for Update managers only', () => {
    expect(managerIdentity({ manager: 'k', operation: 'Update', apiVersion: 'v1', subresource: '' })).to.equal('{"manager":"k","operation":"Update","apiVersion":"v1"}');
    expect(managerIdentity({ manager: 'k', operation: 'Apply', apiVersion: 'v1', subresource: 'status' })).to.equal('{"manager":"k","operation":"Apply","subresource":"status"}');
  });
});

describe('encodeManagedFields', () => {
  it('should sort by operation, time, manager, apiVersion and subresource and drop empty sets', () => {
    const set = new FieldSet([['f:a']]);
    const managers = new Map(
      [
        { manager: 'b', operation: 'Update' as const, apiVersion: 'v1', subresource: '', time: '2024-01-01T00:00:01Z', set },
        { manager: 'a', operation: 'Update' as const, apiVersion: 'v1', subresource: '', time: '2024-01-01T00:00:02Z', set },
        { manager: 'z', operation: 'Apply' as const, apiVersion: 'v1', subresource: '', time: '2024-01-01T00:00:09Z', set },
        { manager: 'empty', operation: 'Apply' as const, apiVersion: 'v1', subresource: '', time: undefined, set: FieldSet.EMPTY },
      ].map((m) => [managerIdentity(m), m]),
    );
    expect(encodeManagedFields(managers).map((m) => m.manager)).to.deep.equal(['z', 'b', 'a']);
  });

  it('should round-trip through decode', () => {
    const entries = [{ manager: 'm', operation: 'Apply', apiVersion: 'v1', time: '2024-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } }];
    expect(encodeManagedFields(decodeManagedFields(entries))).to.deep.equal(entries);
  });
});

describe('isResetManagedFields', () => {
  it('should recognise [{}] only', () => {
    expect(isResetManagedFields([{}])).to.equal(true);
    expect(isResetManagedFields([])).to.equal(false);
    expect(isResetManagedFields(undefined)).to.equal(false);
  });
});
