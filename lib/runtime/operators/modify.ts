// modify(): change objects in place as they pass, e.g. to drop fields before caching.
import { map, type MonoTypeOperatorFunction } from 'rxjs';
import type { WatcherEvent } from '../watcher/watcher-event.js';

/**
 * Calls `fn` on every object of every event (each object of a `Restarted`), in place, before
 * passing the event on. Use it before `reflect` to keep less in memory.
 *
 * ```text
 * source: --A(a)--R([b,c])--|
 * modify: --A(a')-R([b',c'])|   x' = x after fn(x)
 * ```
 *
 * ## Example
 * ```ts
 * watcher(pods).pipe(
 *   modify((pod) => { delete pod.metadata?.managedFields; }),
 *   reflect(writer),
 * );
 * ```
 *
 * If `fn` throws, the error is emitted downstream.
 */
export function modify<K>(fn: (object: K) => void): MonoTypeOperatorFunction<WatcherEvent<K>> {
  return map((event) => {
    switch (event.type) {
      case 'Applied':
      case 'Deleted':
        fn(event.object);
        return event;
      case 'Restarted':
        event.objects.forEach(fn);
        return event;
    }
  });
}
