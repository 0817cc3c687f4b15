// Memory of a reflector's cache: kube-rx's store vs @kubernetes/client-node's ListWatch vs a raw JSON.parse Map.
//
// kube-rs's memory benchmark, replayed: 10k ConfigMaps listed, 5k updates, 1k deletes, then a
// relist; with and without `modify` stripping managedFields. Each (consumer, scenario) runs in
// its own process: peak heap is sampled while events are applied; retained is the heap after
// a full GC, minus the heap before, divided by the objects the cache holds.
//
//   npm run bench:memory
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Subject } from 'rxjs';
import * as k8s from '@kubernetes/client-node';
import type { ConfigMap } from '../lib/core/resources/core-v1.js';
import { parseWatchEvent } from '../lib/core/watch/watch-event.js';
import { modify } from '../lib/runtime/operators/modify.js';
import { reflect } from '../lib/runtime/reflector/reflect.js';
import { createStore } from '../lib/runtime/reflector/store.js';
import { applied, deleted, restarted, type WatcherEvent } from '../lib/runtime/watcher/watcher-event.js';
import { listJson, watchLines } from './fixtures.js';

const OBJECTS = 10_000;
const UPDATES = 5_000;
const DELETES = 1_000;
const CONSUMERS = ['raw JSON.parse Map', 'kube-rx store', 'kube-rx store + modify', 'client-node ListWatch'] as const;
const SCENARIOS = ['init', 'steady', 'relist'] as const;
type Consumer = (typeof CONSUMERS)[number];
type Scenario = (typeof SCENARIOS)[number];

interface Sink {
  list(json: string): void;
  line(line: string): void;
  size(): number;
}

function rawSink(): Sink {
  let map = new Map<string, unknown>();
  return {
    list(json) {
      const next = new Map<string, unknown>();
      for (const item of (JSON.parse(json) as { items: { metadata: { namespace: string; name: string } }[] }).items) next.set(`${item.metadata.namespace}/${item.metadata.name}`, item);
      map = next;
    },
    line(line) {
      const event = JSON.parse(line) as { type: string; object: { metadata: { namespace: string; name: string } } };
      const key = `${event.object.metadata.namespace}/${event.object.metadata.name}`;
      if (event.type === 'DELETED') map.delete(key);
      else map.set(key, event.object);
    },
    size: () => map.size,
  };
}

function kubeRxSink(strip: boolean): Sink {
  const { reader, writer } = createStore<ConfigMap>();
  const events = new Subject<WatcherEvent<ConfigMap>>();
  const stripFields = (o: ConfigMap) => {
    if (o.metadata !== undefined) delete o.metadata.managedFields;
  };
  (strip ? events.pipe(modify(stripFields), reflect(writer)) : events.pipe(reflect(writer))).subscribe();
  return {
    list: (json) => events.next(restarted((JSON.parse(json) as { items: ConfigMap[] }).items)),
    line(line) {
      const event = parseWatchEvent<ConfigMap>(line);
      if (event.type === 'DELETED') events.next(deleted(event.object));
      else if (event.type === 'ADDED' || event.type === 'MODIFIED') events.next(applied(event.object));
    },
    size: () => reader.size,
  };
}

function clientNodeSink(): Sink {
  let callback: ((phase: string, object: unknown) => void) | undefined;
  let done: ((err: unknown) => void) | undefined;
  let nextList = '';
  const watch = {
    watch: (_path: string, _params: unknown, cb: (phase: string, object: unknown) => void, onDone: (err: unknown) => void) => {
      callback = cb;
      done = onDone;
      return Promise.resolve(new AbortController());
    },
  } as unknown as k8s.Watch;
  const listFn = () => Promise.resolve(JSON.parse(nextList) as k8s.KubernetesListObject<k8s.V1ConfigMap>);
  const informer = new k8s.ListWatch<k8s.V1ConfigMap>('/api/v1/configmaps', watch, listFn, false);
  return {
    list(json) {
      nextList = json;
      if (done === undefined) void informer.start();
      else {
        callback?.('ERROR', { code: 410 }); // expire the resourceVersion, then end the watch: client-node relists
        done(null);
      }
    },
    line(line) {
      const event = JSON.parse(line) as { type: string; object: unknown };
      callback?.(event.type, event.object);
    },
    size: () => informer.list().length,
  };
}

function makeSink(consumer: Consumer): Sink {
  switch (consumer) {
    case 'raw JSON.parse Map':
      return rawSink();
    case 'kube-rx store':
      return kubeRxSink(false);
    case 'kube-rx store + modify':
      return kubeRxSink(true);
    case 'client-node ListWatch':
      return clientNodeSink();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with node --expose-gc');
  collect();
  collect();
}

async function child(consumer: Consumer, scenario: Scenario): Promise<void> {
  const list = listJson(OBJECTS, OBJECTS);
  const lines = scenario === 'init' ? [] : watchLines(UPDATES, DELETES, OBJECTS);
  const relist = scenario === 'relist' ? listJson(OBJECTS - DELETES, OBJECTS + UPDATES + DELETES + 1) : undefined;
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const sink = makeSink(consumer);
  sink.list(list);
  await settle();
  sample();
  lines.forEach((line, i) => {
    sink.line(line);
    if (i % 250 === 0) sample();
  });
  if (relist !== undefined) {
    sink.list(relist);
    await settle();
  }
  sample();
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  process.stdout.write(JSON.stringify({ peak: peak - before, retained, objects: sink.size() }));
}

function main(): void {
  const self = fileURLToPath(import.meta.url);
  const results = new Map<string, { peak: number; retained: number; objects: number }>();
  for (const scenario of SCENARIOS) {
    for (const consumer of CONSUMERS) {
      const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, consumer, scenario], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${consumer} / ${scenario} failed:\n${run.stderr}`);
      results.set(`${consumer}|${scenario}`, JSON.parse(run.stdout) as { peak: number; retained: number; objects: number });
    }
  }
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1).padStart(7);
  console.log(`reflector memory: ${OBJECTS} ConfigMaps, ${UPDATES} updates, ${DELETES} deletes, a relist (Node ${process.version})\n`);
  console.log(`${'scenario'.padEnd(8)} ${'consumer'.padEnd(24)} ${'objects'.padStart(7)} ${'peak MB'.padStart(7)} ${'kept MB'.padStart(7)} ${'B/object'.padStart(8)} ${'vs raw'.padStart(7)} ${'vs client-node'.padStart(14)}`);
  for (const scenario of SCENARIOS) {
    const raw = results.get(`raw JSON.parse Map|${scenario}`);
    const node = results.get(`client-node ListWatch|${scenario}`);
    for (const consumer of CONSUMERS) {
      const r = results.get(`${consumer}|${scenario}`);
      if (r === undefined || raw === undefined || node === undefined) continue;
      const perObject = Math.round(r.retained / Math.max(1, r.objects));
      console.log(
        `${scenario.padEnd(8)} ${consumer.padEnd(24)} ${String(r.objects).padStart(7)} ${mb(r.peak)} ${mb(r.retained)} ${String(perObject).padStart(8)} ${(r.retained / raw.retained).toFixed(2).padStart(7)} ${(r.retained / node.retained).toFixed(2).padStart(14)}`,
      );
    }
  }
}

const [consumerArg, scenarioArg] = process.argv.slice(2);
if (consumerArg !== undefined && scenarioArg !== undefined) await child(consumerArg as Consumer, scenarioArg as Scenario);
else main();
