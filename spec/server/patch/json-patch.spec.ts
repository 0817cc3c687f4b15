// Specs for applyJsonPatch: RFC 6902 operations and kube-apiserver's error mapping.
import { expect } from 'chai';
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from '../../../lib/server/patch/json-patch.js';
import { isPatchError, PatchError } from '../../../lib/server/patch/patch-error.js';

function failure(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (error) {
    if (isPatchError(error)) return error;
    throw error;
  }
  throw new Error('expected a PatchError');
}

describe('applyJsonPatch', () => {
  describe('operations', () => {
    it('should add a member to an object (RFC 6902 A.1)', () => {
      expect(applyJsonPatch({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }])).to.deep.equal({ baz: 'qux', foo: 'bar' });
    });

    it('should insert into an array at an index (RFC 6902 A.2)', () => {
      expect(applyJsonPatch({ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }])).to.deep.equal({ foo: ['bar', 'qux', 'baz'] });
    });

    it('should append with "-"', () => {
      expect(applyJsonPatch({ metadata: { finalizers: ['a'] } }, [{ op: 'add', path: '/metadata/finalizers/-', value: 'b' }])).to.deep.equal({
        metadata: { finalizers: ['a', 'b'] },
      });
    });

    it('should remove an object member and an array element (RFC 6902 A.3, A.4)', () => {
      expect(applyJsonPatch({ baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }])).to.deep.equal({ foo: 'bar' });
      expect(applyJsonPatch({ foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }])).to.deep.equal({ foo: ['bar', 'baz'] });
    });

    it('should replace a value (RFC 6902 A.5)', () => {
      expect(applyJsonPatch({ baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }])).to.deep.equal({ baz: 'boo', foo: 'bar' });
    });

    it('should move and copy values (RFC 6902 A.6, A.7)', () => {
      const moved = applyJsonPatch({ foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }]);
      expect(moved).to.deep.equal({ foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } });
      const copied = applyJsonPatch({ a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }]);
      expect(copied).to.deep.equal({ a: { b: 1 }, c: { b: 1 } });
    });

    it('should pass a test that matches and then apply the rest (kube-rs finalizer removal)', () => {
      const object = { metadata: { finalizers: ['keep', 'mine'] } };
      const result = applyJsonPatch(object, [
        { op: 'test', path: '/metadata/finalizers/1', value: 'mine' },
        { op: 'remove', path: '/metadata/finalizers/1' },
      ]);
      expect(result).to.deep.equal({ metadata: { finalizers: ['keep'] } });
    });

    it('should pass a null test of a missing member, as Go json-patch does (kube-rs finalizer addition)', () => {
      const result = applyJsonPatch({ metadata: { name: 'x' } }, [
        { op: 'test', path: '/metadata/finalizers', value: null },
        { op: 'add', path: '/metadata/finalizers', value: ['mine'] },
      ]);
      expect(result).to.deep.equal({ metadata: { name: 'x', finalizers: ['mine'] } });
    });

    it('should decode escaped pointer segments (~1 for / and ~0 for ~)', () => {
      const result = applyJsonPatch({ metadata: { annotations: {} } }, [{ op: 'add', path: '/metadata/annotations/example.com~1a~0b', value: 'v' }]);
      expect(result).to.deep.equal({ metadata: { annotations: { 'example.com/a~b': 'v' } } });
    });

    it('should replace the whole document at the root path', () => {
      expect(applyJsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }])).to.deep.equal({ b: 2 });
    });

    it('should apply an empty patch as a no-op copy', () => {
      const object = { a: [1] };
      const result = applyJsonPatch(object, []);
      expect(result).to.deep.equal(object);
      expect(result).to.not.equal(object);
    });

    it('should not mutate the target', () => {
      const object = { spec: { replicas: 1 } };
      applyJsonPatch(object, [{ op: 'replace', path: '/spec/replicas', value: 3 }]);
      expect(object).to.deep.equal({ spec: { replicas: 1 } });
    });
  });

  describe('failures', () => {
    it('should fail a test whose value differs with PatchFailed (422 generic body)', () => {
      const error = failure(() => applyJsonPatch({ spec: { replicas: 2 } }, [{ op: 'test', path: '/spec/replicas', value: 3 }]));
      expect(error.reason).to.equal('PatchFailed');
    });

    it('should fail a null test when the member exists, or when its parent is missing', () => {
      expect(failure(() => applyJsonPatch({ metadata: { finalizers: [] } }, [{ op: 'test', path: '/metadata/finalizers', value: null }])).reason).to.equal('PatchFailed');
      expect(failure(() => applyJsonPatch({}, [{ op: 'test', path: '/metadata/finalizers', value: null }])).reason).to.equal('PatchFailed');
    });

    it('should fail remove of a missing path, and replace under a missing parent or of a missing item, with PatchFailed', () => {
      expect(failure(() => applyJsonPatch({}, [{ op: 'remove', path: '/metadata/labels' }])).reason).to.equal('PatchFailed');
      expect(failure(() => applyJsonPatch({}, [{ op: 'replace', path: '/a/b', value: 1 }])).reason).to.equal('PatchFailed');
      expect(failure(() => applyJsonPatch({ a: [1] }, [{ op: 'replace', path: '/a/1', value: 2 }])).reason).to.equal('PatchFailed');
    });

    it('should replace a missing member of an object as an add, as Go json-patch v4 (kube-apiserver) does', () => {
      expect(applyJsonPatch({ spec: { containers: [] } }, [{ op: 'replace', path: '/spec/activeDeadlineSeconds', value: 600 }])).to.deep.equal({ spec: { containers: [], activeDeadlineSeconds: 600 } });
    });

    it('should fail an out-of-range array index with PatchFailed', () => {
      expect(failure(() => applyJsonPatch({ a: [1] }, [{ op: 'add', path: '/a/5', value: 2 }])).reason).to.equal('PatchFailed');
      expect(failure(() => applyJsonPatch({ a: [1] }, [{ op: 'remove', path: '/a/3' }])).reason).to.equal('PatchFailed');
    });

    it('should fail an unknown op and a missing path with PatchFailed, as Go finds them when applying', () => {
      expect(failure(() => applyJsonPatch({}, [{ op: 'frobnicate', path: '/a' }])).reason).to.equal('PatchFailed');
      expect(failure(() => applyJsonPatch({}, [{ op: 'add', value: 1 }])).reason).to.equal('PatchFailed');
    });

    it('should apply nothing when a later operation fails', () => {
      const object = { a: 1 };
      failure(() => applyJsonPatch(object, [{ op: 'replace', path: '/a', value: 2 }, { op: 'test', path: '/a', value: 1 }]));
      expect(object).to.deep.equal({ a: 1 });
    });

    it('should refuse a patch that is not an array of objects with MalformedPatch (400)', () => {
      expect(failure(() => applyJsonPatch({}, { op: 'add' })).reason).to.equal('MalformedPatch');
      expect(failure(() => applyJsonPatch({}, ['add'])).reason).to.equal('MalformedPatch');
      expect(failure(() => applyJsonPatch({}, null)).reason).to.equal('MalformedPatch');
    });

    it('should refuse more than 10000 operations with TooManyOperations and the server message', () => {
      const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '', value: {} }));
      const error = failure(() => applyJsonPatch({}, ops));
      expect(error.reason).to.equal('TooManyOperations');
      expect(error.message).to.equal('Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
    });

    it('should accept exactly 10000 operations', () => {
      const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS }, () => ({ op: 'test', path: '/a', value: 1 }));
      expect(applyJsonPatch({ a: 1 }, ops)).to.deep.equal({ a: 1 });
    });

    it('should refuse to modify Object.prototype', () => {
      expect(failure(() => applyJsonPatch({}, [{ op: 'add', path: '/__proto__/polluted', value: 1 }])).reason).to.equal('PatchFailed');
      expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    });
  });
});
