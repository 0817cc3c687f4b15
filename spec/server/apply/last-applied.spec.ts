// Specs for the client-side-apply annotation interplay.
import { expect } from 'chai';
import { allowedConflictsFromLastApplied, LAST_APPLIED_ANNOTATION, syncLastApplied } from '../../../lib/server/apply/last-applied.js';
import { builtinMergeSchema } from '../../../lib/server/apply/merge-schema.js';

const schema = builtinMergeSchema({ group: '', version: 'v1', kind: 'ConfigMap' });

describe('allowedConflictsFromLastApplied', () => {
  it('should allow the last-applied fields whose live value did not change', () => {
    const lastApplied = { data: { a: '1', b: '1' } };
    const live = { metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: JSON.stringify(lastApplied) } }, data: { a: '1', b: '2' } };
    const allowed = allowedConflictsFromLastApplied(live, schema);
    expect(allowed?.paths()).to.deep.equal([['f:data', 'f:a']]);
  });

  it('should allow nothing without a readable annotation', () => {
    expect(allowedConflictsFromLastApplied({ data: {} }, schema)).to.equal(undefined);
    expect(allowedConflictsFromLastApplied({ metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: '{bad' } } }, schema)).to.equal(undefined);
  });
});

describe('syncLastApplied', () => {
  it('should rewrite an existing annotation to the applied configuration with sorted keys and a newline', () => {
    const result = { metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: 'old', other: 'x' } } };
    syncLastApplied(result, { kind: 'ConfigMap', apiVersion: 'v1', data: { b: '2', a: '1' }, metadata: { name: 'c', annotations: { [LAST_APPLIED_ANNOTATION]: 'ignored', z: 'y' } } });
    expect(result.metadata.annotations[LAST_APPLIED_ANNOTATION]).to.equal('{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{"z":"y"},"name":"c"}}\n');
  });

  it('should not add the annotation when the result has none', () => {
    const result: { metadata: { annotations?: Record<string, string> } } = { metadata: {} };
    syncLastApplied(result, { data: {} });
    expect(result.metadata.annotations).to.equal(undefined);
  });
});
