// Specs for walking built-in type definitions field by field.
import { expect } from 'chai';
import { fieldCursor, itemCursor, rootCursor, structName } from '../../../lib/server/patch/builtin-type-cursor.js';

describe('fieldCursor', () => {
  it('should walk from a Deployment to its containers with their merge metadata', () => {
    let cursor = rootCursor({ group: 'apps', version: 'v1', kind: 'Deployment' });
    for (const field of ['spec', 'template', 'spec']) cursor = fieldCursor(cursor, field).type;
    const containers = fieldCursor(cursor, 'containers');
    expect(containers.meta?.patchMergeKey).to.equal('name');
    expect(structName(itemCursor(containers.type))).to.equal('io.k8s.api.core.v1.Container');
  });

  it('should give map values their declared type and no metadata', () => {
    const labels = fieldCursor(fieldCursor(rootCursor({ group: '', version: 'v1', kind: 'Pod' }), 'metadata').type, 'labels');
    expect(fieldCursor(labels.type, 'app')).to.deep.equal({ type: { kind: 'string' }, meta: undefined });
  });

  it('should know nothing about unknown kinds and fields', () => {
    expect(rootCursor({ group: 'example.com', version: 'v1', kind: 'Widget' })).to.equal(undefined);
    expect(fieldCursor(rootCursor({ group: '', version: 'v1', kind: 'Pod' }), 'nope')).to.deep.equal({ type: undefined, meta: undefined });
    expect(itemCursor(undefined)).to.equal(undefined);
  });
});
