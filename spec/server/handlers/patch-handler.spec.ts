import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

describe('handlePatch', () => {
  const env = useApiServer();
  const patch = (path: string, type: string, body: unknown, query = '') =>
    rawRequest(env.server, `${path}${query}`, { method: 'PATCH', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': type } });

  before(async () => {
    await rawRequest(env.server, CM, { method: 'POST', body: { metadata: { name: 'p1' }, data: { a: '1' } } });
    await rawRequest(env.server, DEPLOY, {
      method: 'POST',
      body: { metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y:1' }] } } } },
    });
  });

  it('should apply a merge patch and record the manager', async () => {
    const res = await patch(`${CM}/p1`, 'application/merge-patch+json', { data: { b: '2', a: null } }, '?fieldManager=tester');
    expect(res.status).to.equal(200);
    const body = res.json<Json>();
    expect(body['data']).to.deep.equal({ b: '2' });
    expect(body['metadata'].managedFields.map((m: Json) => m['manager'])).to.include('tester');
  });

  it('should apply a JSON patch and answer the generic 422 when a test fails', async () => {
    const ok = await patch(`${CM}/p1`, 'application/json-patch+json', [{ op: 'add', path: '/data/c', value: '3' }]);
    expect(ok.json<Json>()['data']).to.deep.equal({ b: '2', c: '3' });
    const failed = await patch(`${CM}/p1`, 'application/json-patch+json', [{ op: 'test', path: '/data/c', value: 'nope' }]);
    expect(failed.status).to.equal(422);
    expect(failed.json()).to.deep.equal({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'the server rejected our request due to an error in our request', reason: 'Invalid', details: {}, code: 422,
    });
  });

  it('should answer 400 for a malformed patch and 415 for an unknown patch type', async () => {
    expect((await patch(`${CM}/p1`, 'application/json-patch+json', '{"not":"a list"}')).status).to.equal(400);
    expect((await patch(`${CM}/p1`, 'application/merge-patch+json', '{oops')).status).to.equal(400);
    const wrong = await patch(`${CM}/p1`, 'text/plain', 'x');
    expect(wrong.status).to.equal(415);
    expect(wrong.json<Json>()['message']).to.equal(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
    );
  });

  it('should merge containers by name with a strategic merge patch', async () => {
    const res = await patch(`${DEPLOY}/web`, 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name: 'b', image: 'y:2' }] } } } });
    const containers = res.json<Json>()['spec'].template.spec.containers.map((c: Json) => `${c['name']}=${c['image']}`);
    expect(containers).to.deep.equal(['a=x:1', 'b=y:2']);
    expect(res.json<Json>()['metadata'].generation).to.equal(2);
  });

  it('should answer 409 when a patch carries a stale resourceVersion', async () => {
    const res = await patch(`${CM}/p1`, 'application/merge-patch+json', { metadata: { resourceVersion: '1' }, data: { d: '4' } });
    expect(res.status).to.equal(409);
  });

  it('should answer 404 for a non-apply patch of a missing object', async () => {
    expect((await patch(`${CM}/missing`, 'application/merge-patch+json', { data: {} })).status).to.equal(404);
  });

  describe('server-side apply', () => {
    const applied = (data: Json) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' }, data });

    it('should create with 201, then conflict with another manager, then force', async () => {
      const created = await patch(`${CM}/ssa`, 'application/apply-patch+yaml', applied({ k: 'one' }), '?fieldManager=first');
      expect(created.status).to.equal(201);
      const conflict = await patch(`${CM}/ssa`, 'application/apply-patch+yaml', applied({ k: 'two' }), '?fieldManager=second');
      expect(conflict.status).to.equal(409);
      expect(conflict.json()).to.deep.include({
        reason: 'Conflict',
        message: 'Apply failed with 1 conflict: conflict with "first": .data.k',
        details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "first"', field: '.data.k' }] },
      });
      const forced = await patch(`${CM}/ssa`, 'application/apply-patch+yaml', applied({ k: 'two' }), '?fieldManager=second&force=true');
      expect(forced.status).to.equal(200);
      expect(forced.json<Json>()['data']).to.deep.equal({ k: 'two' });
    });

    it('should require a fieldManager and the endpoint version', async () => {
      const noManager = await patch(`${CM}/ssa`, 'application/apply-patch+yaml', applied({ k: 'x' }));
      expect(noManager.status).to.equal(422);
      expect(noManager.json<Json>()['message']).to.equal('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
      const wrongVersion = await patch(`${CM}/ssa`, 'application/apply-patch+yaml', 'apiVersion: v2\nkind: ConfigMap\nmetadata:\n  name: ssa\n', '?fieldManager=x');
      expect(wrongVersion.status).to.equal(400);
      expect(wrongVersion.json<Json>()['message']).to.equal('invalid object type: /v2, Kind=ConfigMap');
    });

    it('should refuse force on a non-apply patch', async () => {
      const res = await patch(`${CM}/ssa`, 'application/merge-patch+json', { data: {} }, '?force=true');
      expect(res.status).to.equal(422);
      expect(res.json<Json>()['message']).to.equal('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
    });
  });
});
