// kube-rx/runtime: watchers, stores, stream operators and controller machinery, as RxJS.
// Newcomers should start with Controller; every piece is usable à la carte.

export * from './watcher/watcher.js';
export * from './watcher/watcher-config.js';
export * from './watcher/watcher-event.js';
export * from './watcher/watcher-error.js';
export * from './watcher/list-watch.js';
export * from './watcher/watch-object.js';
export * from './watcher/metadata-watcher.js';
export { WATCH_IDLE_MARGIN_SECONDS } from './watcher/watch-loop.js';

export * from './backoff/backoff-policy.js';

export * from './reflector/store.js';
export * from './reflector/reflect.js';
export * from './reflector/object-key.js';

export * from './operators/applied-objects.js';
export * from './operators/touched-objects.js';
export * from './operators/modify.js';
export * from './operators/predicates.js';
export * from './operators/predicate-filter.js';
export * from './operators/backoff.js';
