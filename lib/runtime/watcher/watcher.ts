// watcher(): a cold Observable of Applied/Deleted/Restarted that lists, watches and never silently dies.
import { asyncScheduler, Observable } from 'rxjs';
import type { KubeObject } from '../../core/object.js';
import { defaultBackoff } from '../backoff/backoff-policy.js';
import { fromApi, isListWatch, type ListWatch, type ListWatchApi } from './list-watch.js';
import { WatchLoop } from './watch-loop.js';
import type { WatcherConfig } from './watcher-config.js';
import type { WatcherEvent } from './watcher-event.js';

/**
 * Watches a resource: lists it (in pages of 500) and emits `Restarted` with every object,
 * then watches from the list's resourceVersion and emits `Applied`/`Deleted` for each change.
 * Known elsewhere as an informer's list-watch.
 *
 * ```text
 * list pages:   --p1--p2|
 * watch:                  --a--m--b--|  (server ends after timeoutSeconds)
 * watcher:      --------R--A--A--B------ (resumes silently from the last resourceVersion)
 *               R = Restarted([...p1, ...p2])  A = Applied  B = Bookmark → nothing emitted
 * ```
 *
 * It is cold: each subscription lists and watches on its own; unsubscribing aborts the
 * request in flight and cancels any pending retry.
 *
 * ## Recovery
 * - The server ends the stream (`timeoutSeconds`, default 290) or nothing arrives for
 *   `timeoutSeconds + 5` s (the idle watchdog for dead connections): re-watch from the last
 *   resourceVersion seen (bookmarks keep it fresh). No relist, nothing emitted.
 * - 410 Gone/Expired, in-band `ERROR` or HTTP: relist at once, emit `Restarted`. When 410s
 *   repeat with no watch event between them, each further one is a failure like any other
 *   (reported, relisted after the backoff), so a server that expires everything cannot make
 *   the watcher relist in a hot loop.
 * - A list page unanswered for `listTimeout` (295 s): abandoned, reported, retried.
 * - Any other failure: reported through `config.onError` as a {@link WatcherError} naming the
 *   resource and the phase, then retried after `config.backoff` (800 ms doubling to 30 s,
 *   jittered), which resets only after progress (an emitted event; a `Restarted` that a
 *   repeated 410 forced counts only once a watch event follows it).
 * - `retry: false`, or a backoff that returns `undefined`: the failure ends the stream.
 * - 401/403: ends the stream with a `Forbidden` WatcherError, unless `retryForbidden`.
 *
 * ## Example
 * ```ts
 * import { watcher } from 'kube-rx/runtime';
 *
 * watcher(Api.namespaced(client, Pod, 'default'), { labelSelector: 'app=web' }).subscribe((event) => {
 *   switch (event.type) {
 *     case 'Applied': console.log('applied', event.object.metadata?.name); break;
 *     case 'Deleted': console.log('deleted', event.object.metadata?.name); break;
 *     case 'Restarted': console.log('now', event.objects.length, 'pods'); break;
 *   }
 * });
 * ```
 *
 * ## Memory
 * Objects are the parsed JSON of the response, passed on without copies. Use `modify()` to
 * strip fields you do not need (e.g. `managedFields`) before caching them.
 *
 * @param source An `Api` from `kube-rx/client`, or any {@link ListWatch}.
 * @param config Selectors, timeouts, paging, backoff and error reporting.
 * @returns A cold Observable that never completes on its own.
 */
export function watcher<K extends KubeObject>(
  source: ListWatchApi<K> | ListWatch<K>,
  config: WatcherConfig = {},
): Observable<WatcherEvent<K>> {
  const listWatch = isListWatch(source) ? source : fromApi(source);
  const { scheduler = asyncScheduler, backoff = defaultBackoff() } = config;
  return new Observable<WatcherEvent<K>>((subscriber) =>
    new WatchLoop(listWatch, config, subscriber, scheduler, backoff(scheduler)).start(),
  );
}
