// Fans store events out to every open watch of the event's bucket, and runs bookmarks and drops.
import type { ObjectStore } from '../store/object-store.js';
import type { StoreEvent } from '../store/store-event.js';
import type { WatchConnection } from './watch-connection.js';

/**
 * The registry of open watches, indexed by storage bucket. One store listener feeds them
 * all, synchronously and in commit order; each event is encoded at most once per view
 * (see `encodeEvent`), whatever the number of watchers.
 */
export class WatchHub {
  readonly #byBucket = new Map<string, Set<WatchConnection>>();
  readonly #store: ObjectStore;
  readonly #unsubscribe: () => void;
  readonly #bookmarkTimer: NodeJS.Timeout | undefined;
  readonly #waiters: { readonly matches: (url: string) => boolean; readonly resolve: (connection: WatchConnection) => void }[] = [];

  /**
   * @param bookmarkIntervalMs How often every watch that asked for bookmarks gets one
   *   (kube-apiserver: about a minute); 0 disables the periodic bookmarks.
   */
  constructor(store: ObjectStore, bookmarkIntervalMs: number) {
    this.#store = store;
    this.#unsubscribe = store.subscribe((event) => this.#dispatch(event));
    if (bookmarkIntervalMs > 0) {
      this.#bookmarkTimer = setInterval(() => this.sendBookmarks(), bookmarkIntervalMs);
      this.#bookmarkTimer.unref();
    }
  }

  /** How many watches are open. */
  get size(): number {
    let n = 0;
    for (const set of this.#byBucket.values()) n += set.size;
    return n;
  }

  /** Starts delivering the events of `bucket` to `connection`. */
  add(bucket: string, connection: WatchConnection): void {
    let set = this.#byBucket.get(bucket);
    if (set === undefined) {
      set = new Set();
      this.#byBucket.set(bucket, set);
    }
    set.add(connection);
    connection.onClose(() => set.delete(connection));
    for (const waiter of [...this.#waiters]) {
      if (!waiter.matches(connection.url)) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve(connection);
    }
  }

  /** Resolves with the next watch that starts (whose path and query contain `urlPart`, if given). */
  nextWatch(urlPart?: string): Promise<WatchConnection> {
    return new Promise((resolve) => this.#waiters.push({ matches: (url) => urlPart === undefined || url.includes(urlPart), resolve }));
  }

  /** Sends a bookmark at the current resourceVersion to every watch that asked for them. */
  sendBookmarks(): void {
    const rv = this.#store.resourceVersion;
    for (const set of this.#byBucket.values()) for (const connection of [...set]) connection.sendBookmark(rv);
  }

  /** Ends every open watch: cleanly (end of the chunked body) or abruptly (socket destroyed). */
  dropAll(abrupt = false): void {
    for (const set of this.#byBucket.values()) for (const connection of [...set]) connection.end(abrupt);
  }

  /** Ends every watch and stops listening. */
  close(): void {
    this.dropAll();
    this.#unsubscribe();
    if (this.#bookmarkTimer !== undefined) clearInterval(this.#bookmarkTimer);
  }

  #dispatch(event: StoreEvent): void {
    const set = this.#byBucket.get(event.bucket);
    if (set === undefined) return;
    for (const connection of set) connection.deliver(event);
  }
}
