// Specs of impersonationHeaders: every field sent, groups and extras as separate header lines.
import { expect } from 'chai';
import { impersonationHeaders } from '../../../lib/client/auth/impersonation.js';

describe('impersonationHeaders', () => {
  it('should send nothing without an impersonation', () => {
    expect(impersonationHeaders(undefined)).to.deep.equal([]);
  });

  it('should send user, one line per group, uid, and one line per extra value', () => {
    expect(impersonationHeaders({ user: 'system:serviceaccount:ns:sa', groups: ['a', 'b'], uid: 'u-1', extra: { scopes: ['x', 'y'] } })).to.deep.equal([
      ['Impersonate-User', 'system:serviceaccount:ns:sa'],
      ['Impersonate-Group', 'a'],
      ['Impersonate-Group', 'b'],
      ['Impersonate-Uid', 'u-1'],
      ['Impersonate-Extra-scopes', 'x'],
      ['Impersonate-Extra-scopes', 'y'],
    ]);
  });

  it('should percent-escape extra keys that are not header-name characters (as client-go does)', () => {
    expect(impersonationHeaders({ user: 'u', extra: { 'example.org/foo bar': ['v'], 'a%b': ['w'] } })).to.deep.equal([
      ['Impersonate-User', 'u'],
      ['Impersonate-Extra-example.org%2Ffoo%20bar', 'v'],
      ['Impersonate-Extra-a%25b', 'w'],
    ]);
  });
});
