import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

describe('scale handlers', () => {
  const env = useApiServer({ simulate: false }); // the API alone: no controller scales or binds behind the spec's back
  before(async () => {
    await rawRequest(env.server, DEPLOY, {
      method: 'POST',
      body: { metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } },
    });
  });

  describe('handleGetScale', () => {
    it('should answer an autoscaling/v1 Scale', async () => {
      const scale = (await rawRequest(env.server, `${DEPLOY}/web/scale`)).json<Json>();
      expect(scale).to.deep.include({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 0, selector: 'app=web' } });
      expect(scale['metadata']).to.include({ name: 'web', namespace: 'default' });
    });
  });

  describe('handleUpdateScale', () => {
    it('should write spec.replicas back and bump the generation', async () => {
      const scale = (await rawRequest(env.server, `${DEPLOY}/web/scale`)).json<Json>();
      const res = await rawRequest(env.server, `${DEPLOY}/web/scale`, { method: 'PUT', body: { ...scale, spec: { replicas: 5 } } });
      expect(res.json<Json>()['spec']).to.deep.equal({ replicas: 5 });
      const deploy = (await rawRequest(env.server, `${DEPLOY}/web`)).json<Json>();
      expect(deploy['spec'].replicas).to.equal(5);
      expect(deploy['metadata'].generation).to.equal(2);
    });

    it('should answer 409 for a stale resourceVersion in the Scale', async () => {
      const res = await rawRequest(env.server, `${DEPLOY}/web/scale`, { method: 'PUT', body: { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', resourceVersion: '1' }, spec: { replicas: 1 } } });
      expect(res.status).to.equal(409);
    });
  });
});
