// One open watch: filters store events for its client and writes them to the chunked response.
import type { ServerResponse } from 'node:http';
import type { ObjectMatcher } from '../objects/object-matcher.js';
import type { StoredObject, StoreEvent } from '../store/store-event.js';
import { encodeEvent, encodeWatchEvent, type EventSide, type WireType } from './encode-event.js';
import { bookmarkObject, renderForView, type WatchView } from './watch-view.js';

/** A watch client that reads slower than this many buffered bytes is disconnected. */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/** What a {@link WatchConnection} needs. */
export interface WatchConnectionInit {
  readonly res: ServerResponse;
  /** The request path and query, for hooks that wait for a particular watch. */
  readonly url: string;
  readonly view: WatchView;
  /** Storage key prefix of the watched namespace (`''` for all). */
  readonly keyPrefix: string;
  readonly matches: ObjectMatcher;
  /** The client asked for BOOKMARK events. */
  readonly bookmarks: boolean;
  /** Renders an event line itself (Tables); when absent the shared encoded bytes are used. */
  readonly render?: (type: string, object: StoredObject) => Buffer;
}

/**
 * One watch stream. Delivers the events of its bucket that concern it, applying
 * kube-apiserver's selector transitions: an update that makes an object match is `ADDED`,
 * one that makes it stop matching is `DELETED` (with the previous content), deletes are
 * `DELETED` with the last state. Lines are the event's shared bytes: a watcher never
 * copies or re-serializes an object another watcher of the same view already encoded.
 */
export class WatchConnection {
  readonly view: WatchView;
  readonly bookmarks: boolean;
  /** The request path and query. */
  readonly url: string;
  readonly #res: ServerResponse;
  readonly #keyPrefix: string;
  readonly #matches: ObjectMatcher;
  readonly #render: ((type: string, object: StoredObject) => Buffer) | undefined;
  readonly #timers: NodeJS.Timeout[] = [];
  #closed = false;
  #onClose: (() => void) | undefined;

  constructor(init: WatchConnectionInit) {
    this.view = init.view;
    this.bookmarks = init.bookmarks;
    this.url = init.url;
    this.#res = init.res;
    this.#keyPrefix = init.keyPrefix;
    this.#matches = init.matches;
    this.#render = init.render;
    init.res.on('close', () => this.#finish());
  }

  /** True once the stream has ended or the client went away. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Called once when the connection is over (for the hub to forget it). */
  onClose(callback: () => void): void {
    this.#onClose = callback;
  }

  /** Runs `task` after `ms` unless the connection closes first. */
  after(ms: number, task: () => void): void {
    const timer = setTimeout(task, ms);
    timer.unref();
    this.#timers.push(timer);
  }

  /** Sends the synthetic ADDED of an existing (stored) object, if it matches. */
  sendInitial(object: StoredObject): void {
    if (!this.#matches(object)) return;
    this.#write(this.#render?.('ADDED', object) ?? encodeWatchEvent(this.view.media, 'ADDED', renderForView(this.view, object)));
  }

  /** Delivers one store event of this connection's bucket. */
  deliver(event: StoreEvent): void {
    if (this.#closed || !event.key.startsWith(this.#keyPrefix)) return;
    switch (event.type) {
      case 'ADDED':
        if (this.#matches(event.object)) this.#send(event, 'ADDED', 'current');
        return;
      case 'MODIFIED': {
        const now = this.#matches(event.object);
        const before = event.previous !== undefined && this.#matches(event.previous);
        if (now && before) this.#send(event, 'MODIFIED', 'current');
        else if (now) this.#send(event, 'ADDED', 'current');
        else if (before) this.#send(event, 'DELETED', 'previous');
        return;
      }
      case 'DELETED':
        if (this.#matches(event.object)) this.#send(event, 'DELETED', 'current');
        return;
    }
  }

  /** Sends a BOOKMARK at `rv` (if bookmarks were asked for, or `force`). */
  sendBookmark(rv: number, annotations?: Record<string, string>, force = false): void {
    if (this.#closed || (!this.bookmarks && !force)) return;
    this.#write(encodeWatchEvent(this.view.media, 'BOOKMARK', bookmarkObject(this.view, rv, annotations)));
  }

  /** Sends an ERROR event carrying a Status, then ends the stream. */
  sendError(status: object): void {
    if (this.#closed) return;
    this.#write(encodeWatchEvent(this.view.media, 'ERROR', status));
    this.end();
  }

  /** Ends the stream cleanly (the chunked body is terminated), or abruptly (the socket is destroyed). */
  end(abrupt = false): void {
    if (this.#closed) return;
    if (abrupt) this.#res.destroy();
    else this.#res.end();
    this.#finish();
  }

  #send(event: StoreEvent, type: WireType, side: EventSide): void {
    if (this.#render !== undefined) {
      const state = side === 'previous' && event.previous !== undefined ? { ...event.previous, metadata: { ...event.previous.metadata, resourceVersion: String(event.rv) } } : event.object;
      this.#write(this.#render(type, state as StoredObject));
      return;
    }
    this.#write(encodeEvent(event, type, side, this.view));
  }

  #write(bytes: Buffer): void {
    if (this.#closed) return;
    if (this.#res.writableLength > MAX_BUFFERED_BYTES) {
      this.end(true);
      return;
    }
    this.#res.write(bytes);
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.length = 0;
    this.#onClose?.();
  }
}
