// The watcher's state machine: list (or stream), watch, resume, relist, back off.
import { EMPTY, Subscription, throwError, timeout, timer, type Observable, type Observer, type SchedulerLike, type Subscriber } from 'rxjs';
import { isClientError, ClientError } from '../../client/errors/client-error.js';
import { ApiError, isApiError } from '../../core/errors/api-error.js';
import type { KubeObject } from '../../core/object.js';
import { objectKeyOf } from '../reflector/object-key.js';
import { DEFAULT_WATCH_TIMEOUT_SECONDS } from '../../core/params/watch-params.js';
import { isInitialEventsEnd, type WatchEvent } from '../../core/watch/watch-event.js';
import type { Backoff } from '../backoff/backoff-policy.js';
import type { ListWatch } from './list-watch.js';
import type { WatcherConfig } from './watcher-config.js';
import { WatcherError, type WatcherErrorReason } from './watcher-error.js';
import { applied, deleted, restarted, type WatcherEvent } from './watcher-event.js';

/** Seconds the idle watchdog adds to the server-side watch timeout (kube-rs's margin). */
export const WATCH_IDLE_MARGIN_SECONDS = 5;

/** The default bound on each page of the initial list, ms: kube-rs's read timeout, 295 s. */
export const DEFAULT_LIST_TIMEOUT_MS = 295_000;

/**
 * One subscription's worth of watcher: it owns the current request and the backoff state.
 * Each phase (`#list`, `#watch`, `#stream`, a backoff delay) replaces the previous one's
 * subscription, so unsubscribing the whole watcher tears down exactly what is running.
 *
 * @internal used by `watcher()`
 */
export class WatchLoop<K extends KubeObject> {
  readonly #source: ListWatch<K>;
  readonly #config: WatcherConfig;
  readonly #subscriber: Subscriber<WatcherEvent<K>>;
  readonly #scheduler: SchedulerLike;
  readonly #backoff: Backoff;
  #current = new Subscription();
  #resourceVersion: string | undefined;
  #streaming: boolean;
  /** 410s in a row with no watch event between them: the first relists at once, later ones back off. */
  #expired = 0;

  constructor(
    source: ListWatch<K>,
    config: WatcherConfig,
    subscriber: Subscriber<WatcherEvent<K>>,
    scheduler: SchedulerLike,
    backoff: Backoff,
  ) {
    this.#source = source;
    this.#config = config;
    this.#subscriber = subscriber;
    this.#scheduler = scheduler;
    this.#backoff = backoff;
    this.#streaming = config.initialListStrategy === 'StreamingList';
  }

  /** Starts with a (re)list; returns the teardown. */
  start(): () => void {
    this.#relist();
    return () => this.#current.unsubscribe();
  }

  #relist(): void {
    if (this.#streaming) this.#stream();
    else this.#listPage(undefined, []);
  }

  #listPage(continueToken: string | undefined, objects: K[]): void {
    const { labelSelector, fieldSelector, pageSize = 500, listSemantic = 'MostRecent' } = this.#config;
    const params = {
      ...(labelSelector === undefined ? {} : { labelSelector }),
      ...(fieldSelector === undefined ? {} : { fieldSelector }),
      ...(pageSize > 0 ? { limit: pageSize } : {}),
      ...(continueToken === undefined ? {} : { continueToken }),
      ...(continueToken === undefined && listSemantic === 'Any' ? { resourceVersion: '0' } : {}),
    };
    let answered = false;
    const { listTimeout = DEFAULT_LIST_TIMEOUT_MS } = this.#config;
    const page = () =>
      this.#source.list(params).pipe(
        timeout({
          first: listTimeout,
          with: () => throwError(() => new ClientError('Timeout', `the list got no answer within ${listTimeout} ms (listTimeout)`)),
          scheduler: this.#scheduler,
        }),
      );
    this.#run(page, {
      next: (page) => {
        answered = true;
        for (const item of page.items) objects.push(item);
        const next = page.metadata.continue;
        if (next !== undefined && next !== '') {
          this.#listPage(next, objects);
          return;
        }
        const rv = page.metadata.resourceVersion;
        if (rv === undefined || rv === '') {
          this.#fail('NoResourceVersion', undefined, () => this.#relist());
          return;
        }
        this.#resourceVersion = rv;
        this.#emit(restarted(objects));
        this.#watch();
      },
      error: (error: unknown) => this.#fail('InitialListFailed', error, () => this.#relist()),
      complete: () => {
        if (!answered) this.#fail('InitialListFailed', new Error('the list ended without an answer'), () => this.#relist());
      },
    });
  }

  #watchParams(): { timeoutSeconds: number; allowWatchBookmarks: boolean } & WatcherConfigSelectors {
    const { labelSelector, fieldSelector, timeoutSeconds = DEFAULT_WATCH_TIMEOUT_SECONDS, bookmarks = true } = this.#config;
    return {
      ...(labelSelector === undefined ? {} : { labelSelector }),
      ...(fieldSelector === undefined ? {} : { fieldSelector }),
      timeoutSeconds,
      allowWatchBookmarks: bookmarks,
    };
  }

  #idleTimeoutMs(): number {
    return ((this.#config.timeoutSeconds ?? DEFAULT_WATCH_TIMEOUT_SECONDS) + WATCH_IDLE_MARGIN_SECONDS) * 1000;
  }

  #watch(): void {
    let sawEvent = false;
    const events = () =>
      this.#source
        .watch(this.#watchParams(), this.#resourceVersion)
        .pipe(timeout({ each: this.#idleTimeoutMs(), with: () => EMPTY, scheduler: this.#scheduler }));
    this.#run(events, {
      next: (event) => {
        sawEvent = true;
        if (event.type !== 'ERROR') this.#expired = 0;
        this.#onWatchEvent(event);
      },
      error: (error: unknown) => this.#onWatchFailure(error, sawEvent, () => this.#watch()),
      // The server ended the stream (timeoutSeconds) or the watchdog fired: resume, no relist.
      complete: () => this.#watch(),
    });
  }

  #stream(): void {
    const initial = new Map<string, K>();
    let synced = false;
    let sawEvent = false;
    const { listSemantic = 'MostRecent' } = this.#config;
    const params = { ...this.#watchParams(), allowWatchBookmarks: true, sendInitialEvents: true };
    const events = () =>
      this.#source
        .watch(params, listSemantic === 'Any' ? '0' : undefined)
        .pipe(timeout({ each: this.#idleTimeoutMs(), with: () => EMPTY, scheduler: this.#scheduler }));
    this.#run(events, {
      next: (event) => {
        sawEvent = true;
        if (event.type !== 'ERROR') this.#expired = 0;
        if (synced) {
          this.#onWatchEvent(event);
          return;
        }
        switch (event.type) {
          case 'ADDED':
          case 'MODIFIED':
            initial.set(objectKeyOf(event.object), event.object);
            return;
          case 'DELETED':
            initial.delete(objectKeyOf(event.object));
            return;
          case 'BOOKMARK':
            if (isInitialEventsEnd(event)) {
              synced = true;
              this.#resourceVersion = event.object.metadata.resourceVersion;
              this.#emit(restarted([...initial.values()]));
              initial.clear();
            }
            return;
          case 'ERROR':
            this.#onWatchFailure(new ApiError(event.object, undefined, { inBand: true }), true, () => this.#stream());
            return;
        }
      },
      error: (error: unknown) => {
        if (!synced && isRefusal(error)) {
          // The server does not do streaming lists: list+watch from now on.
          this.#streaming = false;
          this.#relist();
          return;
        }
        this.#onWatchFailure(error, sawEvent, () => (synced ? this.#watch() : this.#stream()));
      },
      complete: () => {
        if (synced) {
          this.#watch();
          return;
        }
        // Ended before the initial-events-end bookmark: the server ignored sendInitialEvents.
        this.#streaming = false;
        this.#relist();
      },
    });
  }

  #onWatchEvent(event: WatchEvent<K>): void {
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
      case 'DELETED': {
        const rv = event.object.metadata?.resourceVersion;
        if (rv === undefined || rv === '') {
          this.#fail('NoResourceVersion', undefined, () => this.#relist());
          return;
        }
        this.#resourceVersion = rv;
        this.#emit(event.type === 'DELETED' ? deleted(event.object) : applied(event.object));
        return;
      }
      case 'BOOKMARK':
        this.#resourceVersion = event.object.metadata.resourceVersion;
        return;
      case 'ERROR':
        // Api.watch turns in-band errors into an error notification; a raw ListWatch may not.
        this.#onWatchFailure(new ApiError(event.object, undefined, { inBand: true }), true, () => this.#watch());
        return;
    }
  }

  #onWatchFailure(error: unknown, sawEvent: boolean, retry: () => void): void {
    const reason = watchFailureReason(error, sawEvent);
    if (isApiError(error) && error.isGone()) {
      // 410: the resourceVersion is too old, relist. The first is recovery, not failure: at
      // once and silent. A 410 again before any watch event (a server that expires whatever
      // we list) is a failure: reported, and relisted only after the backoff.
      this.#resourceVersion = undefined;
      this.#expired += 1;
      if (this.#expired === 1) this.#relist();
      else this.#fail(reason, error, () => this.#relist());
      return;
    }
    this.#fail(reason, error, retry);
  }

  #fail(reason: WatcherErrorReason, cause: unknown, retry: () => void): void {
    const forbidden = isApiError(cause) && (cause.isForbidden() || cause.isUnauthorized());
    const error = new WatcherError(forbidden ? 'Forbidden' : reason, this.#source.description, cause === undefined ? undefined : { cause });
    try {
      this.#config.onError?.(error);
    } catch (callbackError) {
      this.#subscriber.error(callbackError);
      return;
    }
    const giveUp = this.#config.retry === false || (forbidden && this.#config.retryForbidden !== true);
    const delay = giveUp ? undefined : this.#backoff.next();
    if (delay === undefined) {
      this.#subscriber.error(error);
      return;
    }
    this.#run(() => timer(delay, this.#scheduler), { complete: retry });
  }

  #emit(event: WatcherEvent<K>): void {
    // Progress resets the backoff; a relist's Restarted while 410s repeat is not progress yet.
    if (this.#expired === 0) this.#backoff.reset();
    this.#subscriber.next(event);
  }

  #run<T>(start: () => Observable<T>, observer: Partial<Observer<T>>): void {
    // An emitted event may have made the consumer unsubscribe (take(1), firstValueFrom): then
    // the phase that emitted it must not start another one, not even build its request.
    if (this.#subscriber.closed) return;
    this.#current.unsubscribe();
    const phase = new Subscription();
    this.#current = phase;
    // If the source finishes synchronously and starts the next phase, `phase` is already closed
    // and adding the inner subscription to it tears that down at once: nothing leaks.
    phase.add(start().subscribe(observer));
  }
}

type WatcherConfigSelectors = Pick<WatcherConfig, 'labelSelector' | 'fieldSelector'>;

/**
 * The phase a watch failure belongs to: refused before it started (`WatchStartFailed`), an
 * in-band `ERROR` event (`WatchError`), or a stream that broke after the 200 (`WatchFailed`).
 */
function watchFailureReason(error: unknown, sawEvent: boolean): WatcherErrorReason {
  if (isApiError(error)) return error.inBand || sawEvent ? 'WatchError' : 'WatchStartFailed';
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'WatchDecodeError' || name === 'LineTooLongError') return 'WatchFailed';
  if (isClientError(error) && error.responseStarted) return 'WatchFailed';
  return sawEvent ? 'WatchFailed' : 'WatchStartFailed';
}

/** A 4xx answer that means "this server does not do that", as opposed to a transient failure. */
function isRefusal(error: unknown): boolean {
  if (!isApiError(error)) return false;
  const code = error.code;
  return code >= 400 && code < 500 && code !== 401 && code !== 403 && code !== 408 && code !== 410 && code !== 429;
}
