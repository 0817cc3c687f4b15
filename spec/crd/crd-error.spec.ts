// Specs for CrdError: a KubeError with a path, issues and a guard.
import { expect } from 'chai';
import { KubeError } from '../../lib/core/errors/kube-error.js';
import { CrdError, formatIssue, isCrdError } from '../../lib/crd/crd-error.js';
import { foreignKubeError } from '../helpers/errors.js';

describe('CrdError', () => {
  it('should be a KubeError whose message starts with the path', () => {
    const error = new CrdError('InvalidDefinition', 'printColumns[0].jsonPath', 'must not be empty');
    expect(error).to.be.instanceOf(KubeError);
    expect(error).to.include({ name: 'CrdError', reason: 'InvalidDefinition', path: 'printColumns[0].jsonPath', message: 'printColumns[0].jsonPath: must not be empty' });
    expect(error.issues).to.deep.equal([]);
  });

  it('should carry issues', () => {
    const issues = [{ path: 'spec.a', message: 'is required', keyword: 'required' }];
    expect(new CrdError('InvalidObject', '', 'x is invalid', { issues }).issues).to.deep.equal(issues);
    expect(issues.map(formatIssue)).to.deep.equal(['spec.a: is required']);
  });

  it('should be recognised by isCrdError across copies', () => {
    expect(isCrdError(new CrdError('MissingCrds', '', 'none'))).to.equal(true);
    expect(isCrdError(foreignKubeError('CrdError', 'MissingCrds'))).to.equal(true);
    expect(isCrdError(Object.assign(new Error('x'), { name: 'CrdError' })), 'no brand').to.equal(false);
    expect(isCrdError(new Error('x'))).to.equal(false);
  });
});
