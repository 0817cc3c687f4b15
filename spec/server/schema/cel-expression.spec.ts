// Specs for the CEL subset used by x-kubernetes-validations.
import { expect } from 'chai';
import { CelError, parseCel } from '../../../lib/server/schema/cel-expression.js';

const run = (rule: string, self: unknown, oldSelf?: unknown) => parseCel(rule).evaluate({ self, oldSelf });
const refusal = (rule: string): string => {
  try {
    parseCel(rule);
  } catch (error) {
    if (error instanceof CelError) return error.reason;
    throw error;
  }
  return 'accepted';
};
const failure = (rule: string, self: unknown): string => {
  try {
    run(rule, self);
  } catch (error) {
    if (error instanceof CelError && error.reason === 'EvaluationFailed') return error.message;
    throw error;
  }
  return 'no error';
};

describe('parseCel', () => {
  const spec = { minReplicas: 1, replicas: 3, maxReplicas: 5, image: 'registry.example.com/app:1', tags: ['a', 'b'], labels: { env: 'prod' } };

  it('should evaluate comparisons joined by && (the Kubernetes docs\' replicas rule)', () => {
    expect(run('self.minReplicas <= self.replicas && self.replicas <= self.maxReplicas', spec)).to.equal(true);
    expect(run('self.minReplicas <= self.replicas && self.replicas <= self.maxReplicas', { ...spec, replicas: 9 })).to.equal(false);
  });

  it('should evaluate has(), size() and string functions', () => {
    expect(run('has(self.image)', spec)).to.equal(true);
    expect(run('has(self.missing)', spec)).to.equal(false);
    expect(run('self.tags.size() <= 2 && size(self.image) > 3', spec)).to.equal(true);
    expect(run("self.image.startsWith('registry.example.com/')", spec)).to.equal(true);
    expect(run('self.image.endsWith(":1") && self.image.contains("app")', spec)).to.equal(true);
    expect(run("self.image.matches('^[a-z.]+/[a-z]+:[0-9]+$')", spec)).to.equal(true);
  });

  it('should evaluate in, ternaries, arithmetic and negation', () => {
    expect(run("'a' in self.tags && 'env' in self.labels && !('x' in self.tags)", spec)).to.equal(true);
    expect(run('self.replicas > 2 ? self.replicas * 2 - 1 : 0', spec)).to.equal(5);
    expect(run('self.replicas / 2 == 1 && self.replicas % 2 == 1', spec)).to.equal(true);
    expect(run("self.labels['env'] == 'prod'", spec)).to.equal(true);
  });

  it('should evaluate the all/exists/filter/map macros', () => {
    expect(run("self.tags.all(t, t.size() == 1)", spec)).to.equal(true);
    expect(run("self.tags.exists(t, t == 'b')", spec)).to.equal(true);
    expect(run("self.tags.exists_one(t, t == 'z')", spec)).to.equal(false);
    expect(run("self.tags.map(t, t + '!')", spec)).to.deep.equal(['a!', 'b!']);
    expect(run("self.labels.all(k, k.startsWith('e'))", spec)).to.equal(true);
  });

  it('should evaluate transition rules with oldSelf', () => {
    const program = parseCel('self == oldSelf');
    expect(program.usesOldSelf).to.equal(true);
    expect(program.evaluate({ self: 'a', oldSelf: 'a' })).to.equal(true);
    expect(program.evaluate({ self: 'b', oldSelf: 'a' })).to.equal(false);
    expect(parseCel('self.a > 1').usesOldSelf).to.equal(false);
  });

  it('should report a missing field as "no such key"', () => {
    expect(failure('self.nope == 1', spec)).to.equal('no such key: nope');
  });

  it('should absorb an error on one side of || or && when the other side decides', () => {
    expect(run('self.nope == 1 || self.replicas == 3', spec)).to.equal(true);
    expect(run('self.nope == 1 && self.replicas == 4', spec)).to.equal(false);
  });

  it('should refuse expressions outside the subset', () => {
    expect(refusal('self.a?.b')).to.equal('UnsupportedExpression');
    expect(refusal('self.a == 1u')).to.equal('UnsupportedExpression');
    expect(refusal('self.a ==')).to.equal('UnsupportedExpression');
    expect(refusal('self.a # b')).to.equal('UnsupportedExpression');
  });
});
