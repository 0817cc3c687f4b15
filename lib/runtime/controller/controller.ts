// Controller: the builder that wires watches, a store, triggers and an applier into run().
import { EMPTY, isObservable, map, merge, mergeMap, Observable, share, skip, take, takeUntil, tap, type SchedulerLike } from 'rxjs';
import type { KubeObject } from '../../core/object.js';
import { objectRef } from '../../core/object-ref.js';
import type { ResourceType } from '../../core/resource-type.js';
import { reflect } from '../reflector/reflect.js';
import { createStore, type Store, type StoreOptions } from '../reflector/store.js';
import { describeApi, isListWatch, metadataFromApi, type ListWatch, type ListWatchApi } from '../watcher/list-watch.js';
import { watcher } from '../watcher/watcher.js';
import type { WatcherConfig } from '../watcher/watcher-config.js';
import type { WatcherError } from '../watcher/watcher-error.js';
import type { WatcherEvent } from '../watcher/watcher-event.js';
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
  /**
   * Called each time one of the controller's own watches (re)lists — its `Restarted`: the
   * first list, and every relist after a 410 — with what it watches
   * (`configmaps in namespace "default"`). For metrics; shared streams are not its watches.
   */
  readonly onWatchRestarted?: (resource: string) => void;
}

/** What each watch the controller makes is given: the scheduler and the reporting hooks. */
interface WatchHooks {
  readonly scheduler: SchedulerLike | undefined;
  readonly onError: ((error: WatcherError) => void) | undefined;
  readonly onRestarted: ((resource: string) => void) | undefined;
}

type TriggerFactory<K> = (store: Store<K>, hooks: WatchHooks) => Observable<ReconcileRequest>;
/** The stream of the main kind's events, made per run: its own reflecting watcher, or a shared stream. */
type MainFactory<K> = (hooks: WatchHooks) => Observable<WatcherEvent<K>>;

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
  readonly #main: MainFactory<K>;
  readonly #resource: ResourceType<K>;
  readonly #triggers: TriggerFactory<K>[] = [];
  readonly #shutdown: Observable<unknown>[] = [];
  readonly #store: Store<K>;
  #config: ControllerConfig = {};
  #signals = false;
  #running = false;

  private constructor(main: MainFactory<K>, resource: ResourceType<K>, store: Store<K>) {
    this.#main = main;
    this.#resource = resource;
    this.#store = store;
  }

  /** A controller that watches `source` itself, into a store of its own. */
  static #owning<K extends KubeObject>(source: ListWatch<K> | ListWatchApi<K>, resource: ResourceType<K>, config: WatcherConfig, storeOptions: StoreOptions<K>): Controller<K> {
    const { reader, writer } = createStore<K>(storeOptions);
    const main: MainFactory<K> = (hooks) => watch(source, config, hooks).pipe(reflect(writer));
    return new Controller<K>(main, resource, reader);
  }

  /**
   * A controller for the objects `api` addresses (all namespaces, or one), watched with
   * `config`; `storeOptions` adds indexes to its store.
   */
  static for<K extends KubeObject>(api: ListWatchApi<K>, config: WatcherConfig = {}, storeOptions: StoreOptions<K> = {}): Controller<K> {
    return Controller.#owning<K>(api, api.resource, config, storeOptions);
  }

  /** A controller over any {@link ListWatch} (e.g. `fakeListWatch` in tests) of `resource`. */
  static forStream<K extends KubeObject>(source: ListWatch<K>, resource: ResourceType<K>, config: WatcherConfig = {}, storeOptions: StoreOptions<K> = {}): Controller<K> {
    return Controller.#owning<K>(source, resource, config, storeOptions);
  }

  /**
   * A controller over a stream and a store it does not own (kube-rs `for_shared_stream`): one
   * reflector, with its `modify()` and predicates, can feed several controllers and anything
   * else. Every `Applied` (and each object of a `Restarted`) of `events$` requests a
   * reconcile; the object is read from `store` when its turn comes, and nothing runs before
   * `store` is ready.
   *
   * `events$` is subscribed while `run()` is (so a `share()`d reflector runs while any of
   * its consumers does); it should be the reflector that writes `store`, or a stream derived
   * from it (`predicateFilter`, `filter`), so that the store holds what the events name.
   * `resource` names the kind of the requests (list items often carry no `kind`).
   *
   * ## Example
   * ```ts
   * const { reader, writer } = createStore<Deployment>();
   * const deployments$ = watcher(Api.all(client, Deployment)).pipe(modify(stripManagedFields), reflect(writer), share());
   * const scaler = Controller.forShared(reader, deployments$.pipe(predicateFilter(predicates.generation)), Deployment);
   * const auditor = Controller.forShared(reader, deployments$, Deployment);
   * ```
   */
  static forShared<K extends KubeObject>(store: Store<K>, events$: Observable<WatcherEvent<K>>, resource: ResourceType<K>): Controller<K> {
    return new Controller<K>(() => events$, resource, store);
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
   *
   * With an event stream instead of an Api (kube-rs `owns_shared_stream`), the children's
   * events come from a reflector shared with others; `child` names their kind. The stream is
   * subscribed while `run()` is.
   */
  owns(api: ListWatchApi<unknown>, config?: WatcherConfig): this;
  owns(events$: Observable<WatcherEvent<KubeObject>>, child: Pick<ResourceType, 'apiVersion' | 'kind'>): this;
  owns(source: ListWatchApi<unknown> | Observable<WatcherEvent<KubeObject>>, option?: WatcherConfig | Pick<ResourceType, 'apiVersion' | 'kind'>): this {
    if (isObservable(source)) {
      const child = option as Pick<ResourceType, 'apiVersion' | 'kind'>;
      this.#triggers.push(() => source.pipe(triggerOwners(this.#resource, child)));
      return this;
    }
    return this.ownsStream(metadataFromApi(source), source.resource, (option as WatcherConfig | undefined) ?? {});
  }

  /** {@link owns} with any {@link ListWatch} of the child kind `childResource` (e.g. a fake in tests). */
  ownsStream(source: ListWatch<KubeObject>, childResource: Pick<ResourceType, 'apiVersion' | 'kind'>, config: WatcherConfig = {}): this {
    this.#triggers.push((_store, hooks) => watch(source, config, hooks).pipe(triggerOwners(this.#resource, childResource)));
    return this;
  }

  /**
   * Reconciles what `mapper` returns whenever an object of `api` changes or is deleted.
   *
   * With an event stream instead of an Api (kube-rs `watches_shared_stream`), the related
   * objects' events come from a reflector shared with others; `resource` names their kind.
   */
  watches<O extends KubeObject>(api: ListWatchApi<O>, mapper: (object: O) => Iterable<RefLike>, config?: WatcherConfig): this;
  watches<O extends KubeObject>(events$: Observable<WatcherEvent<O>>, resource: Pick<ResourceType, 'apiVersion' | 'kind'>, mapper: (object: O) => Iterable<RefLike>): this;
  watches<O extends KubeObject>(
    source: ListWatchApi<O> | Observable<WatcherEvent<O>>,
    second: ((object: O) => Iterable<RefLike>) | Pick<ResourceType, 'apiVersion' | 'kind'>,
    third?: WatcherConfig | ((object: O) => Iterable<RefLike>),
  ): this {
    if (isObservable(source)) {
      const resource = second as Pick<ResourceType, 'apiVersion' | 'kind'>;
      const mapper = third as (object: O) => Iterable<RefLike>;
      this.#triggers.push(() => source.pipe(triggerWith(this.#resource, mapper, resource)));
      return this;
    }
    return this.watchesStream(source, source.resource, second as (object: O) => Iterable<RefLike>, (third as WatcherConfig | undefined) ?? {});
  }

  /** {@link watches} with any {@link ListWatch} (or Api) of the kind `resource`. */
  watchesStream<O extends KubeObject>(
    source: ListWatch<O> | ListWatchApi<O>,
    resource: Pick<ResourceType, 'apiVersion' | 'kind'>,
    mapper: (object: O) => Iterable<RefLike>,
    config: WatcherConfig = {},
  ): this {
    this.#triggers.push((_store, hooks) => watch(source, config, hooks).pipe(triggerWith(this.#resource, mapper, resource)));
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
      const { scheduler, onWatchError, onWatchRestarted } = this.#config;
      const hooks: WatchHooks = { scheduler, onError: onWatchError, onRestarted: onWatchRestarted };
      const signals = [...this.#shutdown, ...(this.#signals ? [processSignals()] : [])];
      const shutdown$ = signals.length === 0 ? EMPTY : merge(...signals).pipe(share());
      const main = this.#main(hooks).pipe(triggerSelf(this.#resource));
      const requests = merge(main, ...this.#triggers.map((make) => make(this.#store, hooks))).pipe(
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

/** A watcher of `source` with the controller's scheduler and hooks. */
function watch<O extends KubeObject>(source: ListWatch<O> | ListWatchApi<O>, config: WatcherConfig, hooks: WatchHooks): Observable<WatcherEvent<O>> {
  const events$ = watcher(source, withDefaults(config, hooks.scheduler, hooks.onError));
  const { onRestarted } = hooks;
  if (onRestarted === undefined) return events$;
  const description = isListWatch(source) ? source.description : describeApi(source);
  return events$.pipe(
    tap((event) => {
      if (event.type === 'Restarted') onRestarted(description);
    }),
  );
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
