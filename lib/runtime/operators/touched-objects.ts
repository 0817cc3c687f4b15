// touchedObjects(): every object an event touches, deleted ones included.
import { mergeMap, type OperatorFunction } from 'rxjs';
import type { WatcherEvent } from '../watcher/watcher-event.js';

/**
 * Like {@link appliedObjects}, but `Deleted` gives its (last known) object too: for triggers
 * that must react to deletions, e.g. a child object deleted → reconcile its owner.
 *
 * ```text
 * source:         --A(a)--D(a)--R([b,c])--|
 * touchedObjects: --a-----a-----(bc)------|
 * ```
 */
export function touchedObjects<K>(): OperatorFunction<WatcherEvent<K>, K> {
  return mergeMap((event) => {
    switch (event.type) {
      case 'Applied':
      case 'Deleted':
        return [event.object];
      case 'Restarted':
        return event.objects;
    }
  });
}
