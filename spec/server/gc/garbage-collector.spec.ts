import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const CM = '/api/v1/namespaces/default/configmaps';

describe('GarbageCollector', () => {
  const env = useApiServer();
  const post = async (name: string, extra: Json = {}) => (await rawRequest(env.server, CM, { method: 'POST', body: { metadata: { name, ...extra } } })).json<Json>();
  const get = (name: string) => rawRequest(env.server, `${CM}/${name}`);
  const ref = (owner: Json, extra: Json = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: owner['metadata'].name, uid: owner['metadata'].uid, ...extra });

  it('should delete dependents after a background delete of their owner', async () => {
    const owner = await post('bg-owner');
    await post('bg-child', { ownerReferences: [ref(owner)] });
    await rawRequest(env.server, `${CM}/bg-owner`, { method: 'DELETE', body: { propagationPolicy: 'Background' } });
    await env.server.hooks.settle();
    expect((await get('bg-child')).status).to.equal(404);
  });

  it('should keep a dependent that still has another owner, dropping the dangling reference', async () => {
    const a = await post('two-a');
    const b = await post('two-b');
    await post('two-child', { ownerReferences: [ref(a), ref(b)] });
    await rawRequest(env.server, `${CM}/two-a`, { method: 'DELETE' });
    await env.server.hooks.settle();
    const child = (await get('two-child')).json<Json>();
    expect(child['metadata'].ownerReferences.map((r: Json) => r['name'])).to.deep.equal(['two-b']);
  });

  it('should hold a foreground owner until blocking dependents are gone', async () => {
    const owner = await post('fg-owner');
    await post('fg-child', { ownerReferences: [ref(owner, { blockOwnerDeletion: true })], finalizers: ['example.com/slow'] });
    const deleting = (await rawRequest(env.server, `${CM}/fg-owner`, { method: 'DELETE', body: { propagationPolicy: 'Foreground' } })).json<Json>();
    expect(deleting['metadata'].finalizers).to.deep.equal(['foregroundDeletion']);
    await env.server.hooks.settle();
    const child = (await get('fg-child')).json<Json>();
    expect(child['metadata'].deletionTimestamp).to.be.a('string');
    expect((await get('fg-owner')).status).to.equal(200);
    await rawRequest(env.server, `${CM}/fg-child`, { method: 'PUT', body: { ...child, metadata: { ...child['metadata'], finalizers: [] } } });
    await env.server.hooks.settle();
    expect((await get('fg-child')).status).to.equal(404);
    expect((await get('fg-owner')).status).to.equal(404);
  });

  it('should orphan dependents: strip the reference, then remove the orphan finalizer', async () => {
    const owner = await post('or-owner');
    await post('or-child', { ownerReferences: [ref(owner)] });
    await rawRequest(env.server, `${CM}/or-owner`, { method: 'DELETE', body: { propagationPolicy: 'Orphan' } });
    await env.server.hooks.settle();
    expect((await get('or-owner')).status).to.equal(404);
    const child = (await get('or-child')).json<Json>();
    expect(child['metadata']).to.not.have.property('ownerReferences');
  });

  it('should delete a dependent whose owner never existed', async () => {
    await post('dangling', { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-0000-0000-000000000000' }] });
    await env.server.hooks.settle();
    expect((await get('dangling')).status).to.equal(404);
  });

  it('should leave references to kinds the server does not serve alone', async () => {
    await post('unresolvable', { ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'Nothing', name: 'x', uid: '11111111-0000-0000-0000-000000000000' }] });
    await env.server.hooks.settle();
    expect((await get('unresolvable')).status).to.equal(200);
  });
});
