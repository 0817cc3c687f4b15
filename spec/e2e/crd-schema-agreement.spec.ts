// Cross-checks kube-rx/crd against the embedded server's own schema code: two independent readings of the apiextensions rules.
import { expect } from 'chai';
import { compileSchema } from '../../lib/server/schema/compile-schema.js';
import { structuralProblems } from '../../lib/server/schema/check-structural.js';
import type { StructuralSchema } from '../../lib/crd/index.js';
import { RichWidget, sampleRichSpec, type RichSpec } from '../helpers/rich-widget.js';

const spec: RichSpec = { ...sampleRichSpec, schedule: { kind: 'interval', seconds: 5 } };
const valid = RichWidget.new('w1', spec, { namespace: 'default' });

/** Objects that break the schema (not CEL rules, which only the server evaluates), one way each. */
const invalid: Record<string, unknown> = {
  'a string for an integer': { ...valid, spec: { ...spec, replicas: 'two' } },
  'a value outside the enum': { ...valid, spec: { ...spec, mode: 'slow' } },
  'a fraction for an int-or-string': { ...valid, spec: { ...spec, port: 1.5 } },
  'a missing required field': { ...valid, spec: { ...spec, window: { start: 1 } } },
  'a duplicate in a set': { ...valid, spec: { ...spec, tags: ['a', 'a'] } },
  'a duplicate key in a map list': { ...valid, spec: { ...spec, ports: [{ name: 'a', port: 1 }, { name: 'a', port: 2 }] } },
  'a value at an exclusive maximum': { ...valid, spec: { ...spec, ports: [{ name: 'a', port: 65536 }] } },
  'a wrong type in a map': { ...valid, spec: { ...spec, labels: { app: 3 } } },
  'a bad date-time': { ...valid, status: { readyReplicas: 1, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 'yesterday' }] } },
  'no branch of a oneOf': { ...valid, spec: { ...spec, schedule: { kind: 'cron', seconds: 5 } } },
  'a missing spec': { ...valid, spec: undefined },
};

/** The schema without its CEL rules: kube-rx does not evaluate them, so they are not compared. */
function withoutRules(schema: StructuralSchema): StructuralSchema {
  return JSON.parse(JSON.stringify(schema, (key, value: unknown) => (key === 'x-kubernetes-validations' ? undefined : value))) as StructuralSchema;
}

describe('kube-rx/crd and the embedded server', () => {
  const compiled = compileSchema(withoutRules(RichWidget.schema()), { group: RichWidget.group, kind: RichWidget.kind });
  const serverFields = (object: unknown): string[] => compiled.validate(compiled.applyDefaults(compiled.prune(structuredClone(object)))).map((c) => c.field ?? '');
  const clientFields = (object: unknown): string[] => {
    const result = RichWidget.validate(object);
    // Schema errors name map entries `labels.app` (kube-openapi); kube-rx writes field.Path's `labels[app]`.
    return result.valid ? [] : result.errors.map((e) => e.path.replace(/\[([^\]*0-9][^\]]*)\]/g, '.$1'));
  };

  it('should agree that the generated schema is structural', () => {
    expect(structuralProblems(RichWidget.schema())).to.deep.equal([]);
  });

  it('should agree that a valid object is valid', () => {
    expect(serverFields(valid)).to.deep.equal([]);
    expect(clientFields(valid)).to.deep.equal([]);
  });

  for (const [what, object] of Object.entries(invalid)) {
    it(`should name the same fields for ${what}`, () => {
      const fields = clientFields(object);
      expect(fields).to.not.deep.equal([]);
      expect(serverFields(object)).to.have.members(fields);
    });
  }
});
