import { expect } from 'chai';
import { API_AUDIENCE, ServiceAccountTokens, type TokenClaims } from '../../../lib/server/auth/service-account-tokens.js';
import type { ServerContext } from '../../../lib/server/server-context.js';
import type { StoredObject } from '../../../lib/server/store/store-event.js';

const T0 = Date.parse('2030-01-01T00:00:00Z');

function object(name: string, uid: string, deletionTimestamp?: string): StoredObject {
  return { metadata: { name, uid, ...(deletionTimestamp === undefined ? {} : { deletionTimestamp }) } } as StoredObject;
}

describe('ServiceAccountTokens', () => {
  let now = T0;
  let objects: Map<string, StoredObject>;
  let tokens: ServiceAccountTokens;
  const claims = (extra: Partial<TokenClaims> = {}): TokenClaims => ({
    namespace: 'ns',
    serviceAccount: 'sa',
    serviceAccountUid: 'sa-uid',
    audiences: [API_AUDIENCE],
    issuedAt: T0,
    expiresAt: T0 + 600_000,
    ...extra,
  });

  beforeEach(() => {
    now = T0;
    objects = new Map([['/serviceaccounts|ns/sa', object('sa', 'sa-uid')]]);
    const store = { get: (bucket: string, key: string) => objects.get(`${bucket}|${key}`) };
    tokens = new ServiceAccountTokens({ now: () => new Date(now), store } as unknown as ServerContext);
  });

  it('should authenticate as the ServiceAccount with its groups, uid and a credential id', () => {
    const check = tokens.check(tokens.mint(claims()));
    expect(check.type).to.equal('user');
    if (check.type !== 'user') return;
    expect(check.user).to.deep.include({
      username: 'system:serviceaccount:ns:sa',
      uid: 'sa-uid',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'],
    });
    expect(Object.keys(check.user.extra ?? {})).to.deep.equal(['authentication.kubernetes.io/credential-id']);
    expect(check.user.extra?.['authentication.kubernetes.io/credential-id']?.[0]).to.match(/^JTI=[0-9a-f-]{36}$/);
  });

  it('should carry pod and node extras for a pod-bound token, sorted by key', () => {
    objects.set('/pods|ns/p', object('p', 'p-uid'));
    const check = tokens.check(tokens.mint(claims({ bound: { kind: 'Pod', name: 'p', uid: 'p-uid' }, node: { name: 'n', uid: 'n-uid' } })));
    if (check.type !== 'user') throw new Error(check.type);
    expect(Object.entries(check.user.extra ?? {}).filter(([k]) => !k.endsWith('credential-id'))).to.deep.equal([
      ['authentication.kubernetes.io/node-name', ['n']],
      ['authentication.kubernetes.io/node-uid', ['n-uid']],
      ['authentication.kubernetes.io/pod-name', ['p']],
      ['authentication.kubernetes.io/pod-uid', ['p-uid']],
    ]);
  });

  it('should reject expired, premature and foreign-audience tokens, and tokens it never minted', () => {
    const token = tokens.mint(claims());
    now = T0 + 660_001;
    expect(tokens.check(token)).to.deep.equal({ type: 'rejected', reason: 'expired', message: 'service account token has expired' });
    now = T0 - 60_001;
    expect(tokens.check(token)).to.deep.include({ type: 'rejected', reason: 'not valid yet' });
    now = T0;
    const vault = tokens.mint(claims({ audiences: ['vault'] }));
    expect(tokens.check(vault)).to.deep.equal({
      type: 'rejected',
      reason: 'wrong audience',
      message: 'token audiences ["vault"] is invalid for the target audiences ["https://kubernetes.default.svc.cluster.local"]',
    });
    expect(tokens.check(vault, ['vault'])).to.deep.include({ type: 'user', audiences: ['vault'] });
    expect(tokens.check('never-minted')).to.deep.equal({ type: 'unknown' });
  });

  it('should honour a deleted ServiceAccount for a minute after its deletionTimestamp, then reject', () => {
    const token = tokens.mint(claims());
    objects.set('/serviceaccounts|ns/sa', object('sa', 'sa-uid', '2030-01-01T00:00:00Z'));
    now = T0 + 60_000;
    expect(tokens.check(token).type).to.equal('user');
    now = T0 + 61_000;
    expect(tokens.check(token)).to.deep.equal({ type: 'rejected', reason: 'service account gone', message: 'service account ns/sa has been deleted' });
  });

  it('should reject a token whose ServiceAccount or bound object was recreated with another uid', () => {
    objects.set('/nodes|/n', object('n', 'n-uid'));
    const token = tokens.mint(claims({ bound: { kind: 'Node', name: 'n', uid: 'n-uid' } }));
    expect(tokens.check(token).type).to.equal('user');
    objects.set('/nodes|/n', object('n', 'other'));
    expect(tokens.check(token)).to.deep.equal({ type: 'rejected', reason: 'bound object gone', message: 'node UID (other) does not match service account node ref claim (n-uid)' });
    objects.set('/serviceaccounts|ns/sa', object('sa', 'new-uid'));
    expect(tokens.check(tokens.mint(claims()))).to.deep.include({ type: 'rejected', message: 'service account UID (new-uid) does not match claim (sa-uid)' });
    objects.delete('/serviceaccounts|ns/sa');
    expect(tokens.check(tokens.mint(claims()))).to.deep.include({ type: 'rejected', message: 'serviceaccounts "sa" not found' });
  });

  it('should forget expired tokens when minting new ones', () => {
    const old = tokens.mint(claims());
    now = T0 + 700_000;
    tokens.mint(claims({ issuedAt: now, expiresAt: now + 600_000 }));
    expect(tokens.check(old)).to.deep.equal({ type: 'unknown' });
  });
});
