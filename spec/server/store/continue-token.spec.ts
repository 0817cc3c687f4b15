import { expect } from 'chai';
import { decodeContinueToken, encodeContinueToken } from '../../../lib/server/store/continue-token.js';

describe('encodeContinueToken', () => {
  it('should encode as kube-apiserver does: base64url JSON with the start key and a NUL', () => {
    const token = encodeContinueToken(12, 'default/foo');
    expect(JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))).to.deep.equal({ v: 'meta.k8s.io/v1', rv: 12, start: 'default/foo\u0000' });
    expect(token).to.not.match(/[=+/]/);
  });
});

describe('decodeContinueToken', () => {
  it('should round-trip a token', () => {
    expect(decodeContinueToken(encodeContinueToken(7, 'a/b'))).to.deep.equal({ ok: true, token: { rv: 7, start: 'a/b\u0000' } });
  });

  it('should refuse garbage with kube-apiserver\'s wording', () => {
    const result = decodeContinueToken('not*base64');
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.message).to.match(/^continue key is not valid/);
  });

  it('should refuse an unknown encoding version', () => {
    const token = Buffer.from(JSON.stringify({ v: 'x/v9', rv: 1, start: 'a' })).toString('base64url');
    const result = decodeContinueToken(token);
    expect(!result.ok && result.message).to.equal('continue key is not valid: server does not recognize this encoded version x/v9');
  });

  it('should refuse a zero resourceVersion and path traversal', () => {
    const zero = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 0, start: 'a' })).toString('base64url');
    expect(decodeContinueToken(zero).ok).to.equal(false);
    const traversal = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 3, start: '../x' })).toString('base64url');
    expect(decodeContinueToken(traversal)).to.deep.equal({ ok: false, message: 'continue key is not valid: ../x' });
    for (const start of ['a//b', '/a/./b', 'a/', '/a/../b']) {
      const token = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 3, start })).toString('base64url');
      expect(decodeContinueToken(token).ok, start).to.equal(false);
    }
  });

  it('should read a start key with or without its leading slash, as kube-apiserver roots it', () => {
    for (const start of ['default\u0000', '/default\u0000']) {
      const token = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 3, start })).toString('base64url');
      expect(decodeContinueToken(token)).to.deep.equal({ ok: true, token: { rv: 3, start: 'default\u0000' } });
    }
  });
});
