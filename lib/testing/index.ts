// kube-rx/testing: what you need to marble-test your own controllers and pipelines.

export * from './test-scheduler.js';
export * from './fake-list-watch.js';
export * from './fixtures.js';
