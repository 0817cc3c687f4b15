import { expect } from 'chai';
import { fromStorage, toStorage } from '../../../lib/server/objects/convert-object.js';
import { ResourceRegistry } from '../../../lib/server/registry/resource-registry.js';
import type { StoredObject } from '../../../lib/server/store/store-event.js';

const registry = new ResourceRegistry();
const eventsV1 = registry.find('events.k8s.io', 'v1', 'events')!;
const core = registry.find('', 'v1', 'events')!;

describe('fromStorage / toStorage', () => {
  it('should map core/v1 Event fields to events.k8s.io/v1 and back', () => {
    const stored = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, involvedObject: { name: 'p' }, message: 'm', reportingComponent: 'c', source: { component: 's' }, firstTimestamp: 't1', lastTimestamp: 't2', count: 2, reason: 'R' } as StoredObject;
    const served = fromStorage(eventsV1, stored);
    expect(served).to.deep.equal({ apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e' }, regarding: { name: 'p' }, note: 'm', reportingController: 'c', deprecatedSource: { component: 's' }, deprecatedFirstTimestamp: 't1', deprecatedLastTimestamp: 't2', deprecatedCount: 2, reason: 'R' });
    expect(toStorage(eventsV1, served)).to.deep.equal(stored);
  });

  it('should return the stored object itself when versions agree', () => {
    const stored = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' } } as StoredObject;
    expect(fromStorage(core, stored)).to.equal(stored);
  });
});
