// watchObject(): the current state of one named object, as an Observable.
import { distinctUntilChanged, map, scan, type Observable } from 'rxjs';
import type { KubeObject } from '../../core/object.js';
import type { ListWatch, ListWatchApi } from './list-watch.js';
import { watcher } from './watcher.js';
import type { WatcherConfig } from './watcher-config.js';
import type { WatcherEvent } from './watcher-event.js';

/**
 * Watches one object by name: emits the object whenever it changes, and `undefined` while it
 * does not exist (after a delete, or when a relist does not find it).
 *
 * ```text
 * watcher: --R([])----A(o1)--A(o2)--D(o2)--
 * result:  --undefined-o1----o2-----undefined--
 * ```
 *
 * Give it a namespaced Api (or a cluster-scoped kind): across all namespaces, objects with
 * the same name in different namespaces would be mixed up.
 */
export function watchObject<K extends KubeObject>(
  source: ListWatchApi<K> | ListWatch<K>,
  name: string,
  config: Omit<WatcherConfig, 'fieldSelector'> = {},
): Observable<K | undefined> {
  return watcher(source, { ...config, fieldSelector: { 'metadata.name': name } }).pipe(
    scan<WatcherEvent<K>, { object: K | undefined }>((_, event) => {
      switch (event.type) {
        case 'Applied':
          return { object: event.object };
        case 'Deleted':
          return { object: undefined };
        case 'Restarted':
          return { object: event.objects.find((o) => o.metadata?.name === name) };
      }
    }, { object: undefined }),
    map((state) => state.object),
    distinctUntilChanged(),
  );
}
