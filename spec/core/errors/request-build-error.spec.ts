// Checks the request-building error: its field, message and cross-copy guard.
import { expect } from 'chai';
import { KubeError } from '../../../lib/core/errors/kube-error.js';
import { isRequestBuildError, RequestBuildError } from '../../../lib/core/errors/request-build-error.js';
import { validatePatchParams } from '../../../lib/core/params/patch-params.js';
import { foreignKubeError } from '../../helpers/errors.js';

describe('RequestBuildError', () => {
  it('should name the field in the property and the message', () => {
    const error = new RequestBuildError('InvalidParams', 'ListParams.limit', 'must be an integer >= 0, got -1');
    expect([error.name, error.reason, error.field]).to.deep.equal(['RequestBuildError', 'InvalidParams', 'ListParams.limit']);
    expect(error.message).to.equal('ListParams.limit: must be an integer >= 0, got -1');
    expect(error).to.be.instanceOf(KubeError);
  });

  it('should be what validation throws', () => {
    try {
      validatePatchParams({}, 'apply');
      expect.fail('validatePatchParams should throw');
    } catch (error) {
      expect(isRequestBuildError(error)).to.equal(true);
      expect((error as RequestBuildError).field).to.equal('PatchParams.fieldManager');
    }
  });

  it('should redact a credential in the message', () => {
    expect(new RequestBuildError('InvalidBody', 'body', 'bad body {"password":"x1y2"}').message).to.not.include('x1y2');
  });
});

describe('isRequestBuildError', () => {
  it('should recognise it, also from another copy (brand and name)', () => {
    expect(isRequestBuildError(new RequestBuildError('InvalidName', 'name', 'x'))).to.equal(true);
    expect(isRequestBuildError(foreignKubeError('RequestBuildError', 'InvalidName'))).to.equal(true);
    expect(isRequestBuildError(Object.assign(new Error('x'), { name: 'RequestBuildError' })), 'no brand').to.equal(false);
  });

  it('should refuse other errors', () => {
    for (const value of [new KubeError('X', 'x'), new Error('x'), null, undefined, { name: 'SelectorError' }]) expect(isRequestBuildError(value)).to.equal(false);
  });
});
