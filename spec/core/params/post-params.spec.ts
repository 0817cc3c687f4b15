// Checks create/replace params against the API server's CreateOptions/UpdateOptions validation.
import { expect } from 'chai';
import { validatePostParams, type PostParams } from '../../../lib/core/params/post-params.js';
import { requestBuildError } from '../../helpers/errors.js';

describe('validatePostParams', () => {
  it('should accept empty params and every documented option', () => {
    expect(() => validatePostParams({})).to.not.throw();
    expect(() => validatePostParams({ dryRun: true, fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' })).to.not.throw();
    for (const fieldValidation of ['Strict', 'Warn', 'Ignore'] as const) expect(() => validatePostParams({ fieldValidation })).to.not.throw();
  });

  describe('fieldManager', () => {
    it('should accept exactly 128 bytes', () => {
      expect(() => validatePostParams({ fieldManager: 'm'.repeat(128) })).to.not.throw();
    });

    it('should refuse 129 bytes, naming the field', () => {
      const error = requestBuildError(() => validatePostParams({ fieldManager: 'm'.repeat(129) }));
      expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'PostParams.fieldManager']);
      expect(error.message).to.include('128');
    });

    it("should count bytes of UTF-8 as the server's len() does", () => {
      expect(() => validatePostParams({ fieldManager: 'é'.repeat(64) })).to.not.throw(); // 128 bytes
      expect(requestBuildError(() => validatePostParams({ fieldManager: 'é'.repeat(65) })).field).to.equal('PostParams.fieldManager');
    });

    it('should accept printable characters beyond ASCII, and spaces', () => {
      for (const fieldManager of ['my controller (v2)', 'contrôleur', '控制器', 'k8s.io/ctl@1+x']) {
        expect(() => validatePostParams({ fieldManager }), fieldManager).to.not.throw();
      }
    });

    for (const [name, fieldManager] of [
      ['a newline', 'a\nb'],
      ['a tab', 'a\tb'],
      ['a NUL', 'a\u0000b'],
      ['DEL', 'a\u007fb'],
      ['a no-break space', 'a\u00a0b'],
      ['a zero-width space', 'a\u200bb'],
    ]) {
      it(`should refuse ${name}`, () => {
        const error = requestBuildError(() => validatePostParams({ fieldManager: fieldManager ?? '' }));
        expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'PostParams.fieldManager']);
        expect(error.message).to.include('non-printable');
      });
    }

    it('should treat an empty field manager as unset, as the server does', () => {
      expect(() => validatePostParams({ fieldManager: '' })).to.not.throw();
    });
  });

  it('should refuse an unknown fieldValidation', () => {
    const params = { fieldValidation: 'strict' } as unknown as PostParams;
    const error = requestBuildError(() => validatePostParams(params));
    expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'PostParams.fieldValidation']);
  });

  it('should prefix fields with the given type name', () => {
    expect(requestBuildError(() => validatePostParams({ fieldManager: 'x'.repeat(200) }, 'EvictParams.postParams')).field).to.equal(
      'EvictParams.postParams.fieldManager',
    );
  });
});
