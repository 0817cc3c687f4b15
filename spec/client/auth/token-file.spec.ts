// Specs of TokenFile: reading, re-reading when the file changes (rotation), and keeping the last good token.
import { expect } from 'chai';
import { mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAuthError } from '../../../lib/client/auth/auth-error.js';
import { TokenFile } from '../../../lib/client/auth/token-file.js';

describe('TokenFile', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-rx-token-'));
    path = join(dir, 'token');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should send the trimmed file content as a bearer token', async () => {
    writeFileSync(path, 'eyJhbGciOi.one\n');
    expect((await new TokenFile(path).credentials()).headers).to.deep.equal([['Authorization', 'Bearer eyJhbGciOi.one']]);
  });

  it('should pick up a rotated token (kubelet swaps a symlink)', async () => {
    writeFileSync(join(dir, 'v1'), 'first');
    writeFileSync(join(dir, 'v2'), 'second-token');
    symlinkSync(join(dir, 'v1'), path);
    const auth = new TokenFile(path);
    expect((await auth.credentials()).headers[0]?.[1]).to.equal('Bearer first');
    symlinkSync(join(dir, 'v2'), join(dir, 'next'));
    renameSync(join(dir, 'next'), path);
    expect((await auth.credentials()).headers[0]?.[1]).to.equal('Bearer second-token');
  });

  it('should keep the last good token when the file vanishes', async () => {
    writeFileSync(path, 'kept');
    const auth = new TokenFile(path);
    await auth.credentials();
    unlinkSync(path);
    expect((await auth.credentials()).headers[0]?.[1]).to.equal('Bearer kept');
  });

  it('should reject TokenFileUnreadable when the first read fails or the file is empty', async () => {
    const missing = await new TokenFile(path).credentials().catch((e: unknown) => e);
    expect(isAuthError(missing) && missing.reason).to.equal('TokenFileUnreadable');
    writeFileSync(path, '  \n');
    const empty = await new TokenFile(path).credentials().catch((e: unknown) => e);
    expect(isAuthError(empty) && empty.reason).to.equal('TokenFileUnreadable');
  });

  it('should report from refresh() whether the token changed', async () => {
    writeFileSync(path, 'a');
    const auth = new TokenFile(path);
    await auth.credentials();
    expect(await auth.refresh()).to.equal(false);
    writeFileSync(path, 'bb');
    expect(await auth.refresh()).to.equal(true);
  });
});
