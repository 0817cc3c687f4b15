// Checks that credentials are removed from any text before it reaches a message or a log.
import { expect } from 'chai';
import { redact } from '../../../lib/core/errors/redact.js';

const KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';

describe('redact', () => {
  const cases: [string, string, string][] = [
    ['a bearer token in a header', 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl', 'eyJ'],
    ['a lowercase bearer token', 'authorization: bearer abc.def-ghi_jkl~', 'abc.def'],
    ['basic credentials', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpw'],
    ['a YAML token', 'token: abc123', 'abc123'],
    ['a JSON password', '{"username":"admin","password":"x"}', '"x"'],
    ['a JSON token with spaces', '{ "token" : "s3cr3t value" }', 's3cr3t'],
    ['a JSON password holding an escaped quote', '{"password":"a\\"b-c","user":"x"}', 'b-c'],
    ['a query-string access token', '/callback?access_token=zz9&state=1', 'zz9'],
    ['an id-token', 'id-token: eyJraWQ', 'eyJraWQ'],
    ['a refresh_token', 'refresh_token=rrr', 'rrr'],
    ['client-key-data', 'client-key-data: LS0tLS1CRUdJTiBSU0E=', 'LS0tLS1CRUdJTiBSU0E='],
    ['client-certificate-data', 'client-certificate-data: Q0VSVA==', 'Q0VSVA=='],
    ['a secret', 'secret=hunter2', 'hunter2'],
    ['a URL password', 'dial https://user:pass@host.example:6443/api failed', 'pass@'],
    ['a PEM private key', `key:\n-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\nrest`, KEY_BODY],
    ['an RSA private key', `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----`, KEY_BODY],
    ['an EC private key', `-----BEGIN EC PRIVATE KEY-----\n${KEY_BODY}\n-----END EC PRIVATE KEY-----`, KEY_BODY],
    ['a private key cut off before its end line', `body: -----BEGIN PRIVATE KEY-----\n${KEY_BODY}`, KEY_BODY],
    ['a JSON token inside quoted JSON', `line ${JSON.stringify('{"kind":"Secret","stringData":{"token":"tok-123"}}')}`, 'tok-123'],
    ['a JSON password with escapes inside quoted JSON', JSON.stringify('{"password":"a\\"b-c"}'), 'b-c'],
  ];

  for (const [name, text, secret] of cases) {
    it(`should remove ${name}`, () => {
      const out = redact(text);
      expect(out).to.not.include(secret);
      expect(out).to.include('[redacted');
    });
  }

  it('should keep the structure around what it removes', () => {
    expect(redact('Authorization: Bearer abc.def')).to.equal('Authorization: Bearer [redacted]');
    expect(redact('token: abc, user: bob')).to.equal('token: [redacted], user: bob');
    expect(redact('https://user:pass@host/x')).to.equal('https://[redacted]@host/x');
    expect(redact('a\n-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----\nb')).to.equal('a\n[redacted private key]\nb');
  });

  it('should not eat the word after a field path that ends in a secret-named key', () => {
    expect(redact('/home/me/.kube/config: users[name=me].user.token: must be a string, got a list')).to.equal(
      '/home/me/.kube/config: users[name=me].user.token: must be a string, got a list',
    );
    expect(redact('users[name=me].user.password: is required with a username')).to.equal('users[name=me].user.password: is required with a username');
    expect(redact('users[name=me].user.client-key-data: is not base64')).to.equal('users[name=me].user.client-key-data: is not base64');
  });

  it('should still remove prefixed secret keys (github_token, x-auth-token)', () => {
    expect(redact('github_token: ghp_abc')).to.not.include('ghp_abc');
    expect(redact('x-auth-token: abc')).to.not.include('abc');
  });

  it('should remove every occurrence', () => {
    const out = redact('token: one\ntoken: two\nBearer three Bearer four');
    for (const secret of ['one', 'two', 'three', 'four']) expect(out).to.not.include(secret);
  });

  it('should leave ordinary API messages alone', () => {
    for (const text of [
      'pods "web" not found',
      'secrets "db-password" is forbidden: User "bob" cannot get resource "secrets" in API group "" in the namespace "default"',
      'Operation cannot be fulfilled on configmaps "foo": the object has been modified; please apply your changes to the latest version and try again',
      '404 page not found',
      'https://127.0.0.1:6443/api/v1/pods',
      'tokens=5 remaining',
    ]) {
      expect(redact(text)).to.equal(text);
    }
  });
});
