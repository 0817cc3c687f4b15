// fakeListWatch(): a ListWatch whose answers are scripted Observables (marbles), for watcher tests.
import type { Observable } from 'rxjs';
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
 * `expectSubscriptions` proves what was subscribed and torn down).
 *
 * A call beyond the script **throws** (synchronously, from `list`/`watch`) a
 * {@link FakeListWatchExhausted} error that says which call was not scripted. It does not
 * return an erroring Observable on purpose: the watcher would take that for a failure and
 * retry it forever, in virtual time, so a test without an unsubscribe marble would spin out
 * of reach of the test runner's timeout. The throw escapes the watcher and fails the test
 * (`TestScheduler.run` rethrows it, or the stream errors with it).
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
      const next = lists.shift();
      if (next === undefined) throw new FakeListWatchExhausted('list', listCalls.length, script.lists?.length ?? 0);
      return next;
    },
    watch(params, resourceVersion) {
      watchCalls.push({ params, resourceVersion });
      const next = watches.shift();
      if (next === undefined) throw new FakeListWatchExhausted('watch', watchCalls.length, script.watches?.length ?? 0);
      return next;
    },
  };
}

/** A {@link fakeListWatch} was called more often than its script answers. */
export class FakeListWatchExhausted extends Error {
  override name = 'FakeListWatchExhausted' as const;

  constructor(call: 'list' | 'watch', count: number, scripted: number) {
    super(
      `fakeListWatch: ${call} call ${count} was not scripted (the script answers ${scripted}): ` +
        `script more ${call}es, or end the test with an unsubscribe marble (expectObservable(x, '^ 10s !'))`,
    );
  }
}
