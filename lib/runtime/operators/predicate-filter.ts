// predicateFilter(): drop events whose predicate value did not change; never drop deletes.
import { asyncScheduler, Observable, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import type { KubeObject } from '../../core/object.js';
import { restarted, type WatcherEvent } from '../watcher/watcher-event.js';
import type { Predicate } from './predicates.js';

/** Options of {@link predicateFilter}. */
export interface PredicateFilterConfig {
  /** Let an unchanged object through again when it was last seen longer ago than this, ms. @default 3600000 */
  readonly ttl?: number;
  /** Clock for the TTL. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/**
 * Passes an `Applied` event only when the predicate's value for that object changed since it
 * was last seen (or the object is new, or the predicate has no value, or the TTL expired).
 * `Deleted` events always pass — a predicate never hides a deletion (kube-rs #1768). A
 * `Restarted` passes with only the objects that changed, so put this operator **after**
 * `reflect`: the store needs every object.
 *
 * ```text
 * source:          --A(g1)--A(g1)--A(g2)--D--R([g2])--|   g = generation
 * predicateFilter: --A(g1)---------A(g2)--D--R([])----|
 * ```
 *
 * Objects are keyed by namespace, name **and uid**, so an object deleted and recreated with
 * the same generation passes (kube-rs #1830).
 *
 * ## Example
 * ```ts
 * watcher(deployments).pipe(reflect(writer), predicateFilter(predicates.generation), appliedObjects());
 * ```
 */
export function predicateFilter<K extends KubeObject>(
  predicate: Predicate<K>,
  config: PredicateFilterConfig = {},
): MonoTypeOperatorFunction<WatcherEvent<K>> {
  const { ttl = 3_600_000, scheduler = asyncScheduler } = config;
  return (source) =>
    new Observable<WatcherEvent<K>>((subscriber) => {
      const seen = new Map<string, { value: string; at: number }>();
      const changed = (object: K, now: number): boolean => {
        const value = predicate(object);
        if (value === undefined) return true;
        const key = cacheKey(object);
        const previous = seen.get(key);
        seen.set(key, { value, at: now });
        return previous === undefined || previous.value !== value || now - previous.at > ttl;
      };
      return source.subscribe({
        next: (event) => {
          const now = scheduler.now();
          let out: WatcherEvent<K> | undefined;
          try {
            switch (event.type) {
              case 'Applied':
                out = changed(event.object, now) ? event : undefined;
                break;
              case 'Deleted':
                seen.delete(cacheKey(event.object));
                out = event;
                break;
              case 'Restarted': {
                const previous = new Map(seen);
                seen.clear();
                const passed = event.objects.filter((object) => {
                  const key = cacheKey(object);
                  const old = previous.get(key);
                  if (old !== undefined) seen.set(key, old);
                  return changed(object, now);
                });
                out = restarted(passed);
                break;
              }
            }
          } catch (error) {
            subscriber.error(error);
            return;
          }
          if (out !== undefined) subscriber.next(out);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}

function cacheKey(object: KubeObject): string {
  const meta = object.metadata;
  return `${meta?.namespace ?? ''}/${meta?.name ?? ''}/${meta?.uid ?? ''}`;
}
