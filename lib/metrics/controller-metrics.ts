// ControllerMetrics: Prometheus metrics of controllers (reconciles, errors, durations, queue, watches), with prom-client.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { tap, type MonoTypeOperatorFunction } from 'rxjs';
import type { ControllerConfig } from '../runtime/controller/controller.js';
import type { ReconcileResult } from '../runtime/controller/reconcile-result.js';
import type { WatcherError } from '../runtime/watcher/watcher-error.js';

/** Options of {@link ControllerMetrics}. */
export interface ControllerMetricsOptions {
  /**
   * Where the metrics are registered. @default a new Registry of its own (not prom-client's
   * global one, so that two instances, or a library's own metrics, never collide)
   */
  readonly registry?: Registry;
  /** Prefix of every metric name. @default 'kube_rx_' */
  readonly prefix?: string;
  /** Bucket bounds of the reconcile duration histogram, seconds. @default 5 ms to 60 s */
  readonly buckets?: readonly number[];
}

/** controller-runtime's reconcile-time buckets, trimmed: 5 ms to a minute. */
const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The Prometheus metrics of one or more controllers, labelled by controller name (as
 * controller-runtime's `controller_runtime_reconcile_*`):
 *
 * | metric | type | labels |
 * |---|---|---|
 * | `kube_rx_reconcile_total` | counter | `controller`, `result` = `success` \| `error` \| `not_found` |
 * | `kube_rx_reconcile_errors_total` | counter | `controller` |
 * | `kube_rx_reconcile_duration_seconds` | histogram | `controller` |
 * | `kube_rx_workqueue_depth` | gauge | `controller` (requests waiting after the latest result) |
 * | `kube_rx_watch_restarts_total` | counter | `controller`, `resource` (each list and relist) |
 * | `kube_rx_watch_errors_total` | counter | `controller`, `resource`, `reason` (a `WatcherError` reason) |
 *
 * Durations are the reconciles' own (`ReconcileResult.duration`), measured on the
 * controller's scheduler. Serve them with {@link serveMetrics} or {@link metricsHandler};
 * prom-client's `collectDefaultMetrics({ register: metrics.registry })` adds the process's.
 *
 * This lives in `kube-rx/metrics`, the one entry point that needs `prom-client` (an optional
 * peer dependency): nothing else in kube-rx loads it.
 *
 * ## Example
 * ```ts
 * import { ControllerMetrics, serveMetrics } from 'kube-rx/metrics';
 *
 * const metrics = new ControllerMetrics();
 * Controller.for(Api.all(client, ConfigMapGenerator))
 *   .withConfig(metrics.watchHooks('configmapgen'))
 *   .run(reconcile, errorPolicy, context)
 *   .pipe(metrics.track('configmapgen'))
 *   .subscribe();
 * await serveMetrics({ port: 8080, registry: metrics.registry });   // curl :8080/metrics
 * ```
 */
export class ControllerMetrics {
  /** The registry the metrics are in. */
  readonly registry: Registry;
  readonly #reconciles: Counter<'controller' | 'result'>;
  readonly #errors: Counter<'controller'>;
  readonly #duration: Histogram<'controller'>;
  readonly #queue: Gauge<'controller'>;
  readonly #restarts: Counter<'controller' | 'resource'>;
  readonly #watchErrors: Counter<'controller' | 'resource' | 'reason'>;

  constructor(options: ControllerMetricsOptions = {}) {
    const { registry = new Registry(), prefix = 'kube_rx_', buckets = DEFAULT_BUCKETS } = options;
    this.registry = registry;
    const registers = [registry];
    this.#reconciles = new Counter({
      name: `${prefix}reconcile_total`,
      help: 'Reconciles per controller, by result (success, error, not_found).',
      labelNames: ['controller', 'result'],
      registers,
    });
    this.#errors = new Counter({ name: `${prefix}reconcile_errors_total`, help: 'Failed reconciles per controller.', labelNames: ['controller'], registers });
    this.#duration = new Histogram({
      name: `${prefix}reconcile_duration_seconds`,
      help: 'How long each reconcile took, per controller.',
      labelNames: ['controller'],
      buckets: [...buckets],
      registers,
    });
    this.#queue = new Gauge({ name: `${prefix}workqueue_depth`, help: 'Reconcile requests waiting, per controller, after its latest result.', labelNames: ['controller'], registers });
    this.#restarts = new Counter({
      name: `${prefix}watch_restarts_total`,
      help: "Lists and relists (Restarted events) of a controller's watches.",
      labelNames: ['controller', 'resource'],
      registers,
    });
    this.#watchErrors = new Counter({
      name: `${prefix}watch_errors_total`,
      help: "Failures of a controller's watches, by WatcherError reason.",
      labelNames: ['controller', 'resource', 'reason'],
      registers,
    });
  }

  /**
   * Records every result that passes, labelled `controller`, and passes it on unchanged.
   *
   * ```text
   * results: -R--F--N-|    R = Reconciled, F = Failed, N = ObjectNotFound
   * track:   -R--F--N-|    reconcile_total{result}: success 1, error 1, not_found 1
   * ```
   */
  track(controller: string): MonoTypeOperatorFunction<ReconcileResult> {
    return tap((result) => {
      switch (result.type) {
        case 'Reconciled':
          this.#reconciles.inc({ controller, result: 'success' });
          this.#duration.observe({ controller }, result.duration / 1000);
          break;
        case 'Failed':
          this.#reconciles.inc({ controller, result: 'error' });
          this.#errors.inc({ controller });
          this.#duration.observe({ controller }, result.duration / 1000);
          break;
        case 'ObjectNotFound':
          this.#reconciles.inc({ controller, result: 'not_found' });
          break;
      }
      this.#queue.set({ controller }, result.queued);
    });
  }

  /**
   * The `onWatchError` and `onWatchRestarted` hooks of a `Controller`, counting its watches'
   * relists and failures under `controller`: `controller.withConfig(metrics.watchHooks('x'))`.
   */
  watchHooks(controller: string): Required<Pick<ControllerConfig, 'onWatchError' | 'onWatchRestarted'>> {
    return {
      onWatchError: (error: WatcherError) => this.#watchErrors.inc({ controller, resource: error.resource, reason: error.reason }),
      onWatchRestarted: (resource: string) => this.#restarts.inc({ controller, resource }),
    };
  }

  /** The metrics in Prometheus's text format (what `/metrics` serves). */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
