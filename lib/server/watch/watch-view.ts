// How one watch connection wants objects rendered: served version, full object or metadata only, JSON or protobuf.
import type { ResourceKind } from '../registry/resource-kind.js';
import { fromStorage } from '../objects/convert-object.js';
import type { StoredObject } from '../store/store-event.js';

/** What a watch renders each object as. */
export interface WatchView {
  readonly kind: ResourceKind;
  readonly as: 'object' | 'metadata';
  /** JSON lines, or length-prefixed protobuf WatchEvent frames. */
  readonly media: 'json' | 'protobuf';
}

/** The cache key of a view: every watcher with the same key shares the same encoded bytes. */
export function viewKey(view: WatchView): string {
  return `${view.kind.apiVersion}|${view.kind.kind}|${view.as}|${view.media}`;
}

/** A stored object as the view renders it. */
export function renderForView(view: WatchView, object: StoredObject): Record<string, unknown> {
  const served = fromStorage(view.kind, object);
  if (view.as === 'object') return served;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: served.metadata };
}

/** The object of a BOOKMARK event for this view: only the kind and resourceVersion. */
export function bookmarkObject(view: WatchView, rv: number, annotations?: Record<string, string>): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
  if (annotations !== undefined) metadata['annotations'] = annotations;
  return view.as === 'metadata'
    ? { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata }
    : { kind: view.kind.kind, apiVersion: view.kind.apiVersion, metadata };
}
