// A controller with Prometheus metrics (reconcile counts, errors, durations, queue depth, watch
// restarts) on /metrics, with prom-client behind kube-rx/metrics. controller-runtime serves the same.
// Run: npx tsx examples/controller-metrics.ts   (on your cluster: serves :8080/metrics until Ctrl-C;
// on an embedded API server: reconciles three ConfigMaps, one of them failing, prints what
// `curl /metrics` answers, and exits)
import { filter, firstValueFrom, scan, share } from 'rxjs';
import { Api } from '../lib/client/api.js';
import { ConfigMap, Namespace } from '../lib/core/resources/core-v1.js';
import { ControllerMetrics } from '../lib/metrics/controller-metrics.js';
import { serveMetrics } from '../lib/metrics/serve-metrics.js';
import { Action } from '../lib/runtime/controller/action.js';
import { Controller } from '../lib/runtime/controller/controller.js';
import { exampleClient } from './support/example-client.js';

const { client, target, embedded, close } = await exampleClient();
console.log(`using ${target}`);

const namespace = 'metrics-demo';
if (embedded !== undefined) await Api.cluster(client, Namespace).create({ metadata: { name: namespace } });

const metrics = new ControllerMetrics();
const results$ = Controller.for(Api.namespaced(client, ConfigMap, namespace))
  .withConfig(metrics.watchHooks('configmaps'))
  .run(
    async (cm) => {
      await new Promise((resolve) => setTimeout(resolve, 10)); // some work, so that durations show
      if (cm.data?.['fail'] === 'true') throw new Error(`${cm.metadata?.name} asked to fail`);
      return Action.awaitChange();
    },
    () => Action.requeue(60_000),
    {},
  )
  .pipe(metrics.track('configmaps'), share());

// Your cluster: a real endpoint on every interface, as Prometheus scrapes a pod. Here: loopback only.
const server = await serveMetrics({ registry: metrics.registry, ...(embedded === undefined ? { port: 8080 } : { port: 0, host: '127.0.0.1' }) });
console.log(`metrics on ${server.url}`);

if (embedded === undefined) {
  results$.subscribe((r) => console.log(r.type, r.request.ref.name));
} else {
  // Every namespace also holds kube-root-ca.crt: wait for the three we make.
  const ours = ['first', 'second', 'broken'];
  const three = firstValueFrom(
    results$.pipe(
      scan((seen, r) => new Set([...seen, r.request.ref.name]), new Set<string>()),
      filter((seen) => ours.every((name) => seen.has(name))),
    ),
  );
  const configMaps = Api.namespaced(client, ConfigMap, namespace);
  await configMaps.create({ metadata: { name: 'first' } });
  await configMaps.create({ metadata: { name: 'second' } });
  await configMaps.create({ metadata: { name: 'broken' }, data: { fail: 'true' } });
  await three;

  // What `curl -s http://127.0.0.1:<port>/metrics | grep '^kube_rx_'` prints:
  const text = await (await fetch(server.url)).text();
  console.log(`$ curl -s ${server.url} | grep '^kube_rx_'`);
  for (const line of text.split('\n')) {
    if (line.startsWith('kube_rx_') && !line.includes('_bucket{')) console.log(line);
  }
  await server.close();
  await close();
}
