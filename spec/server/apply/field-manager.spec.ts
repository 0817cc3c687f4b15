// Specs for the ownership shift shared by apply and update.
import { expect } from 'chai';
import { shiftOwnership, withoutManagedFields } from '../../../lib/server/apply/field-manager.js';
import { FieldSet } from '../../../lib/server/apply/field-set.js';
import { managerIdentity, type ManagedFields } from '../../../lib/server/apply/managed-fields.js';

const entry = (name: string, paths: string[][]) => ({ manager: name, operation: 'Update' as const, apiVersion: 'v1', subresource: '', time: undefined, set: new FieldSet(paths) });

describe('shiftOwnership', () => {
  const comparison = { added: new FieldSet(), modified: new FieldSet([['f:a']]), removed: new FieldSet([['f:b']]) };

  it('should report conflicts and change nothing without force', () => {
    const other = entry('other', [['f:a'], ['f:b'], ['f:c']]);
    const managers: ManagedFields = new Map([[managerIdentity(other), other]]);
    const conflicts = shiftOwnership(managers, comparison, 'me', false);
    expect(conflicts.map((c) => c.path)).to.deep.equal([['f:a']]);
    expect(managers.get(managerIdentity(other))?.set.size).to.equal(3);
  });

  it('should take changed fields and drop removed ones with force', () => {
    const other = entry('other', [['f:a'], ['f:b'], ['f:c']]);
    const managers: ManagedFields = new Map([[managerIdentity(other), other]]);
    expect(shiftOwnership(managers, comparison, 'me', true)).to.deep.equal([]);
    expect(managers.get(managerIdentity(other))?.set.paths()).to.deep.equal([['f:c']]);
  });
});

describe('withoutManagedFields', () => {
  it('should copy the object without metadata.managedFields', () => {
    const object = { metadata: { name: 'x', managedFields: [] } };
    expect(withoutManagedFields(object)).to.deep.equal({ metadata: { name: 'x' } });
    expect(object.metadata).to.have.property('managedFields');
    expect(withoutManagedFields(undefined)).to.equal(undefined);
  });
});
