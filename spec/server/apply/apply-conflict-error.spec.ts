// Specs for ApplyConflictError's message and causes.
import { expect } from 'chai';
import { isKubeError } from '../../../lib/core/index.js';
import { ApplyConflictError, isApplyConflictError, printManager } from '../../../lib/server/apply/apply-conflict-error.js';
import { FieldSet } from '../../../lib/server/apply/field-set.js';

const manager = (name: string, operation: 'Apply' | 'Update', subresource = '') => ({ manager: name, operation, apiVersion: 'apps/v1', subresource, time: undefined, set: FieldSet.EMPTY });

describe('printManager', () => {
  it('should print Update managers with their API version and subresource managers with their subresource', () => {
    expect(printManager(manager('a', 'Apply'))).to.equal('"a"');
    expect(printManager(manager('b', 'Update'))).to.equal('"b" using apps/v1');
    expect(printManager(manager('c', 'Update', 'status'))).to.equal('"c" with subresource "status" using apps/v1');
  });
});

describe('ApplyConflictError', () => {
  it('should be a KubeError with reason Conflict and FieldManagerConflict causes', () => {
    const error = new ApplyConflictError([{ manager: manager('m', 'Update'), path: ['f:spec', 'f:replicas'] }]);
    expect(isKubeError(error) && isApplyConflictError(error)).to.equal(true);
    expect(error.reason).to.equal('Conflict');
    expect(error.message).to.equal('Apply failed with 1 conflict: conflict with "m" using apps/v1: .spec.replicas');
    expect(error.causes).to.deep.equal([{ reason: 'FieldManagerConflict', message: 'conflict with "m" using apps/v1', field: '.spec.replicas' }]);
  });
});
