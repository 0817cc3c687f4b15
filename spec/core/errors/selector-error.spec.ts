// Checks the selector error: the input, the position, and the cross-copy guard.
import { expect } from 'chai';
import { KubeError } from '../../../lib/core/errors/kube-error.js';
import { isSelectorError, SelectorError } from '../../../lib/core/errors/selector-error.js';
import { foreignKubeError } from '../../helpers/errors.js';

describe('SelectorError', () => {
  it('should say which selector, where and what', () => {
    const error = new SelectorError('InvalidLabelSelector', 'app in (web', 'expected "," or ")"', 11);
    expect([error.name, error.reason, error.selector, error.position]).to.deep.equal(['SelectorError', 'InvalidLabelSelector', 'app in (web', 11]);
    expect(error.message).to.equal('label selector "app in (web": expected "," or ")" at 11');
    expect(error).to.be.instanceOf(KubeError);
  });

  it('should leave the position out when there is none', () => {
    const error = new SelectorError('InvalidFieldSelector', 'a', 'bad');
    expect(error.position).to.equal(undefined);
    expect(error.message).to.equal('field selector "a": bad');
  });
});

describe('isSelectorError', () => {
  it('should recognise it, also from another copy (brand and name)', () => {
    expect(isSelectorError(new SelectorError('InvalidLabelSelector', 'x', 'y'))).to.equal(true);
    expect(isSelectorError(foreignKubeError('SelectorError', 'InvalidLabelSelector'))).to.equal(true);
    expect(isSelectorError({ name: 'SelectorError', message: 'x' }), 'no brand').to.equal(false);
  });

  it('should refuse other errors', () => {
    for (const value of [new KubeError('X', 'x'), new Error('x'), null, undefined, { name: 'ApiError' }]) expect(isSelectorError(value)).to.equal(false);
  });
});
