// Checks the four patch kinds: exact content types, bodies, and refusal of malformed patches.
import { expect } from 'chai';
import { Patch, patchContentType, serializePatch, type JsonPatchOperation } from '../../lib/core/patch.js';
import { requestBuildError } from '../helpers/errors.js';

describe('Patch', () => {
  it('should build each kind', () => {
    expect(Patch.apply({ a: 1 })).to.deep.equal({ type: 'apply', body: { a: 1 } });
    expect(Patch.merge({ a: 1 })).to.deep.equal({ type: 'merge', body: { a: 1 } });
    expect(Patch.strategic({ a: 1 })).to.deep.equal({ type: 'strategic', body: { a: 1 } });
    expect(Patch.json([{ op: 'remove', path: '/a' }])).to.deep.equal({ type: 'json', operations: [{ op: 'remove', path: '/a' }] });
  });
});

describe('patchContentType', () => {
  it('should give the exact media type the API server accepts for each kind', () => {
    expect(patchContentType('apply')).to.equal('application/apply-patch+yaml');
    expect(patchContentType('merge')).to.equal('application/merge-patch+json');
    expect(patchContentType('strategic')).to.equal('application/strategic-merge-patch+json');
    expect(patchContentType('json')).to.equal('application/json-patch+json');
  });

  it('should accept a patch as well as its type', () => {
    expect(patchContentType(Patch.merge({}))).to.equal('application/merge-patch+json');
    expect(patchContentType(Patch.json([]))).to.equal('application/json-patch+json');
  });
});

describe('serializePatch', () => {
  it('should send apply, merge and strategic bodies as JSON objects', () => {
    const body = { metadata: { labels: { app: 'web', gone: null } }, spec: { replicas: 3 } };
    for (const patch of [Patch.apply(body), Patch.merge(body), Patch.strategic(body)]) {
      expect(JSON.parse(serializePatch(patch)), patch.type).to.deep.equal(body);
    }
  });

  it('should send a JSON patch as the array of operations', () => {
    const operations: JsonPatchOperation[] = [
      { op: 'test', path: '/metadata/resourceVersion', value: '7' },
      { op: 'add', path: '/metadata/labels/a~1b', value: 'x' },
      { op: 'replace', path: '/spec/replicas', value: 0 },
      { op: 'remove', path: '/metadata/annotations/old' },
      { op: 'move', from: '/spec/a', path: '/spec/b' },
      { op: 'copy', from: '/spec/b', path: '/spec/c' },
    ];
    expect(JSON.parse(serializePatch(Patch.json(operations)))).to.deep.equal(operations);
    expect(serializePatch(Patch.json([]))).to.equal('[]');
  });

  it('should accept a null value in add/replace/test', () => {
    expect(() => serializePatch(Patch.json([{ op: 'add', path: '/a', value: null }]))).to.not.throw();
  });

  for (const [name, body] of [
    ['an array', [1]],
    ['null', null],
    ['a string', 'x'],
    ['a number', 3],
  ] as const) {
    it(`should refuse ${name} as a merge body`, () => {
      const error = requestBuildError(() => serializePatch(Patch.merge(body)));
      expect([error.reason, error.field]).to.deep.equal(['InvalidPatch', 'Patch.merge']);
    });
  }

  it('should refuse an apply body carrying managedFields', () => {
    const error = requestBuildError(() => serializePatch(Patch.apply({ metadata: { managedFields: [{ manager: 'x' }] } })));
    expect([error.reason, error.field]).to.deep.equal(['InvalidPatch', 'Patch.apply']);
  });

  it('should accept an apply body with managedFields null or absent', () => {
    expect(() => serializePatch(Patch.apply({ metadata: { managedFields: null } }))).to.not.throw();
    expect(() => serializePatch(Patch.apply({ metadata: { name: 'x' } }))).to.not.throw();
  });

  it('should name the bad operation of a JSON patch', () => {
    const bad = [{ op: 'add', path: '/a', value: 1 }, { op: 'upsert', path: '/b' }] as unknown as JsonPatchOperation[];
    const error = requestBuildError(() => serializePatch(Patch.json(bad)));
    expect([error.reason, error.field]).to.deep.equal(['InvalidPatch', 'Patch.json[1].op']);
  });

  for (const path of ['a', '/a~2', '/a~', 'spec/x']) {
    it(`should refuse the pointer ${JSON.stringify(path)}`, () => {
      expect(requestBuildError(() => serializePatch(Patch.json([{ op: 'remove', path }]))).field).to.equal('Patch.json[0].path');
    });
  }

  it('should accept the root pointer and escaped segments', () => {
    expect(() => serializePatch(Patch.json([{ op: 'replace', path: '', value: {} }]))).to.not.throw();
    expect(() => serializePatch(Patch.json([{ op: 'remove', path: '/metadata/labels/app.kubernetes.io~1name' }]))).to.not.throw();
    expect(() => serializePatch(Patch.json([{ op: 'remove', path: '/a~0b' }]))).to.not.throw();
  });

  it('should require from on move and copy', () => {
    const bad = [{ op: 'move', path: '/b' }] as unknown as JsonPatchOperation[];
    expect(requestBuildError(() => serializePatch(Patch.json(bad))).field).to.equal('Patch.json[0].from');
  });

  it('should require value on add, replace and test', () => {
    for (const op of ['add', 'replace', 'test']) {
      const bad = [{ op, path: '/a' }] as unknown as JsonPatchOperation[];
      expect(requestBuildError(() => serializePatch(Patch.json(bad))).field, op).to.equal('Patch.json[0].value');
    }
  });
});
