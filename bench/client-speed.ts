// Client speed, side by side: kube-rx's Api vs @kubernetes/client-node 1.4 vs a raw
// https + JSON.parse consumer, listing and watching the embedded API server over HTTPS.
//
//   npm run bench:client              # against the embedded API server
//   npm run bench:client -- --real    # against the real kube-apiserver (npm run cluster:build first)
//
// - list: 5 000 ConfigMaps in one answer, median of 15 runs per client.
// - watch: 5 000 events replayed from an old resourceVersion, time from subscribe to the last
//   event decoded, median of 7 runs per client.
// Figures are wall-clock on whatever machine runs this; only the ratios travel.
import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { filter, firstValueFrom, scan } from 'rxjs';
import { Api } from '../lib/client/api.js';
import { Client } from '../lib/client/client.js';
import { Config } from '../lib/client/config/config.js';
import { ConfigMap, Namespace } from '../lib/core/resources/core-v1.js';
import { startApiServer } from '../lib/server/index.js';
import { startControlPlane } from '../lib/testing/index.js';
import { renderKubeconfig } from '../lib/server/kubeconfig/render-kubeconfig.js';

/** The server the clients read from. */
interface Target {
  readonly name: string;
  readonly url: string;
  readonly caPem: string;
  readonly token: string;
  readonly kubeconfig: string;
  close(): Promise<void>;
}

async function target(): Promise<Target> {
  if (process.argv.includes('--real')) {
    // A watch cache that holds every event the watch benchmark replays.
    const plane = await startControlPlane({ controllers: false, apiserverFlags: [`--watch-cache-sizes=configmaps#${OBJECTS * 2}`] });
    const kubeconfig = renderKubeconfig({ server: plane.url, caPem: plane.caPem, user: { token: plane.token } });
    return { name: `the real kube-apiserver ${plane.version}`, url: plane.url, caPem: plane.caPem, token: plane.token, kubeconfig, close: () => plane.stop() };
  }
  const server = await startApiServer({ watchCacheSize: OBJECTS + 100 });
  return { name: 'the embedded API server', url: server.url, caPem: server.caPem, token: server.token, kubeconfig: server.kubeconfig, close: () => server.close() };
}

const OBJECTS = 5_000;
const LIST_RUNS = 15;
const WATCH_RUNS = 7;
const NAMESPACE = 'bench';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function timed(runs: number, once: () => Promise<unknown>): Promise<number> {
  await once(); // warm up: connections, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await once();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The raw consumer: https with a keep-alive agent, the body as one string, JSON.parse. */
function rawGet(server: Target, agent: Agent, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request(new URL(path, server.url), { agent, ca: server.caPem, headers: { authorization: `Bearer ${server.token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** The raw watcher: split the body on newlines and JSON.parse each line, until `count` events. */
function rawWatch(server: Target, agent: Agent, path: string, count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, server.url), { agent, ca: server.caPem, headers: { authorization: `Bearer ${server.token}` } }, (res) => {
      let seen = 0;
      let rest = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          if (line === '') continue;
          JSON.parse(line);
          seen += 1;
          if (seen === count) {
            req.destroy();
            resolve();
          }
        }
      });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error))).end();
  });
}

async function main(): Promise<void> {
  const server = await target();
  const client = new Client(await Config.fromKubeconfig(server.kubeconfig));
  const kc = new KubeConfig();
  kc.loadFromString(server.kubeconfig);
  const coreV1 = kc.makeApiClient(CoreV1Api);
  const agent = new Agent({ keepAlive: true });
  try {
    await Api.all(client, Namespace).create({ metadata: { name: NAMESPACE } });
    const configMaps = Api.namespaced(client, ConfigMap, NAMESPACE);
    const firstRv = (await configMaps.list({ limit: 1 })).metadata.resourceVersion ?? '0';
    for (let i = 0; i < OBJECTS; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => configMaps.create({ metadata: { name: `cm-${i + j}`, labels: { app: 'bench' } }, data: { v: 'x'.repeat(128) } })));
    }

    const listPath = `/api/v1/namespaces/${NAMESPACE}/configmaps`;
    const list = {
      raw: await timed(LIST_RUNS, () => rawGet(server, agent, listPath)),
      kubeRx: await timed(LIST_RUNS, () => configMaps.list()),
      clientNode: await timed(LIST_RUNS, () => coreV1.listNamespacedConfigMap({ namespace: NAMESPACE })),
    };

    const watchPath = `${listPath}?watch=true&resourceVersion=${firstRv}`;
    const watch = {
      raw: await timed(WATCH_RUNS, () => rawWatch(server, agent, watchPath, OBJECTS)),
      kubeRx: await timed(WATCH_RUNS, () =>
        firstValueFrom(configMaps.watch({ allowWatchBookmarks: false }, firstRv).pipe(scan((n) => n + 1, 0), filter((n) => n === OBJECTS))),
      ),
      clientNode: await timed(WATCH_RUNS, async () => {
        let seen = 0;
        let abort: AbortController | undefined;
        await new Promise<void>((resolve, reject) => {
          void new Watch(kc)
            .watch(listPath, { resourceVersion: firstRv }, () => {
              seen += 1;
              if (seen === OBJECTS) {
                abort?.abort();
                resolve();
              }
            }, (error: unknown) => (seen === OBJECTS ? undefined : reject(error instanceof Error ? error : new Error(String(error)))))
            .then((controller) => (abort = controller));
        });
      }),
    };

    const row = (what: string, t: { raw: number; kubeRx: number; clientNode: number }) => {
      const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(10);
      console.log(`${what.padEnd(34)} ${ms(t.raw)} ${ms(t.kubeRx)} ${ms(t.clientNode)}   ${(t.kubeRx / t.raw).toFixed(2).padStart(6)}   ${(t.kubeRx / t.clientNode).toFixed(2).padStart(6)}`);
    };
    console.log(`client speed against ${server.name} over HTTPS (Node ${process.version}), medians\n`);
    console.log(`${''.padEnd(34)} ${'raw'.padStart(10)} ${'kube-rx'.padStart(10)} ${'client-node'.padStart(10)}   kube-rx/raw   kube-rx/client-node`);
    row(`list ${OBJECTS} ConfigMaps`, list);
    row(`watch ${OBJECTS} events (replayed)`, watch);
  } finally {
    agent.destroy();
    client.close();
    await server.close();
  }
}

await main();
