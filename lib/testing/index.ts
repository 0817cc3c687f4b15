// kube-rx/testing: what you need to marble-test your own controllers and pipelines.

export * from './test-scheduler.js';
export * from './fake-list-watch.js';
export * from './fixtures.js';
export * from './cluster/start-test-cluster.js';
export * from './cluster/start-control-plane.js';
export * from './cluster/control-plane-assets.js';
export * from './cluster/test-cluster-error.js';
export * from './fault-proxy/start-fault-proxy.js';
