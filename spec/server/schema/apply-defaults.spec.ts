// Specs for applyDefaultsInPlace against apiextensions-apiserver defaulting.
import { expect } from 'chai';
import { applyDefaultsInPlace } from '../../../lib/server/schema/apply-defaults.js';
import type { StructuralSchema } from '../../../lib/server/schema/structural-schema.js';

const schema: StructuralSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      default: {},
      properties: {
        cronSpec: { type: 'string', default: '5 0 * * *' },
        image: { type: 'string' },
        replicas: { type: 'integer', default: 1 },
        note: { type: 'string', nullable: true, default: 'n' },
        policy: { type: 'object', default: { kind: 'Always' }, properties: { kind: { type: 'string' }, limit: { type: 'integer', default: 3 } } },
        items: { type: 'array', items: { type: 'object', properties: { weight: { type: 'integer', default: 10 } } } },
      },
    },
  },
};

describe('applyDefaultsInPlace', () => {
  it('should fill absent fields with their defaults (the CronTab defaulting example)', () => {
    const object: Record<string, unknown> = { spec: { image: 'my-awesome-cron-image' } };
    applyDefaultsInPlace(object, schema);
    expect(object['spec']).to.deep.equal({ cronSpec: '5 0 * * *', image: 'my-awesome-cron-image', replicas: 1, note: 'n', policy: { kind: 'Always', limit: 3 } });
  });

  it('should default nested defaults of a defaulted parent', () => {
    const object: Record<string, unknown> = {};
    applyDefaultsInPlace(object, schema);
    expect(object['spec']).to.deep.include({ replicas: 1, policy: { kind: 'Always', limit: 3 } });
  });

  it('should replace a null non-nullable field by its default and keep a null nullable one', () => {
    const object = { spec: { replicas: null, note: null } };
    applyDefaultsInPlace(object, schema);
    expect(object.spec.replicas).to.equal(1);
    expect(object.spec.note).to.equal(null);
  });

  it('should drop a null non-nullable field without a default', () => {
    const object = { spec: { image: null } };
    applyDefaultsInPlace(object, schema);
    expect(object.spec).to.not.have.property('image');
  });

  it('should default list items and never overwrite given values', () => {
    const object = { spec: { replicas: 5, items: [{}, { weight: 2 }] } };
    applyDefaultsInPlace(object, schema);
    expect(object.spec.replicas).to.equal(5);
    expect(object.spec.items).to.deep.equal([{ weight: 10 }, { weight: 2 }]);
  });

  it('should not share default values between objects', () => {
    const a: Record<string, unknown> = { spec: {} };
    const b: Record<string, unknown> = { spec: {} };
    applyDefaultsInPlace(a, schema);
    applyDefaultsInPlace(b, schema);
    (a['spec'] as { policy: { kind: string } }).policy.kind = 'changed';
    expect((b['spec'] as { policy: { kind: string } }).policy.kind).to.equal('Always');
  });
});
