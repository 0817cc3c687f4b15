import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const CORE = '/api/v1/namespaces/default/events';
const EVENTS = '/apis/events.k8s.io/v1/namespaces/default/events';

describe('eventHooks', () => {
  const env = useApiServer();
  const post = (path: string, body: Json) => rawRequest(env.server, path, { method: 'POST', body });

  it('should share storage between core/v1 and events.k8s.io/v1 with the field mapping', async () => {
    const created = await post(CORE, {
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
      reason: 'Started',
      message: 'hello',
      count: 3,
      source: { component: 'kubelet' },
      type: 'Normal',
    });
    expect(created.status).to.equal(201);
    const viaEvents = (await rawRequest(env.server, `${EVENTS}/e1`)).json<Json>();
    expect(viaEvents).to.deep.include({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      note: 'hello',
      regarding: { kind: 'Pod', name: 'p', namespace: 'default' },
      deprecatedCount: 3,
      deprecatedSource: { component: 'kubelet' },
    });
    expect(viaEvents).to.not.have.property('message');
  });

  it('should store events.k8s.io events as core events', async () => {
    const res = await post(EVENTS, {
      metadata: { name: 'e2' },
      eventTime: '2024-05-01T10:00:00.000000Z',
      reportingController: 'example.com/ctl',
      reportingInstance: 'ctl-1',
      action: 'Sync',
      reason: 'Synced',
      regarding: { kind: 'Pod', name: 'p', namespace: 'default' },
      note: 'done',
      type: 'Normal',
    });
    expect(res.status).to.equal(201);
    const core = (await rawRequest(env.server, `${CORE}/e2`)).json<Json>();
    expect(core).to.deep.include({ message: 'done', reportingComponent: 'example.com/ctl', involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' } });
  });

  it('should refuse a core event whose involvedObject namespace differs', async () => {
    const res = await post(CORE, { metadata: { name: 'e3' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } });
    expect(res.status).to.equal(422);
    expect(res.json<Json>()['message']).to.equal('Event "e3" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace');
  });

  it('should require eventTime and forbid deprecated fields through events.k8s.io/v1, naming the core fields and kind as kube-apiserver does', async () => {
    const res = await post(EVENTS, { metadata: { name: 'e4' }, regarding: { kind: 'Pod', name: 'p', namespace: 'default' }, type: 'Normal', deprecatedCount: 2 });
    expect(res.status).to.equal(422);
    const fields = res.json<Json>()['details'].causes.map((c: Json) => c['field']);
    expect(fields).to.include.members(['eventTime', 'count']);
    expect(res.json<Json>()['details']).to.include({ kind: 'Event' }).and.not.have.property('group');
  });

  it('should refuse changes to the note of an events.k8s.io/v1 Event as a change of its message', async () => {
    const created = await post(EVENTS, {
      metadata: { name: 'e5' },
      eventTime: '2024-05-01T10:00:00.000000Z',
      reportingController: 'example.com/c',
      reportingInstance: 'i',
      action: 'Act',
      reason: 'Why',
      type: 'Normal',
      note: 'first',
      regarding: { kind: 'Pod', name: 'p', namespace: 'default' },
    });
    expect(created.status, created.text).to.equal(201);
    const res = await rawRequest(env.server, `${EVENTS}/e5`, { method: 'PATCH', body: { note: 'second' }, headers: { 'content-type': 'application/merge-patch+json' } });
    expect(res.json<Json>()['message']).to.equal('Event "e5" is invalid: message: Invalid value: "second": field is immutable');
  });
});
