import { expect } from 'chai';
import { openStream, rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const PODS = '/api/v1/namespaces/default/pods';

describe('pod subresources', () => {
  const env = useApiServer({ simulate: false }); // the API alone: no controller scales or binds behind the spec's back
  const pod = (name: string, containers = ['c']) => ({ metadata: { name }, spec: { containers: containers.map((c) => ({ name: c, image: 'busybox' })) } });
  const create = (name: string, containers?: string[]) => rawRequest(env.server, PODS, { method: 'POST', body: pod(name, containers) });

  describe('handleBinding', () => {
    it('should assign the pod to a node once', async () => {
      await create('bound');
      const res = await rawRequest(env.server, `${PODS}/bound/binding`, { method: 'POST', body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } } });
      expect(res.status).to.equal(201);
      expect(res.json()).to.deep.equal({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
      const live = (await rawRequest(env.server, `${PODS}/bound`)).json<Json>();
      expect(live['spec'].nodeName).to.equal('node-1');
      expect(live['status'].conditions[0]).to.include({ type: 'PodScheduled', status: 'True' });
      const again = await rawRequest(env.server, `${PODS}/bound/binding`, { method: 'POST', body: { target: { name: 'node-2' } } });
      expect(again.status).to.equal(409);
      expect(again.json<Json>()['message']).to.equal('Operation cannot be fulfilled on pods "bound": pod bound is already assigned to node "node-1"');
    });
  });

  describe('handleEviction', () => {
    it('should delete the pod and answer 201', async () => {
      await create('evicted');
      const res = await rawRequest(env.server, `${PODS}/evicted/eviction`, { method: 'POST', body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'evicted' } } });
      expect(res.status).to.equal(201);
      expect((await rawRequest(env.server, `${PODS}/evicted`)).status).to.equal(404);
    });

    it('should give a pod on a node its grace period, then remove it', async () => {
      await create('graceful');
      await rawRequest(env.server, `${PODS}/graceful/binding`, { method: 'POST', body: { target: { name: 'node-1' } } });
      const deleting = (await rawRequest(env.server, `${PODS}/graceful`, { method: 'DELETE', body: { gracePeriodSeconds: 1 } })).json<Json>();
      expect(deleting['metadata'].deletionGracePeriodSeconds).to.equal(1);
      const watch = await openStream(env.server, `${PODS}?watch=true&fieldSelector=metadata.name%3Dgraceful&resourceVersion=${String(deleting['metadata'].resourceVersion)}`);
      expect((await watch.next<{ type: string }>()).type).to.equal('DELETED');
      watch.close();
    });
  });

  describe('podLogHandler', () => {
    it('should serve what was appended, with tailLines and timestamps', async () => {
      await create('logger');
      env.server.hooks.appendPodLog('default', 'logger', 'one\ntwo\nthree\n');
      const all = await rawRequest(env.server, `${PODS}/logger/log`);
      expect(all.headers['content-type']).to.equal('text/plain');
      expect(all.text).to.equal('one\ntwo\nthree\n');
      expect((await rawRequest(env.server, `${PODS}/logger/log?tailLines=1`)).text).to.equal('three\n');
      expect((await rawRequest(env.server, `${PODS}/logger/log?timestamps=true&tailLines=1`)).text).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z three\n$/);
    });

    it('should require a container name when the pod has several', async () => {
      await create('multi', ['a', 'b']);
      const res = await rawRequest(env.server, `${PODS}/multi/log`);
      expect(res.status).to.equal(400);
      expect(res.json<Json>()['message']).to.equal('a container name must be specified for pod multi, choose one of: [a b]');
      expect((await rawRequest(env.server, `${PODS}/multi/log?container=z`)).json<Json>()['message']).to.equal('container z is not valid for pod multi');
    });

    it('should stream appended lines with follow=true until the pod is deleted', async () => {
      await create('follower');
      const stream = await openStream(env.server, `${PODS}/follower/log?follow=true`);
      env.server.hooks.appendPodLog('default', 'follower', '{"line":1}\n');
      expect(await stream.next()).to.deep.equal({ line: 1 });
      await rawRequest(env.server, `${PODS}/follower`, { method: 'DELETE' });
      expect(await stream.ended()).to.deep.equal([]);
    });
  });
});
