// Checks delete params and the DeleteOptions body they become.
import { expect } from 'chai';
import { deleteOptionsBody, validateDeleteParams, type DeleteParams } from '../../../lib/core/params/delete-params.js';
import { requestBuildError } from '../../helpers/errors.js';

describe('validateDeleteParams', () => {
  it('should accept every propagation policy and a zero grace period', () => {
    for (const propagationPolicy of ['Orphan', 'Background', 'Foreground'] as const) {
      expect(() => validateDeleteParams({ propagationPolicy, gracePeriodSeconds: 0 })).to.not.throw();
    }
  });

  for (const gracePeriodSeconds of [-1, 1.5]) {
    it(`should refuse the grace period ${gracePeriodSeconds}`, () => {
      const error = requestBuildError(() => validateDeleteParams({ gracePeriodSeconds }));
      expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'DeleteParams.gracePeriodSeconds']);
    });
  }

  it('should refuse an unknown propagation policy', () => {
    const params = { propagationPolicy: 'background' } as unknown as DeleteParams;
    expect(requestBuildError(() => validateDeleteParams(params)).field).to.equal('DeleteParams.propagationPolicy');
  });
});

describe('deleteOptionsBody', () => {
  it('should be {} for default params', () => {
    expect(deleteOptionsBody({})).to.deep.equal({});
    expect(deleteOptionsBody({ dryRun: false })).to.deep.equal({});
  });

  it('should carry every option under its DeleteOptions name', () => {
    expect(
      deleteOptionsBody({
        dryRun: true,
        gracePeriodSeconds: 0,
        propagationPolicy: 'Foreground',
        preconditions: { uid: 'u-1', resourceVersion: '7' },
      }),
    ).to.deep.equal({
      dryRun: ['All'],
      gracePeriodSeconds: 0,
      propagationPolicy: 'Foreground',
      preconditions: { uid: 'u-1', resourceVersion: '7' },
    });
  });

  it('should copy the preconditions', () => {
    const preconditions = { uid: 'u-1' };
    const body = deleteOptionsBody({ preconditions });
    expect(body['preconditions']).to.deep.equal({ uid: 'u-1' });
    expect(body['preconditions']).to.not.equal(preconditions);
  });
});
