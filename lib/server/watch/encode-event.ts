// Encodes a store event as one watch line or frame, once per view and event type, shared by every watcher.
import { Buffer } from 'node:buffer';
import { encodeProtobufObject } from '../protobuf/protobuf-object.js';
import { encodeWatchFrame } from '../protobuf/watch-frame.js';
import type { StoreEvent } from '../store/store-event.js';
import { withResourceVersion } from '../store/object-store.js';
import { renderForView, viewKey, type WatchView } from './watch-view.js';

/** The wire type of a delivered event. */
export type WireType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Which state of the event a line carries. */
export type EventSide = 'current' | 'previous';

/** One watch line (`{"type":...,"object":...}\n`) as bytes. */
export function encodeLine(type: string, object: unknown): Buffer {
  return Buffer.from(`${JSON.stringify({ type, object })}\n`, 'utf8');
}

/**
 * One watch event in the stream's media type: a JSON line, or a protobuf frame (4-byte length,
 * then a WatchEvent whose object is the `k8s\0` encoding of `object`).
 */
export function encodeWatchEvent(media: 'json' | 'protobuf', type: string, object: object): Buffer {
  if (media === 'json') return encodeLine(type, object);
  const frame = encodeWatchFrame(type, encodeProtobufObject(object as Record<string, unknown>));
  return Buffer.from(frame.buffer, frame.byteOffset, frame.length);
}

/**
 * The line for `event` as `type`, rendered for `view`. `previous` is the pre-change state
 * at the event's resourceVersion: what a watcher whose selector stopped matching receives
 * as DELETED. The bytes are cached on the event, so N watchers of one view cost one
 * serialization.
 */
export function encodeEvent(event: StoreEvent, type: WireType, side: EventSide, view: WatchView): Buffer {
  const key = `${viewKey(view)}|${type}|${side}`;
  let bytes = event.encoded.get(key);
  if (bytes === undefined) {
    const state = side === 'current' || event.previous === undefined ? event.object : withResourceVersion(event.previous, event.rv);
    bytes = encodeWatchEvent(view.media, type, renderForView(view, state));
    event.encoded.set(key, bytes);
  }
  return bytes;
}
