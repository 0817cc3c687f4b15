// Specs for PatchError.
import { expect } from 'chai';
import { isKubeError } from '../../../lib/core/index.js';
import { isPatchError, PatchError } from '../../../lib/server/patch/patch-error.js';

describe('PatchError', () => {
  it('should be a KubeError with its reason and name', () => {
    const error = new PatchError('PatchFailed', 'test failed');
    expect(error.name).to.equal('PatchError');
    expect(error.reason).to.equal('PatchFailed');
    expect(isKubeError(error)).to.equal(true);
    expect(isPatchError(error)).to.equal(true);
    expect(isPatchError(new Error('x'))).to.equal(false);
  });
});
