// The kube-rx demo: an embedded Kubernetes API server, a CRD, and a controller reconciling
// against it while we create, change, tamper with and delete custom resources.
//
//   npm run demo
//
// Everything is real: HTTPS on loopback, watches, server-side apply, owner references and
// garbage collection. While it runs, point kubectl at the printed kubeconfig to look around.
import { filter, firstValueFrom, map, merge, share, Subject, takeUntil, timeout, type Observable } from 'rxjs';
import { Api } from '../lib/client/api.js';
import { Client } from '../lib/client/client.js';
import { Config } from '../lib/client/config/config.js';
import { Patch } from '../lib/core/patch.js';
import { ConfigMap, EventsV1Event } from '../lib/core/resources/index.js';
import { reconcileMetrics, type ReconcileMetrics } from '../lib/runtime/controller/reconcile-metrics.js';
import { reflect } from '../lib/runtime/reflector/reflect.js';
import { createStore, type Store } from '../lib/runtime/reflector/store.js';
import { watcher } from '../lib/runtime/watcher/watcher.js';
import type { WatcherEvent } from '../lib/runtime/watcher/watcher-event.js';
import { startApiServer } from '../lib/server/index.js';
import {
  ConfigMapGenerator,
  configMapGeneratorController,
  describeResult,
  installCrd,
  runController,
} from './configmapgen-controller.js';

const STEP_TIMEOUT_MS = 15_000;
const started = performance.now();
const clock = () => `+${((performance.now() - started) / 1000).toFixed(2)}s`.padStart(7);
const say = (who: 'you' | 'ctrl' | 'world', text: string) => console.log(`  ${clock()}  ${who.padEnd(5)}  ${text}`);
const content = (cm: ConfigMap | undefined) => JSON.stringify(cm?.data?.['content']);

async function main(): Promise<number> {
  console.log('kube-rx demo: an embedded Kubernetes API server and a ConfigMapGenerator controller\n');

  const server = await startApiServer();
  console.log(`  1. API server   ${server.url}`);
  console.log(`                  look around while it runs: KUBECONFIG=${server.kubeconfigPath} kubectl get cmg,cm`);
  const client = new Client(await Config.fromKubeconfig(server.kubeconfig));

  await installCrd(client);
  console.log(`  2. CRD          ${ConfigMapGenerator.crd().metadata?.name} is established`);

  // The world as the controller shapes it: every ConfigMap in "default", kept in a store.
  const { reader: configMaps, writer } = createStore<ConfigMap>();
  const stop = new Subject<void>();
  const world = watcher(Api.namespaced(client, ConfigMap, 'default')).pipe(reflect(writer), takeUntil(stop), share());
  world.subscribe((event) => narrate(event));

  const controller = configMapGeneratorController(client).gracefulShutdownOn(stop);
  const results = runController(client, controller).pipe(share());
  let metrics: ReconcileMetrics | undefined;
  const done = new Promise<void>((resolve, reject) =>
    merge(
      results.pipe(map((r) => say('ctrl', describeResult(r).replace(/ConfigMapGenerator\.v1\.nullable\.se\/(\S+)\.default/, '$1')))),
      results.pipe(reconcileMetrics(), map((m) => void (metrics = m))),
    ).subscribe({ error: reject, complete: resolve }),
  );
  await configMaps.ready();
  console.log('  3. controller   watching ConfigMapGenerators and the ConfigMaps they own\n');

  const generators = Api.namespaced(client, ConfigMapGenerator, 'default');
  const cms = Api.namespaced(client, ConfigMap, 'default');
  const steps: [string, () => Promise<void>][] = [
    ['a new generator gets its ConfigMap', async () => {
      say('you', 'create ConfigMapGenerator greeting, content "hello"');
      await generators.create(ConfigMapGenerator.new('greeting', { content: 'hello' }, { namespace: 'default' }));
      await until(configMaps, world, (s) => s.get({ name: 'greeting', namespace: 'default' })?.data?.['content'] === 'hello');
    }],
    ['a changed generator changes its ConfigMap', async () => {
      say('you', 'patch greeting: content "hello, world"');
      await generators.patch('greeting', Patch.merge({ spec: { content: 'hello, world' } }));
      await until(configMaps, world, (s) => s.get({ name: 'greeting', namespace: 'default' })?.data?.['content'] === 'hello, world');
    }],
    ['a hand-edited ConfigMap is put back', async () => {
      say('you', 'edit ConfigMap greeting by hand: content "tampered"');
      await cms.patch('greeting', Patch.merge({ data: { content: 'tampered' } }));
      await until(configMaps, world, (s) => s.get({ name: 'greeting', namespace: 'default' })?.data?.['content'] === 'tampered');
      await until(configMaps, world, (s) => s.get({ name: 'greeting', namespace: 'default' })?.data?.['content'] === 'hello, world');
    }],
    ['a deleted ConfigMap is recreated', async () => {
      say('you', 'delete ConfigMap greeting');
      const old = await cms.get('greeting');
      await cms.delete('greeting');
      await until(configMaps, world, (s) => {
        const now = s.get({ name: 'greeting', namespace: 'default' });
        return now !== undefined && now.metadata?.uid !== old.metadata?.uid;
      });
    }],
    ['generators are independent', async () => {
      say('you', 'create ConfigMapGenerator farewell, content "goodbye"');
      await generators.create(ConfigMapGenerator.new('farewell', { content: 'goodbye' }, { namespace: 'default' }));
      await until(configMaps, world, (s) => s.get({ name: 'farewell', namespace: 'default' })?.data?.['content'] === 'goodbye');
    }],
    ['deleting a generator garbage-collects its ConfigMap', async () => {
      say('you', 'delete ConfigMapGenerator greeting');
      await generators.delete('greeting');
      await until(configMaps, world, (s) => s.get({ name: 'greeting', namespace: 'default' }) === undefined);
    }],
  ];

  let passed = 0;
  for (const [title, step] of steps) {
    console.log(`  — ${title}`);
    try {
      await step();
      passed += 1;
    } catch (error) {
      console.log(`  ✗ ${title}: ${error instanceof Error ? error.message : String(error)}`);
      break;
    }
  }

  const events = await Api.namespaced(client, EventsV1Event, 'default').list();
  stop.next();
  await done;
  await server.close();

  console.log('\nsummary');
  console.log(`  steps          ${passed}/${steps.length} passed`);
  console.log(`  reconciles     ${metrics?.reconciles ?? 0} (${metrics?.failures ?? 0} failed), longest ${metrics?.maxDuration ?? 0} ms`);
  console.log(`  ConfigMaps     ${configMaps.state().map((cm) => `${cm.metadata?.name}=${content(cm)}`).join(', ') || 'none'}`);
  console.log(`  events         ${events.items.length} recorded by the controller (events.k8s.io/v1)`);
  console.log(passed === steps.length ? '\nall good.' : '\nsomething went wrong: see above.');
  return passed === steps.length ? 0 : 1;
}

function narrate(event: WatcherEvent<ConfigMap>): void {
  switch (event.type) {
    case 'Applied':
      if (event.object.metadata?.ownerReferences !== undefined) say('world', `ConfigMap ${event.object.metadata.name} holds ${content(event.object)}`);
      return;
    case 'Deleted':
      say('world', `ConfigMap ${event.object.metadata?.name} is gone`);
      return;
    case 'Restarted':
      return;
  }
}

/** Resolves once `ready` holds for the store, checked now and after each change. */
function until(store: Store<ConfigMap>, changes: Observable<WatcherEvent<ConfigMap>>, ready: (store: Store<ConfigMap>) => boolean): Promise<void> {
  if (ready(store)) return Promise.resolve();
  return firstValueFrom(
    changes.pipe(
      filter(() => ready(store)),
      map(() => undefined),
      timeout({ first: STEP_TIMEOUT_MS, with: () => Promise.reject(new Error(`not done after ${STEP_TIMEOUT_MS / 1000} s`)) }),
    ),
  );
}

process.exitCode = await main();
