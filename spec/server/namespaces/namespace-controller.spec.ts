import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;

describe('NamespaceController', () => {
  const env = useApiServer();
  const req = (path: string, method = 'GET', body?: unknown) => rawRequest(env.server, path, { method, ...(body === undefined ? {} : { body }) });

  it('should create namespaces with the kubernetes finalizer and phase Active', async () => {
    const ns = (await req('/api/v1/namespaces', 'POST', { metadata: { name: 'fresh' } })).json<Json>();
    expect(ns['spec']).to.deep.equal({ finalizers: ['kubernetes'] });
    expect(ns['status']).to.deep.equal({ phase: 'Active' });
  });

  it('should mark a deleted namespace Terminating, remove its contents, then the namespace', async () => {
    await req('/api/v1/namespaces', 'POST', { metadata: { name: 'doomed' } });
    await req('/api/v1/namespaces/doomed/configmaps', 'POST', { metadata: { name: 'a' } });
    await req('/api/v1/namespaces/doomed/secrets', 'POST', { metadata: { name: 'b' } });
    const deleting = (await req('/api/v1/namespaces/doomed', 'DELETE')).json<Json>();
    expect(deleting['status'].phase).to.equal('Terminating');
    expect(deleting['metadata'].deletionTimestamp).to.be.a('string');
    await env.server.hooks.settle();
    expect((await req('/api/v1/namespaces/doomed')).status).to.equal(404);
    expect((await req('/api/v1/namespaces/doomed/configmaps/a')).status).to.equal(404);
  });

  it('should refuse creates in a terminating namespace with 403 and keep it while finalizers hold content', async () => {
    await req('/api/v1/namespaces', 'POST', { metadata: { name: 'held' } });
    await req('/api/v1/namespaces/held/configmaps', 'POST', { metadata: { name: 'sticky', finalizers: ['example.com/f'] } });
    await req('/api/v1/namespaces/held', 'DELETE');
    await env.server.hooks.settle();
    const ns = await req('/api/v1/namespaces/held');
    expect(ns.json<Json>()['status'].phase).to.equal('Terminating');
    const refused = await req('/api/v1/namespaces/held/configmaps', 'POST', { metadata: { name: 'late' } });
    expect(refused.status).to.equal(403);
    expect(refused.json<Json>()['message']).to.equal('configmaps "late" is forbidden: unable to create new content in namespace held because it is being terminated');
    expect(refused.json<Json>()['details'].causes).to.deep.equal([{ reason: 'NamespaceTerminating', message: 'namespace held is being terminated', field: 'metadata.namespace' }]);
    const again = await req('/api/v1/namespaces/held', 'DELETE');
    expect(again.status).to.equal(409);
    const sticky = (await req('/api/v1/namespaces/held/configmaps/sticky')).json<Json>();
    await req('/api/v1/namespaces/held/configmaps/sticky', 'PUT', { ...sticky, metadata: { ...sticky['metadata'], finalizers: [] } });
    await env.server.hooks.settle();
    expect((await req('/api/v1/namespaces/held')).status).to.equal(404);
  });

  it('should refuse to delete default, kube-system and kube-public', async () => {
    for (const name of ['default', 'kube-system', 'kube-public']) {
      const res = await req(`/api/v1/namespaces/${name}`, 'DELETE');
      expect(res.status, name).to.equal(403);
      expect(res.json<Json>()['message']).to.equal(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
  });
});
