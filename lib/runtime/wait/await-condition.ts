// awaitCondition(): wait until one named object satisfies a condition.
import { filter, firstValueFrom, take, type Observable } from 'rxjs';
import type { KubeObject } from '../../core/object.js';
import type { ListWatch, ListWatchApi } from '../watcher/list-watch.js';
import { watchObject } from '../watcher/watch-object.js';
import type { WatcherConfig } from '../watcher/watcher-config.js';
import type { Condition } from './conditions.js';

/**
 * Emits the object (or `undefined` if it is absent) the first time `condition` holds for it,
 * then completes. Cold: it watches only while subscribed. No timeout of its own: add one
 * with `timeout()` if you need it.
 *
 * ```text
 * object:    --o1(pending)--o2(running)--
 * condition: isPodRunning()
 * result:    ---------------(o2|)
 * ```
 */
export function untilCondition<K extends KubeObject>(
  source: ListWatchApi<K> | ListWatch<K>,
  name: string,
  condition: Condition<K>,
  config: Omit<WatcherConfig, 'fieldSelector'> = {},
): Observable<K | undefined> {
  return watchObject(source, name, config).pipe(filter(condition), take(1));
}

/**
 * Resolves with the object (or `undefined`) once `condition` holds for the object named
 * `name` (kube-rs `await_condition`). Pass `signal` to give up.
 *
 * ## Example
 * ```ts
 * await awaitCondition(crds, 'widgets.example.com', conditions.isCrdEstablished(), { signal: AbortSignal.timeout(10_000) });
 * const created = await pods.create(pod);
 * await awaitCondition(pods, 'web', conditions.isDeleted(created.metadata!.uid!));
 * ```
 *
 * @throws the watch's terminal error (e.g. a `Forbidden` WatcherError), or the signal's reason.
 */
export function awaitCondition<K extends KubeObject>(
  source: ListWatchApi<K> | ListWatch<K>,
  name: string,
  condition: Condition<K>,
  options: Omit<WatcherConfig, 'fieldSelector'> & { signal?: AbortSignal } = {},
): Promise<K | undefined> {
  const { signal, ...config } = options;
  if (signal === undefined) return firstValueFrom(untilCondition(source, name, condition, config));
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const abort = () => {
      subscription.unsubscribe();
      reject(signal.reason);
    };
    const subscription = untilCondition(source, name, condition, config).subscribe({
      next: (object) => {
        signal.removeEventListener('abort', abort);
        resolve(object);
      },
      error: (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    });
    signal.addEventListener('abort', abort, { once: true });
  });
}
