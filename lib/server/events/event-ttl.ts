// Expires Events after a TTL, as kube-apiserver's --event-ttl (default 1 h) does through etcd leases.
import type { ServerContext } from '../server-context.js';
import type { StoreEvent } from '../store/store-event.js';
import { EVENT_BUCKET } from './event-hooks.js';

/**
 * Deletes each Event `ttlMs` after its last write (every write renews the lease, as in
 * etcd), so watchers see a DELETED event when it expires.
 */
export class EventTtl {
  readonly #ctx: ServerContext;
  readonly #ttlMs: number;
  readonly #unsubscribe: () => void;

  constructor(ctx: ServerContext, ttlMs: number) {
    this.#ctx = ctx;
    this.#ttlMs = ttlMs;
    this.#unsubscribe = ctx.store.subscribe((event) => this.#observe(event));
  }

  /** Stops expiring events. */
  close(): void {
    this.#unsubscribe();
  }

  #observe(event: StoreEvent): void {
    if (event.bucket !== EVENT_BUCKET || event.type === 'DELETED') return;
    const rv = event.object.metadata.resourceVersion;
    this.#ctx.defer(() => {
      const current = this.#ctx.store.get(EVENT_BUCKET, event.key);
      if (current !== undefined && current.metadata.resourceVersion === rv) this.#ctx.store.remove(EVENT_BUCKET, event.key);
    }, this.#ttlMs);
  }
}
