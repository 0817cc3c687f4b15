// The loop of an in-process controller: store events in, deduplicated keys synced on the background work.
import type { ServerContext } from './server-context.js';
import type { StoreEvent } from './store/store-event.js';

/** What a {@link KeyedWorkQueue} calls. */
export interface KeyedWorkHandlers {
  /** Called synchronously with every committed store event; adds the keys that need a sync. */
  observe(event: StoreEvent): void;
  /** Brings one key up to date; runs on the server's background work. */
  sync(key: string): void;
}

/**
 * A controller's informer and work queue in miniature (client-go's `workqueue`): every store
 * event goes to `observe`, which {@link add}s keys; each added key's `sync` runs later on the
 * server's background work (`ctx.defer`, so `settle()` waits for it and errors go to the
 * server's `onError`).
 *
 * ## Guarantees
 * - A key added again before its sync has started is queued once (one sync per burst).
 * - A key added while its sync runs (or after) is synced again.
 * - After {@link close}, no event is observed; syncs already deferred are cancelled by the
 *   background work's own close.
 *
 * ## Example
 * ```ts
 * const queue = new KeyedWorkQueue(ctx, {
 *   observe: (event) => { if (event.bucket === NAMESPACE_BUCKET) queue.add(event.object.metadata.name ?? ''); },
 *   sync: (name) => finalizeNamespace(name),
 * });
 * ```
 */
export class KeyedWorkQueue {
  readonly #defer: ServerContext['defer'];
  readonly #sync: (key: string) => void;
  readonly #queued = new Set<string>();
  readonly #unsubscribe: () => void;

  constructor(ctx: Pick<ServerContext, 'store' | 'defer'>, handlers: KeyedWorkHandlers) {
    this.#defer = ctx.defer;
    this.#sync = handlers.sync;
    this.#unsubscribe = ctx.store.subscribe((event) => handlers.observe(event));
  }

  /** Queues a sync of `key` unless one is already queued. */
  add(key: string): void {
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#defer(() => {
      this.#queued.delete(key);
      this.#sync(key);
    });
  }

  /** Stops observing the store. */
  close(): void {
    this.#unsubscribe();
  }
}
