// The seam between the watcher and the API: list and watch as Observables.
import type { Observable } from 'rxjs';
import type { ListParams } from '../../core/params/list-params.js';
import type { WatchParams } from '../../core/params/watch-params.js';
import type { KubeObject, ObjectList, PartialObjectMetadata } from '../../core/object.js';
import type { ResourceType } from '../../core/resource-type.js';
import type { WatchEvent } from '../../core/watch/watch-event.js';
import { fromAbortable } from '../from-abortable.js';

/**
 * What a {@link watcher} needs from the API: a list and a watch, both as cold Observables
 * (kube-rs's `ApiMode`). `fromApi(api)` adapts an `Api`; tests pass marbles.
 *
 * `watch` emits wire events and errors with an `ApiError` on an HTTP error or an in-band
 * `ERROR` event (410 means "relist"); it completes when the server ends the stream.
 */
export interface ListWatch<K> {
  /** What is watched, for error messages: `pods in namespace "default"`. */
  readonly description: string;
  list(params: ListParams): Observable<ObjectList<K>>;
  watch(params: WatchParams, resourceVersion: string | undefined): Observable<WatchEvent<K>>;
}

/** The part of `Api<K>` (from `kube-rx/client`) that a watcher uses. */
export interface ListWatchApi<K> {
  readonly resource: ResourceType<K & KubeObject>;
  readonly namespace: string | undefined;
  list(params?: ListParams, options?: { signal?: AbortSignal }): Promise<ObjectList<K>>;
  watch(params?: WatchParams, resourceVersion?: string): Observable<WatchEvent<K>>;
  listMetadata(params?: ListParams, options?: { signal?: AbortSignal }): Promise<ObjectList<PartialObjectMetadata>>;
  watchMetadata(params?: WatchParams, resourceVersion?: string): Observable<WatchEvent<PartialObjectMetadata>>;
}

/** A human description of what an Api addresses: `pods in namespace "apps"`, `nodes`. */
export function describeApi(api: Pick<ListWatchApi<unknown>, 'resource' | 'namespace'>): string {
  const { plural, group } = api.resource;
  const what = group === '' ? plural : `${plural}.${group}`;
  return api.namespace === undefined ? what : `${what} in namespace ${JSON.stringify(api.namespace)}`;
}

/** Adapts an `Api` into a {@link ListWatch}; unsubscribing from a list aborts its request. */
export function fromApi<K>(api: ListWatchApi<K>): ListWatch<K> {
  return {
    description: describeApi(api),
    list: (params) => fromAbortable((signal) => api.list(params, { signal })),
    watch: (params, resourceVersion) => api.watch(params, resourceVersion),
  };
}

/** Adapts an `Api` into a metadata-only {@link ListWatch} (`PartialObjectMetadata` objects). */
export function metadataFromApi(api: ListWatchApi<unknown>): ListWatch<PartialObjectMetadata> {
  return {
    description: `${describeApi(api)} (metadata)`,
    list: (params) => fromAbortable((signal) => api.listMetadata(params, { signal })),
    watch: (params, resourceVersion) => api.watchMetadata(params, resourceVersion),
  };
}

/** True when `source` is a {@link ListWatch} rather than an Api. */
export function isListWatch<K>(source: ListWatch<K> | ListWatchApi<K>): source is ListWatch<K> {
  return typeof (source as ListWatch<K>).description === 'string';
}
