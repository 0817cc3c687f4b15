// metadataWatcher(): a watcher of PartialObjectMetadata, for kinds whose bodies you do not need.
import type { Observable } from 'rxjs';
import type { PartialObjectMetadata } from '../../core/object.js';
import { metadataFromApi, type ListWatchApi } from './list-watch.js';
import { watcher } from './watcher.js';
import type { WatcherConfig } from './watcher-config.js';
import type { WatcherEvent } from './watcher-event.js';

/**
 * Like {@link watcher}, but lists and watches only the objects' metadata
 * (`PartialObjectMetadata`): much less memory and bandwidth for big kinds (Pods, Secrets),
 * enough for owner lookups. `Controller.owns` uses it.
 */
export function metadataWatcher(
  api: ListWatchApi<unknown>,
  config: WatcherConfig = {},
): Observable<WatcherEvent<PartialObjectMetadata>> {
  return watcher(metadataFromApi(api), config);
}
