// Specs of ControllerMetrics: what a controller's results and watches add up to, in Prometheus's text format.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import { takeUntil, timer } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { ApiError } from '../../lib/core/errors/api-error.js';
import { objectRef } from '../../lib/core/object-ref.js';
import { ConfigMap } from '../../lib/core/resources/core-v1.js';
import type { WatchEvent } from '../../lib/core/watch/watch-event.js';
import { ControllerMetrics } from '../../lib/metrics/controller-metrics.js';
import { Action } from '../../lib/runtime/controller/action.js';
import { Controller } from '../../lib/runtime/controller/controller.js';
import { ControllerError } from '../../lib/runtime/controller/controller-error.js';
import type { ReconcileResult } from '../../lib/runtime/controller/reconcile-result.js';
import { fakeListWatch } from '../../lib/testing/fake-list-watch.js';
import { configMap, objectList, status } from '../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../lib/testing/test-scheduler.js';

/** The sample lines of a metrics text that start with `name`, without comments. */
const samples = (text: string, name: string): string[] => text.split('\n').filter((line) => line.startsWith(name));

describe('ControllerMetrics', () => {
  let testScheduler: TestScheduler;

  beforeEach(() => {
    testScheduler = createTestScheduler();
  });

  it('should count reconciles by result, errors, durations (seconds) and the queue depth, per controller', async () => {
    const metrics = new ControllerMetrics();
    const request = { ref: objectRef(configMap('a'), ConfigMap), reason: { type: 'ObjectUpdated' as const } };
    const values: Record<string, ReconcileResult> = {
      r: { type: 'Reconciled', request, action: Action.awaitChange(), duration: 20, queued: 3 },
      f: { type: 'Failed', request, error: new ControllerError('ReconcilerFailed', request.ref), action: undefined, duration: 1500, queued: 2 },
      n: { type: 'ObjectNotFound', request, queued: 1 },
    };
    testScheduler.run(({ cold, expectObservable }) => {
      const results = cold<ReconcileResult>('-r-f-n-r|', values);
      expectObservable(results.pipe(metrics.track('widgets'))).toBe('-r-f-n-r|', values);
    });
    const text = await metrics.text();
    expect(samples(text, 'kube_rx_reconcile_total')).to.have.members([
      'kube_rx_reconcile_total{controller="widgets",result="success"} 2',
      'kube_rx_reconcile_total{controller="widgets",result="error"} 1',
      'kube_rx_reconcile_total{controller="widgets",result="not_found"} 1',
    ]);
    expect(samples(text, 'kube_rx_reconcile_errors_total')).to.deep.equal(['kube_rx_reconcile_errors_total{controller="widgets"} 1']);
    expect(samples(text, 'kube_rx_workqueue_depth')).to.deep.equal(['kube_rx_workqueue_depth{controller="widgets"} 3']);
    expect(text).to.contain('kube_rx_reconcile_duration_seconds_bucket{le="0.025",controller="widgets"} 2');
    expect(text).to.contain('kube_rx_reconcile_duration_seconds_bucket{le="1",controller="widgets"} 2');
    expect(text).to.contain('kube_rx_reconcile_duration_seconds_bucket{le="2.5",controller="widgets"} 3');
    expect(text).to.contain('kube_rx_reconcile_duration_seconds_sum{controller="widgets"} 1.54');
    expect(text).to.contain('# TYPE kube_rx_reconcile_duration_seconds histogram');
  });

  it('should count a controller\'s watch restarts and failures through its watch hooks', async () => {
    const metrics = new ControllerMetrics({ registry: new Registry(), prefix: 'ops_' });
    testScheduler.run(({ cold }) => {
      const main = fakeListWatch<ConfigMap>({
        description: 'configmaps in namespace "default"',
        lists: [cold('p|', { p: objectList([configMap('a')], '1') }), cold('p|', { p: objectList([configMap('a')], '5') }), cold<never>('#', undefined, new ApiError(status(500, 'InternalError'))), cold('p|', { p: objectList([], '9') })],
        watches: [cold<never>('--#', undefined, new ApiError(status(410, 'Expired'), undefined, { inBand: true })), cold<never>('-#', undefined, new ApiError(status(410, 'Gone'))), cold<WatchEvent<ConfigMap>>('-')],
      });
      Controller.forStream(main, ConfigMap)
        .withConfig({ scheduler: testScheduler, ...metrics.watchHooks('cm') })
        .run(() => Action.awaitChange(), () => Action.awaitChange(), {})
        .pipe(metrics.track('cm'), takeUntil(timer(60_000, testScheduler)))
        .subscribe();
    });
    const text = await metrics.text();
    // list at 0; 410 at 2 relists at once (3); 410 again at 3: reported, relist fails (500) after 800 ms, succeeds after 1.6 s more
    expect(samples(text, 'ops_watch_restarts_total')).to.deep.equal(['ops_watch_restarts_total{controller="cm",resource="configmaps in namespace \\"default\\""} 3']);
    expect(samples(text, 'ops_watch_errors_total')).to.have.members([
      'ops_watch_errors_total{controller="cm",resource="configmaps in namespace \\"default\\"",reason="WatchStartFailed"} 1',
      'ops_watch_errors_total{controller="cm",resource="configmaps in namespace \\"default\\"",reason="InitialListFailed"} 1',
    ]);
  });

  it('should keep prom-client out of everything but kube-rx/metrics', () => {
    expect(readFileSync(new URL('../../lib/index.ts', import.meta.url), 'utf8')).to.not.contain('metrics');
  });
});
