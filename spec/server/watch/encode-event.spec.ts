import { expect } from 'chai';
import { encodeProtobufObject } from '../../../lib/server/protobuf/protobuf-object.js';
import { encodeWatchFrame } from '../../../lib/server/protobuf/watch-frame.js';
import { encodeEvent } from '../../../lib/server/watch/encode-event.js';
import { ResourceRegistry } from '../../../lib/server/registry/resource-registry.js';
import type { StoreEvent } from '../../../lib/server/store/store-event.js';

const registry = new ResourceRegistry();
const configmaps = registry.find('', 'v1', 'configmaps')!;

function event(): StoreEvent {
  const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '7', labels: { x: 'new' } } };
  const previous = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '6', labels: { x: 'old' } } };
  return { rv: 7, type: 'MODIFIED', bucket: '/configmaps', key: 'default/a', object, previous, encoded: new Map() } as StoreEvent;
}

describe('encodeEvent', () => {
  it('should serialize one line per view and return the same bytes to every watcher', () => {
    const e = event();
    const first = encodeEvent(e, 'MODIFIED', 'current', { kind: configmaps, as: 'object', media: 'json' });
    const second = encodeEvent(e, 'MODIFIED', 'current', { kind: configmaps, as: 'object', media: 'json' });
    expect(second).to.equal(first);
    expect(first.toString()).to.equal('{"type":"MODIFIED","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"7","labels":{"x":"new"}}}}\n');
    expect(e.encoded.size).to.equal(1);
  });

  it('should encode the previous state at the event resourceVersion for selector transitions', () => {
    const line = encodeEvent(event(), 'DELETED', 'previous', { kind: configmaps, as: 'object', media: 'json' }).toString();
    expect(JSON.parse(line)).to.deep.equal({ type: 'DELETED', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '7', labels: { x: 'old' } } } });
  });

  it('should render PartialObjectMetadata for metadata views', () => {
    const line = JSON.parse(encodeEvent(event(), 'ADDED', 'current', { kind: configmaps, as: 'metadata', media: 'json' }).toString()) as { object: Record<string, unknown> };
    expect(line.object).to.include({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' });
  });

  it('should encode protobuf frames for protobuf views, cached apart from the JSON lines', () => {
    const e = event();
    const json = encodeEvent(e, 'MODIFIED', 'current', { kind: configmaps, as: 'object', media: 'json' });
    const frame = encodeEvent(e, 'MODIFIED', 'current', { kind: configmaps, as: 'object', media: 'protobuf' });
    expect(frame).to.deep.equal(Buffer.from(encodeWatchFrame('MODIFIED', encodeProtobufObject(e.object as Record<string, unknown>))));
    expect(encodeEvent(e, 'MODIFIED', 'current', { kind: configmaps, as: 'object', media: 'protobuf' })).to.equal(frame);
    expect(json.toString()).to.match(/^\{"type":"MODIFIED"/);
    expect(e.encoded.size).to.equal(2);
  });
});
