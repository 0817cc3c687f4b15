import { expect } from 'chai';
import { rawRequest, useApiServer, type RawResponse } from '../../helpers/api-server.js';

type Json = Record<string, any>;

const NS = '/api/v1/namespaces/default';
const START = Date.parse('2030-01-01T00:00:00Z');

describe('tokenRequestHandler', () => {
  let clock = START;
  const env = useApiServer({ now: () => new Date(clock) });

  beforeEach(() => {
    clock = START;
  });

  async function create(path: string, body: Json): Promise<RawResponse> {
    const res = await rawRequest(env.server, `${NS}/${path}`, { method: 'POST', body });
    if (res.status !== 201) throw new Error(`create ${path}: ${res.status} ${res.text}`);
    return res;
  }

  async function serviceAccount(name: string): Promise<void> {
    await create('serviceaccounts', { metadata: { name } });
  }

  function requestToken(sa: string, body: unknown): Promise<RawResponse> {
    return rawRequest(env.server, `${NS}/serviceaccounts/${sa}/token`, { method: 'POST', body });
  }

  async function mint(sa: string, spec: Json = {}): Promise<string> {
    const res = await requestToken(sa, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec });
    expect(res.status, res.text).to.equal(201);
    return res.json<Json>()['status'].token as string;
  }

  /** The user a token authenticates as (from the request log), or the HTTP status when it does not. */
  async function whoIs(token: string): Promise<string | number> {
    const res = await rawRequest(env.server, '/api', { auth: { token } });
    return res.status === 200 ? (env.server.hooks.requests().at(-1)?.user as string) : res.status;
  }

  it('should answer a TokenRequest as kube-apiserver: defaults, audiences, expiry on the server clock', async () => {
    await serviceAccount('robot');
    const res = await requestToken('robot', {});
    expect(res.status).to.equal(201);
    const answer = res.json<Json>();
    expect(answer['status'].token).to.be.a('string').with.length.greaterThan(20);
    expect({ ...answer, status: { ...answer['status'], token: '…' }, metadata: { ...answer['metadata'], managedFields: undefined } }).to.deep.equal({
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name: 'robot', namespace: 'default', creationTimestamp: '2030-01-01T00:00:00Z', managedFields: undefined },
      spec: { audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600, boundObjectRef: null },
      status: { token: '…', expirationTimestamp: '2030-01-01T01:00:00Z' },
    });
    expect(answer['metadata'].managedFields[0]).to.include({ operation: 'Update', apiVersion: 'authentication.k8s.io/v1', subresource: 'token' });
  });

  it('should refuse expirationSeconds below 600 and above 2^32 with 422, as real', async () => {
    await serviceAccount('short');
    for (const [seconds, detail] of [
      [1, 'may not specify a duration less than 10 minutes'],
      [599, 'may not specify a duration less than 10 minutes'],
      [-5, 'may not specify a duration less than 10 minutes'],
      [99999999999, 'may not specify a duration larger than 2^32 seconds'],
    ] as const) {
      const res = await requestToken('short', { spec: { expirationSeconds: seconds } });
      expect(res.status).to.equal(422);
      expect(res.json<Json>()).to.deep.include({
        message: `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: ${detail}`,
        reason: 'Invalid',
        details: {
          group: 'authentication.k8s.io',
          kind: 'TokenRequest',
          causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${seconds}: ${detail}`, field: 'spec.expirationSeconds' }],
        },
      });
    }
    expect((await requestToken('short', { spec: { expirationSeconds: 600 } })).status).to.equal(201);
    expect((await requestToken('short', { spec: { expirationSeconds: 2 ** 32 } })).status).to.equal(201);
  });

  it('should refuse bodies that name another ServiceAccount or namespace, or carry the wrong types', async () => {
    await serviceAccount('named');
    const other = await requestToken('named', { metadata: { name: 'other' } });
    expect(other.status).to.equal(422);
    expect(other.json<Json>()['message']).to.equal(
      'TokenRequest.authentication.k8s.io "named" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified',
    );
    const namespace = await requestToken('named', { metadata: { namespace: 'other' } });
    expect(namespace.status).to.equal(400);
    expect(namespace.json<Json>()['message']).to.equal('the namespace of the provided object does not match the namespace sent on the request');
    const typed = await requestToken('named', { spec: { expirationSeconds: '600' } });
    expect(typed.status).to.equal(400);
    expect(typed.json<Json>()['message']).to.equal(
      'TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal string into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64',
    );
    const kind = await requestToken('named', { kind: 'Pod' });
    expect(kind.json<Json>()['message']).to.equal(
      'Pod in version "v1" cannot be handled as a TokenRequest: no kind "Pod" is registered for version "authentication.k8s.io/v1" in scheme "pkg/runtime/scheme.go:100"',
    );
    expect((await requestToken('ghost', {})).json<Json>()).to.deep.include({ code: 404, message: 'serviceaccounts "ghost" not found' });
  });

  it('should mint tokens that authenticate as the ServiceAccount until they expire (plus a minute of leeway)', async () => {
    await serviceAccount('expiring');
    const token = await mint('expiring', { expirationSeconds: 600 });
    expect(await whoIs(token)).to.equal('system:serviceaccount:default:expiring');
    clock = START + 600_000 + 60_000;
    expect(await whoIs(token)).to.equal('system:serviceaccount:default:expiring');
    clock += 1000;
    expect(await whoIs(token)).to.equal(401);
  });

  it('should stop authenticating tokens whose ServiceAccount is deleted, even when one of that name comes back', async () => {
    await serviceAccount('doomed');
    const token = await mint('doomed');
    await rawRequest(env.server, `${NS}/serviceaccounts/doomed`, { method: 'DELETE' });
    expect(await whoIs(token)).to.equal(401);
    await serviceAccount('doomed');
    expect(await whoIs(token)).to.equal(401);
    expect(await whoIs(await mint('doomed'))).to.equal('system:serviceaccount:default:doomed');
  });

  it('should not authenticate tokens minted for other audiences', async () => {
    await serviceAccount('vaulted');
    const res = await requestToken('vaulted', { spec: { audiences: ['vault'] } });
    expect(res.json<Json>()['spec'].audiences).to.deep.equal(['vault']);
    expect(await whoIs(res.json<Json>()['status'].token as string)).to.equal(401);
  });

  describe('boundObjectRef', () => {
    it('should tie the token to a Secret: it dies with the Secret', async () => {
      await serviceAccount('binder');
      await create('secrets', { metadata: { name: 'holder' } });
      const token = await mint('binder', { boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'holder' } });
      expect(await whoIs(token)).to.equal('system:serviceaccount:default:binder');
      await rawRequest(env.server, `${NS}/secrets/holder`, { method: 'DELETE' });
      expect(await whoIs(token)).to.equal(401);
    });

    it('should tie the token to a Pod running as the ServiceAccount, and refuse other pods', async () => {
      await serviceAccount('runner');
      await create('pods', { metadata: { name: 'runs' }, spec: { serviceAccountName: 'runner', containers: [{ name: 'c', image: 'x' }] } });
      await create('pods', { metadata: { name: 'other' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
      const refused = await requestToken('runner', { spec: { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'other' } } });
      expect(refused.json<Json>()).to.deep.include({ code: 400, message: 'cannot bind token for serviceaccount "runner" to pod running with different serviceaccount name.' });
      const token = await mint('runner', { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'runs' } });
      expect(await whoIs(token)).to.equal('system:serviceaccount:default:runner');
      await rawRequest(env.server, `${NS}/pods/runs?gracePeriodSeconds=0`, { method: 'DELETE' });
      expect(await whoIs(token)).to.equal(401);
    });

    it('should answer kube-apiserver errors for missing, stale and unbindable objects', async () => {
      await serviceAccount('picky');
      await create('secrets', { metadata: { name: 'kept' } });
      const missing = await requestToken('picky', { spec: { boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'nope' } } });
      expect(missing.json<Json>()).to.deep.include({ code: 404, message: 'secrets "nope" not found' });
      const stale = await requestToken('picky', { spec: { boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'kept', uid: 'wrong' } } });
      expect(stale.json<Json>()).to.deep.include({
        code: 409,
        reason: 'Conflict',
        message:
          'Operation cannot be fulfilled on Secret "kept": the UID in the bound object reference (wrong) does not match the UID in record. The object might have been deleted and then recreated',
        details: { name: 'kept', kind: 'Secret' },
      });
      const kind = await requestToken('picky', { spec: { boundObjectRef: { kind: 'ConfigMap', apiVersion: 'v1', name: 'kept' } } });
      expect(kind.json<Json>()).to.deep.include({ code: 400, message: 'cannot bind token to object of type /v1, Kind=ConfigMap' });
    });
  });
});
