// fakeListWatch(): a ListWatch whose answers are scripted Observables (marbles), for watcher tests.
import { throwError, type Observable } from 'rxjs';
import type { ListParams } from '../core/params/list-params.js';
import type { WatchParams } from '../core/params/watch-params.js';
import type { ObjectList } from '../core/object.js';
import type { WatchEvent } from '../core/watch/watch-event.js';
import type { ListWatch } from '../runtime/watcher/list-watch.js';

/** A {@link ListWatch} that records its calls. */
export interface FakeListWatch<K> extends ListWatch<K> {
  /** The params of every `list` call, in order. */
  readonly listCalls: ListParams[];
  /** The params and resourceVersion of every `watch` call, in order. */
  readonly watchCalls: { params: WatchParams; resourceVersion: string | undefined }[];
}

/** The scripted answers: the n-th call gets the n-th Observable. */
export interface FakeListWatchScript<K> {
  readonly lists?: readonly Observable<ObjectList<K>>[];
  readonly watches?: readonly Observable<WatchEvent<K>>[];
  /** @default 'fake resources' */
  readonly description?: string;
}

/**
 * A `ListWatch` for marble tests of anything built on `watcher()`: each `list`/`watch` call
 * returns the next scripted Observable (typically `cold(...)` from `TestScheduler.run`, so
 * `expectSubscriptions` proves what was subscribed and torn down). A call beyond the script
 * errors with a message that says so.
 *
 * ## Example
 * ```ts
 * testScheduler.run(({ cold, expectObservable }) => {
 *   const source = fakeListWatch<Pod>({
 *     lists: [cold('-a|', { a: objectList([pod('p1')], '10') })],
 *     watches: [cold('--m-', { m: watchEvent('MODIFIED', pod('p1', '11')) })],
 *   });
 *   expectObservable(watcher(source)).toBe('-r--m', { r: restarted([pod('p1')]), m: applied(pod('p1', '11')) });
 * });
 * ```
 */
export function fakeListWatch<K>(script: FakeListWatchScript<K>): FakeListWatch<K> {
  const lists = [...(script.lists ?? [])];
  const watches = [...(script.watches ?? [])];
  const listCalls: ListParams[] = [];
  const watchCalls: { params: WatchParams; resourceVersion: string | undefined }[] = [];
  return {
    description: script.description ?? 'fake resources',
    listCalls,
    watchCalls,
    list(params) {
      listCalls.push(params);
      return lists.shift() ?? throwError(() => new Error(`fakeListWatch: list call ${listCalls.length} was not scripted`));
    },
    watch(params, resourceVersion) {
      watchCalls.push({ params, resourceVersion });
      return watches.shift() ?? throwError(() => new Error(`fakeListWatch: watch call ${watchCalls.length} was not scripted`));
    },
  };
}
