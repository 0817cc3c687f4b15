// Conversion between the version a resource is served in and the version it is stored in.
import type { ResourceKind } from '../registry/resource-kind.js';
import type { StoredObject } from '../store/store-event.js';
import { setOwnProperty } from '../../core/json/own-property.js';
import { hpaFromV1, hpaToV1 } from './hpa-conversion.js';
import { writeZeroValues } from './write-zero-values.js';

type Json = Record<string, unknown>;

/** core/v1 Event field ↔ events.k8s.io/v1 Event field. */
const EVENT_FIELDS: readonly (readonly [core: string, events: string])[] = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['reportingComponent', 'reportingController'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
];

function renameFields(object: Json, pairs: readonly (readonly [string, string])[], from: 0 | 1): Json {
  const to = from === 0 ? 1 : 0;
  const renames = new Map(pairs.map((p) => [p[from], p[to]]));
  const drops = new Set(pairs.map((p) => p[to]));
  const out: Json = {};
  for (const [key, value] of Object.entries(object)) {
    const target = renames.get(key);
    if (target !== undefined) setOwnProperty(out, target, value);
    else if (!drops.has(key)) setOwnProperty(out, key, value);
  }
  return out;
}

/**
 * The stored object as the client asked for it: the served `apiVersion`, and for
 * `events.k8s.io/v1` Events the field mapping of the events API (`note` ↔ `message`,
 * `regarding` ↔ `involvedObject`, ...), for autoscaling/v1 HorizontalPodAutoscalers the v2
 * object converted as kube-apiserver converts it (see `hpaToV1`). Returns the object itself
 * when nothing changes.
 */
export function fromStorage(kind: ResourceKind, object: StoredObject): StoredObject {
  if (kind.apiVersion === kind.storageApiVersion && object.apiVersion === kind.apiVersion) return object;
  if (kind.group === 'events.k8s.io' && kind.storageApiVersion === 'v1') {
    return { ...renameFields(object, EVENT_FIELDS, 0), apiVersion: kind.apiVersion, kind: kind.kind } as StoredObject;
  }
  if (kind.apiVersion === 'autoscaling/v1' && kind.storageApiVersion === 'autoscaling/v2') {
    // The v1 struct Go encodes has its own non-omitempty fields (status.currentReplicas).
    const converted = hpaToV1(object);
    writeZeroValues({ group: kind.group, version: kind.version, kind: kind.kind }, converted);
    return converted as StoredObject;
  }
  return { ...object, apiVersion: kind.apiVersion } as StoredObject;
}

/** The client's object in the storage version (the inverse of {@link fromStorage}). */
export function toStorage(kind: ResourceKind, object: Json): Json {
  if (kind.apiVersion === kind.storageApiVersion) return { ...object, apiVersion: kind.apiVersion, kind: kind.kind };
  if (kind.group === 'events.k8s.io' && kind.storageApiVersion === 'v1') {
    return { ...renameFields(object, EVENT_FIELDS, 1), apiVersion: kind.storageApiVersion, kind: kind.storageKind };
  }
  if (kind.apiVersion === 'autoscaling/v1' && kind.storageApiVersion === 'autoscaling/v2') return { ...hpaFromV1(object), kind: kind.storageKind };
  return { ...object, apiVersion: kind.storageApiVersion, kind: kind.storageKind };
}
