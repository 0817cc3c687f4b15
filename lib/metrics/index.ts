// kube-rx/metrics: Prometheus metrics of controllers, with prom-client (an optional peer dependency).
// The only entry point that loads prom-client: import it only if you want metrics.

export * from './controller-metrics.js';
export * from './metrics-handler.js';
export * from './serve-metrics.js';
