// kube-rx/runtime: watchers, stores, stream operators and controller machinery, as RxJS.
// Newcomers should start with Controller; every piece is usable à la carte.

export * from './watcher/watcher.js';
export * from './watcher/watcher-config.js';
export * from './watcher/watcher-event.js';
export * from './watcher/watcher-error.js';
export * from './watcher/list-watch.js';
export * from './watcher/watch-object.js';
export * from './watcher/metadata-watcher.js';
export { DEFAULT_LIST_TIMEOUT_MS, WATCH_IDLE_MARGIN_SECONDS } from './watcher/watch-loop.js';

export * from './backoff/backoff-policy.js';

export * from './reflector/store.js';
export * from './reflector/store-error.js';
export * from './reflector/reflect.js';
export * from './reflector/object-key.js';

export * from './operators/applied-objects.js';
export * from './operators/touched-objects.js';
export * from './operators/modify.js';
export * from './operators/predicates.js';
export * from './operators/predicate-filter.js';
export * from './operators/backoff.js';

export * from './scheduler/schedule.js';
export { MAX_SCHEDULE_HORIZON_MS } from './scheduler/schedule-queue.js';

export * from './controller/action.js';
export * from './controller/reconcile-request.js';
export * from './controller/reconcile-result.js';
export * from './controller/controller-error.js';
export * from './controller/applier.js';
export * from './controller/exponential-requeue.js';
export * from './controller/triggers.js';
export * from './controller/reconcile-metrics.js';
export * from './controller/shutdown-signals.js';
export * from './controller/controller.js';

export * from './finalizer/finalizer.js';
export * from './finalizer/finalizer-error.js';

export * from './events/recorder.js';

export * from './wait/conditions.js';
export * from './wait/await-condition.js';

export * from './leader/lease-lock.js';
export * from './leader/leader-election.js';
export * from './leader/while-leading.js';

export * from './sharding/shard.js';
export * from './sharding/sharded.js';
export * from './from-abortable.js';
