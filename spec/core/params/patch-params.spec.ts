// Checks patch params against the API server's PatchOptions validation.
import { expect } from 'chai';
import { validatePatchParams, type PatchParams } from '../../../lib/core/params/patch-params.js';
import type { PatchType } from '../../../lib/core/patch.js';
import { requestBuildError } from '../../helpers/errors.js';

const NON_APPLY: PatchType[] = ['merge', 'strategic', 'json'];

describe('validatePatchParams', () => {
  it('should refuse apply without a field manager ("is required for apply patch")', () => {
    const error = requestBuildError(() => validatePatchParams({}, 'apply'));
    expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'PatchParams.fieldManager']);
    expect(error.message).to.include('apply');
  });

  it('should refuse apply with an empty field manager', () => {
    expect(requestBuildError(() => validatePatchParams({ fieldManager: '' }, 'apply')).field).to.equal('PatchParams.fieldManager');
  });

  it('should accept apply with a field manager, forced or not', () => {
    expect(() => validatePatchParams({ fieldManager: 'ctl' }, 'apply')).to.not.throw();
    expect(() => validatePatchParams({ fieldManager: 'ctl', force: true, dryRun: true, fieldValidation: 'Strict' }, 'apply')).to.not.throw();
  });

  for (const type of NON_APPLY) {
    it(`should refuse force with a ${type} patch ("may not be specified for non-apply patch")`, () => {
      const error = requestBuildError(() => validatePatchParams({ force: true }, type));
      expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'PatchParams.force']);
    });

    it(`should accept a ${type} patch without a field manager, and force: false`, () => {
      expect(() => validatePatchParams({}, type)).to.not.throw();
      expect(() => validatePatchParams({ force: false, fieldManager: 'x' }, type)).to.not.throw();
    });
  }

  it('should refuse a field manager over 128 bytes for every patch kind', () => {
    for (const type of ['apply', ...NON_APPLY] as PatchType[]) {
      expect(requestBuildError(() => validatePatchParams({ fieldManager: 'f'.repeat(129) }, type)).field, type).to.equal('PatchParams.fieldManager');
    }
  });

  it('should refuse a non-printable field manager', () => {
    expect(requestBuildError(() => validatePatchParams({ fieldManager: 'a\u0007' }, 'merge')).field).to.equal('PatchParams.fieldManager');
  });

  it('should refuse an unknown fieldValidation', () => {
    const params = { fieldValidation: 'Loose' } as unknown as PatchParams;
    expect(requestBuildError(() => validatePatchParams(params, 'merge')).field).to.equal('PatchParams.fieldValidation');
  });
});
