// reflect(): keeps a store in step with a watcher stream, passing the events on.
import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import type { WatcherEvent } from '../watcher/watcher-event.js';
import type { StoreWriter } from './store.js';

/**
 * Applies every watcher event to a store, then re-emits it unchanged.
 *
 * ```text
 * source:  --A--D--R--|      A = Applied(a)  D = Deleted(a)  R = Restarted([b])
 * reflect: --A--D--R--|      store after each: {a}  {}  {b}
 * ```
 *
 * The store is updated *before* downstream sees the event, so a subscriber reading the
 * store on an event sees that event applied. If the source errors, completes or is
 * unsubscribed before the store was ready (its first `Restarted`), the store's `ready()`
 * rejects with a `StoreError` `WriterDropped` (the source's error as `cause`), so nothing
 * awaiting it hangs; a later subscription feeds (and readies) the store again.
 *
 * ## Example
 * ```ts
 * const { reader, writer } = createStore<Pod>();
 * watcher(pods).pipe(reflect(writer), appliedObjects()).subscribe((pod) => console.log(reader.size));
 * ```
 *
 * Give each writer to one reflector only: a `Restarted` replaces the whole store.
 */
export function reflect<K>(writer: StoreWriter<K>): MonoTypeOperatorFunction<WatcherEvent<K>> {
  return (source) =>
    new Observable<WatcherEvent<K>>((subscriber) => {
      let ended = false;
      writer.attach();
      const subscription = source.subscribe({
        next: (event) => {
          try {
            writer.apply(event);
          } catch (error) {
            ended = true;
            subscriber.error(error);
            writer.abandon(error);
            return;
          }
          subscriber.next(event);
        },
        error: (error: unknown) => {
          ended = true;
          // Downstream first: whoever waits on the store learns the real cause from the stream.
          subscriber.error(error);
          writer.abandon(error);
        },
        complete: () => {
          ended = true;
          subscriber.complete();
          writer.abandon('it completed');
        },
      });
      return () => {
        subscription.unsubscribe();
        if (!ended) writer.abandon('it was unsubscribed');
      };
    });
}
