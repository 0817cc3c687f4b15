// appliedObjects(): the objects that exist after each watcher event.
import { mergeMap, type OperatorFunction } from 'rxjs';
import type { WatcherEvent } from '../watcher/watcher-event.js';

/**
 * Flattens watcher events into the objects they apply: `Applied` gives its object,
 * `Restarted` gives each of its objects, `Deleted` gives nothing.
 *
 * ```text
 * source:         --A(a)--D(a)--R([b,c])--|
 * appliedObjects: --a-----------(bc)------|
 * ```
 *
 * ## Example
 * ```ts
 * watcher(pods).pipe(appliedObjects()).subscribe((pod) => console.log(pod.metadata?.name));
 * ```
 */
export function appliedObjects<K>(): OperatorFunction<WatcherEvent<K>, K> {
  return mergeMap((event) => {
    switch (event.type) {
      case 'Applied':
        return [event.object];
      case 'Deleted':
        return [];
      case 'Restarted':
        return event.objects;
    }
  });
}
