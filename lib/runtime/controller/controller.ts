// Controller: the builder that wires watches, a store, triggers and an applier into run().
import { EMPTY, map, merge, mergeMap, Observable, share, skip, take, takeUntil, type SchedulerLike } from 'rxjs';
import type { KubeObject } from '../../core/object.js';
import { objectRef } from '../../core/object-ref.js';
import type { ResourceType } from '../../core/resource-type.js';
import { reflect } from '../reflector/reflect.js';
import { createStore, type Store, type StoreOptions, type StoreWriter } from '../reflector/store.js';
import { metadataFromApi, type ListWatch, type ListWatchApi } from '../watcher/list-watch.js';
import { watcher } from '../watcher/watcher.js';
import type { WatcherConfig } from '../watcher/watcher-config.js';
import type { WatcherError } from '../watcher/watcher-error.js';
import { applier, type ApplierConfig, type ErrorPolicy, type Reconciler } from './applier.js';
import { ControllerError } from './controller-error.js';
import type { ReconcileRequest } from './reconcile-request.js';
import type { ReconcileResult } from './reconcile-result.js';
import { processSignals } from './shutdown-signals.js';
import { refTo, triggerOwners, triggerSelf, triggerWith, type RefLike } from './triggers.js';

/** Options of a {@link Controller}. */
export interface ControllerConfig extends ApplierConfig {
  /** Called with every failure of any of the controller's watches (which one is in the error). */
  readonly onWatchError?: (error: WatcherError) => void;
}

type TriggerFactory<K> = (store: Store<K>, scheduler: SchedulerLike | undefined, onError: ((e: WatcherError) => void) | undefined) => Observable<ReconcileRequest>;

/**
 * Runs a reconciler for every object of one kind, whenever it or something related changes
 * (kube-rs's `Controller`, controller-runtime's builder). Start here; every piece it wires
 * (`watcher`, `reflect`, `triggerSelf`, `triggerOwners`, `triggerWith`, `applier`) is also
 * exported for custom pipelines.
 *
 * ## Example
 * ```ts
 * const results$ = Controller.for(Api.all(client, ConfigMapGenerator))
 *   .owns(Api.all(client, ConfigMap))
 *   .shutdownOnSignal()
 *   .run(reconcile, exponentialRequeue(), { client });
 * results$.subscribe((r) => console.log(r.type, formatObjectRef(r.request.ref)));
 * ```
 *
 * ## Guarantees
 * Those of {@link applier}: one reconcile per object at a time, deduplicated requests,
 * reconciles only once the store holds the initial list, failures as results (never the end
 * of `run()`). Each watch retries with its own backoff, so one failing watch does not pause
 * the others.
 *
 * ## Errors
 * `run()` errors only when a watch fails for good: `retry: false`, a backoff that gives up,
 * or a 401/403 (a controller without the RBAC it needs should fail loudly).
 *
 * ## Caveats
 * A controller runs once at a time: it owns one store, and two runs would reconcile one
 * object twice at once. While a `run()` subscription is active, another one errors at once
 * with a `ControllerError` `AlreadyRunning`; `share()` the results to observe them twice.
 * After the first ends (e.g. `whileLeading` lost the lease), `run()` may be subscribed again.
 */
export class Controller<K extends KubeObject> {
  readonly #source: ListWatch<K> | ListWatchApi<K>;
  readonly #resource: ResourceType<K>;
  readonly #watcherConfig: WatcherConfig;
  readonly #triggers: TriggerFactory<K>[] = [];
  readonly #shutdown: Observable<unknown>[] = [];
  readonly #store: Store<K>;
  readonly #writer: StoreWriter<K>;
  #config: ControllerConfig = {};
  #signals = false;
  #running = false;

  private constructor(source: ListWatch<K> | ListWatchApi<K>, resource: ResourceType<K>, config: WatcherConfig, storeOptions: StoreOptions<K>) {
    this.#source = source;
    this.#resource = resource;
    this.#watcherConfig = config;
    const { reader, writer } = createStore<K>(storeOptions);
    this.#store = reader;
    this.#writer = writer;
  }

  /**
   * A controller for the objects `api` addresses (all namespaces, or one), watched with
   * `config`; `storeOptions` adds indexes to its store.
   */
  static for<K extends KubeObject>(api: ListWatchApi<K>, config: WatcherConfig = {}, storeOptions: StoreOptions<K> = {}): Controller<K> {
    return new Controller<K>(api, api.resource, config, storeOptions);
  }

  /** A controller over any {@link ListWatch} (e.g. `fakeListWatch` in tests) of `resource`. */
  static forStream<K extends KubeObject>(source: ListWatch<K>, resource: ResourceType<K>, config: WatcherConfig = {}, storeOptions: StoreOptions<K> = {}): Controller<K> {
    return new Controller<K>(source, resource, config, storeOptions);
  }

  /** The controller's store: every object of the main kind, ready once the first list is in. */
  get store(): Store<K> {
    return this.#store;
  }

  /** Sets the applier options (concurrency, debounce, scheduler) and watch error reporting. */
  withConfig(config: ControllerConfig): this {
    this.#config = { ...this.#config, ...config };
    return this;
  }

  /**
   * Reconciles the owner when an object it owns changes or is deleted: `api`'s objects are
   * watched as metadata only, and each ownerReference to this controller's kind triggers it.
   */
  owns(api: ListWatchApi<unknown>, config: WatcherConfig = {}): this {
    return this.ownsStream(metadataFromApi(api), api.resource, config);
  }

  /** {@link owns} with any {@link ListWatch} of the child kind `childResource` (e.g. a fake in tests). */
  ownsStream(source: ListWatch<KubeObject>, childResource: Pick<ResourceType, 'apiVersion' | 'kind'>, config: WatcherConfig = {}): this {
    this.#triggers.push((_store, scheduler, onError) =>
      watcher(source, withDefaults(config, scheduler, onError)).pipe(triggerOwners(this.#resource, childResource)),
    );
    return this;
  }

  /** Reconciles what `mapper` returns whenever an object of `api` changes or is deleted. */
  watches<O extends KubeObject>(api: ListWatchApi<O>, mapper: (object: O) => Iterable<RefLike>, config: WatcherConfig = {}): this {
    return this.watchesStream(api, api.resource, mapper, config);
  }

  /** {@link watches} with any {@link ListWatch} (or Api) of the kind `resource`. */
  watchesStream<O extends KubeObject>(
    source: ListWatch<O> | ListWatchApi<O>,
    resource: Pick<ResourceType, 'apiVersion' | 'kind'>,
    mapper: (object: O) => Iterable<RefLike>,
    config: WatcherConfig = {},
  ): this {
    this.#triggers.push((_store, scheduler, onError) =>
      watcher(source, withDefaults(config, scheduler, onError)).pipe(triggerWith(this.#resource, mapper, resource)),
    );
    return this;
  }

  /** Reconciles every object in the store each time `trigger$` emits (e.g. a config reload). */
  reconcileAllOn(trigger$: Observable<unknown>): this {
    this.#triggers.push((store) =>
      trigger$.pipe(
        mergeMap(() => store.state().map((object) => ({ ref: objectRef(object, this.#resource), reason: { type: 'BulkReconcile' as const } }))),
      ),
    );
    return this;
  }

  /** Reconciles the objects `ref$` names, whenever it emits. */
  reconcileOn(ref$: Observable<RefLike>): this {
    this.#triggers.push(() => ref$.pipe(map((target) => ({ ref: refTo(this.#resource, target), reason: { type: 'Unknown' as const } }))));
    return this;
  }

  /**
   * Shuts down gracefully when `signal$` emits: no new reconciles start, running ones finish,
   * then `run()` completes. A second emission forces the end at once.
   */
  gracefulShutdownOn(signal$: Observable<unknown>): this {
    this.#shutdown.push(signal$);
    return this;
  }

  /** {@link gracefulShutdownOn} SIGINT and SIGTERM: the first is graceful, the second forces. */
  shutdownOnSignal(): this {
    this.#signals = true;
    return this;
  }

  /**
   * Starts everything (cold: on subscribe) and emits one {@link ReconcileResult} per
   * reconcile. See the class documentation for guarantees and errors.
   *
   * Unsubscribing (or a forced shutdown) stops everything at once and aborts the
   * `AbortSignal` of every running reconcile; a graceful shutdown lets them finish.
   *
   * @returns An Observable to subscribe once at a time: a second concurrent subscription
   *   errors with `ControllerError` `AlreadyRunning`.
   */
  run<C>(reconcile: Reconciler<K, C>, errorPolicy: ErrorPolicy<K, C>, context: C): Observable<ReconcileResult> {
    return new Observable<ReconcileResult>((subscriber) => {
      if (this.#running) {
        subscriber.error(
          new ControllerError('AlreadyRunning', undefined, {
            detail: `${this.#resource.kind} controller: run() is subscribed twice; subscribe once and share() the results`,
          }),
        );
        return undefined;
      }
      this.#running = true;
      const subscription = this.#start(reconcile, errorPolicy, context).subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        this.#running = false;
      };
    });
  }

  #start<C>(reconcile: Reconciler<K, C>, errorPolicy: ErrorPolicy<K, C>, context: C): Observable<ReconcileResult> {
    return new Observable<ReconcileResult>((subscriber) => {
      const { scheduler, onWatchError } = this.#config;
      const signals = [...this.#shutdown, ...(this.#signals ? [processSignals()] : [])];
      const shutdown$ = signals.length === 0 ? EMPTY : merge(...signals).pipe(share());
      const main = watcher(this.#source, withDefaults(this.#watcherConfig, scheduler, onWatchError)).pipe(
        reflect(this.#writer),
        triggerSelf(this.#resource),
      );
      const requests = merge(main, ...this.#triggers.map((make) => make(this.#store, scheduler, onWatchError))).pipe(
        takeUntil(shutdown$.pipe(take(1))),
      );
      return requests
        .pipe(
          applier({ reconcile, errorPolicy, store: this.#store, context, config: this.#config }),
          takeUntil(shutdown$.pipe(skip(1), take(1))),
        )
        .subscribe(subscriber);
    });
  }
}

function withDefaults(
  config: WatcherConfig,
  scheduler: SchedulerLike | undefined,
  onError: ((e: WatcherError) => void) | undefined,
): WatcherConfig {
  const report = config.onError;
  return {
    ...(scheduler === undefined ? {} : { scheduler }),
    ...config,
    ...(onError === undefined && report === undefined
      ? {}
      : {
          onError: (error: WatcherError) => {
            report?.(error);
            onError?.(error);
          },
        }),
  };
}
