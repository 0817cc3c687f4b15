// Specs for withValidations: CEL rules attached to any node, carried into the CRD.
import { expect } from 'chai';
import { rule, toStructural, withValidations } from '../../lib/crd/index.js';

describe('withValidations', () => {
  const range = { type: 'object', properties: { min: { type: 'integer' }, max: { type: 'integer' } }, required: ['min', 'max'] } as const;

  it('should append rules without touching the original schema', () => {
    const once = withValidations(range, rule('self.min <= self.max'));
    const twice = withValidations(once, { rule: 'self.max < 100' });
    expect(range).to.not.have.property('x-kubernetes-validations');
    expect(toStructural(twice)['x-kubernetes-validations']).to.deep.equal([{ rule: 'self.min <= self.max' }, { rule: 'self.max < 100' }]);
  });
});
