// Benchmarks the embedded API server beside the real kube-apiserver: list latency over 10k objects
// and watch fan-out to 100 watchers, both servers measured in one run.
//
//   npm run bench:server               # the embedded server, and the real one when its binaries are built
//   npm run bench:server -- --embedded # the embedded server only
//
// Everything goes over real HTTPS on loopback (keep-alive agent, bearer token), as a client
// would see it. List rounds alternate between the servers, so both see the same machine load.
// Figures are wall-clock on whatever machine runs this; the README quotes a run.
import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { startApiServer } from '../lib/server/index.js';
import { controlPlaneAssets, startControlPlane } from '../lib/testing/index.js';

/** A server under test, as the benchmark reaches it. */
interface Target {
  readonly name: string;
  readonly url: string;
  readonly caPem: string;
  readonly token: string;
  readonly agent: Agent;
  close(): Promise<void>;
}

const OBJECTS = 10_000;
const LIST_RUNS = 20;
const WATCHERS = 100;
const EVENTS = 2_000;
const NAMESPACE = 'bench';

interface Answer {
  readonly status: number;
  readonly bytes: number;
  readonly body: string;
}

function call(server: Target, agent: Agent, method: string, path: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, server.url),
      {
        method,
        agent,
        ca: server.caPem,
        headers: {
          authorization: `Bearer ${server.token}`,
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const data = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, bytes: data.length, body: data.toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function configMap(i: number): Record<string, unknown> {
  return {
    metadata: { name: `cm-${String(i).padStart(5, '0')}`, labels: { app: `app-${i % 10}`, tier: i % 2 === 0 ? 'front' : 'back' } },
    data: { index: String(i), payload: 'x'.repeat(128) },
  };
}

async function seed(server: Target, agent: Agent): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < OBJECTS) {
      const i = next;
      next += 1;
      const answer = await call(server, agent, 'POST', `/api/v1/namespaces/${NAMESPACE}/configmaps`, configMap(i));
      if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${answer.body}`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return performance.now() - started;
}

interface ListFigures {
  readonly p50: number;
  readonly p95: number;
  readonly bytes: number;
  readonly items: number;
}

/** One full traversal of the list (every page), timed. */
async function listOnce(server: Target, query: string): Promise<{ ms: number; bytes: number; items: number }> {
  const started = performance.now();
  let token: string | undefined;
  let items = 0;
  let bytes = 0;
  do {
    const sep = query === '' ? '' : '&';
    const answer = await call(server, server.agent, 'GET', `/api/v1/namespaces/${NAMESPACE}/configmaps?${query}${token === undefined ? '' : `${sep}continue=${encodeURIComponent(token)}`}`);
    const list = JSON.parse(answer.body) as { items: unknown[] | null; metadata: { continue?: string } };
    items += list.items?.length ?? 0;
    bytes += answer.bytes;
    token = list.metadata.continue;
  } while (token !== undefined);
  return { ms: performance.now() - started, bytes, items };
}

/** `LIST_RUNS` traversals on every target, alternating the targets (and their order) run by run. */
async function timeLists(targets: readonly Target[], query: string): Promise<ListFigures[]> {
  const times = targets.map(() => [] as number[]);
  const last = targets.map(() => ({ bytes: 0, items: 0 }));
  for (let run = 0; run < LIST_RUNS; run += 1) {
    const order = run % 2 === 0 ? targets.map((_, i) => i) : targets.map((_, i) => targets.length - 1 - i);
    for (const i of order) {
      const result = await listOnce(targets[i] as Target, query);
      times[i]?.push(result.ms);
      last[i] = result;
    }
  }
  return targets.map((_, i) => ({ p50: percentile(times[i] ?? [], 50), p95: percentile(times[i] ?? [], 95), ...(last[i] ?? { bytes: 0, items: 0 }) }));
}

interface Watcher {
  received: number;
  readonly latencies: number[];
  close(): void;
}

function openWatcher(server: Target, rv: string, sentAt: Map<string, number>, onEvent: () => void): Promise<Watcher> {
  return new Promise((resolve, reject) => {
    const watcher: Watcher = { received: 0, latencies: [], close: () => req.destroy() };
    const req = request(
      new URL(`/api/v1/namespaces/${NAMESPACE}/configmaps?watch=true&resourceVersion=${rv}&labelSelector=app%3Dwatched`, server.url),
      { agent: false, ca: server.caPem, headers: { authorization: `Bearer ${server.token}` } },
      (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let nl = buffer.indexOf('\n');
          while (nl !== -1) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            const event = JSON.parse(line) as { object: { metadata: { name: string } } };
            const sent = sentAt.get(event.object.metadata.name);
            if (sent !== undefined) watcher.latencies.push(performance.now() - sent);
            watcher.received += 1;
            onEvent();
            nl = buffer.indexOf('\n');
          }
        });
        resolve(watcher);
      },
    );
    req.on('error', (error) => {
      if (watcher.received < EVENTS) reject(error);
    });
    req.end();
  });
}

async function currentResourceVersion(server: Target): Promise<string> {
  const answer = await call(server, server.agent, 'GET', `/api/v1/namespaces/${NAMESPACE}/configmaps?limit=1`);
  return (JSON.parse(answer.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

async function fanOut(server: Target, agent: Agent): Promise<{ seconds: number; delivered: number; p50: number; p99: number }> {
  const sentAt = new Map<string, number>();
  let total = 0;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const rv = await currentResourceVersion(server);
  const watchers = await Promise.all(
    Array.from({ length: WATCHERS }, () =>
      openWatcher(server, rv, sentAt, () => {
        total += 1;
        if (total === WATCHERS * EVENTS) finished();
      }),
    ),
  );
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < EVENTS) {
      const i = next;
      next += 1;
      const name = `watched-${i}`;
      sentAt.set(name, performance.now());
      await call(server, agent, 'POST', `/api/v1/namespaces/${NAMESPACE}/configmaps`, { metadata: { name, labels: { app: 'watched' } }, data: { i: String(i) } });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await done;
  const seconds = (performance.now() - started) / 1000;
  const latencies = watchers.flatMap((w) => w.latencies);
  for (const w of watchers) w.close();
  return { seconds, delivered: total, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function embeddedTarget(): Promise<Target> {
  const server = await startApiServer({ watchCacheSize: 50_000, controllers: false });
  return { name: 'kube-rx embedded', url: server.url, caPem: server.caPem, token: server.token, agent: new Agent({ keepAlive: true, maxSockets: 32 }), close: () => server.close() };
}

async function realTarget(): Promise<Target | undefined> {
  let assets;
  try {
    assets = controlPlaneAssets();
  } catch (error) {
    console.log(`(no real control plane: ${(error as Error).message})`);
    return undefined;
  }
  const plane = await startControlPlane({ assets, controllers: false });
  return { name: `kube-apiserver ${plane.version}`, url: plane.url, caPem: plane.caPem, token: plane.token, agent: new Agent({ keepAlive: true, maxSockets: 32 }), close: () => plane.stop() };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const targets: Target[] = [await embeddedTarget()];
  if (!process.argv.includes('--embedded')) {
    const real = await realTarget();
    if (real !== undefined) targets.push(real);
  }
  try {
    console.log(`Node ${process.version}, ${process.platform}/${process.arch}; ${targets.map((t) => t.name).join(' beside ')}\n`);
    const rows: string[][] = [['what', ...targets.map((t) => t.name), ...(targets.length > 1 ? ['embedded / real'] : [])]];
    const ratio = (values: readonly number[]): string[] => (values.length > 1 ? [((values[0] ?? 0) / (values[1] ?? 1)).toFixed(2)] : []);
    const seeds: number[] = [];
    for (const target of targets) {
      await call(target, target.agent, 'POST', '/api/v1/namespaces', { metadata: { name: NAMESPACE } });
      seeds.push(await seed(target, target.agent));
    }
    rows.push([`create ${OBJECTS} ConfigMaps, 32 concurrent clients`, ...seeds.map((v) => `${(v / 1000).toFixed(2)} s (${Math.round(OBJECTS / (v / 1000))}/s)`), ...ratio(seeds)]);
    const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
    for (const [label, query] of [
      [`list ${OBJECTS} ConfigMaps in one answer`, ''],
      [`list ${OBJECTS} ConfigMaps in pages of 500 (whole traversal)`, 'limit=500'],
      [`list with a label selector (${OBJECTS / 10} of ${OBJECTS} match)`, 'labelSelector=app%3Dapp-3'],
    ] as const) {
      const figures = await timeLists(targets, query);
      rows.push([`${label}, p50`, ...figures.map((f) => `${ms(f.p50)} (${f.items} items, ${mb(f.bytes)} MB)`), ...ratio(figures.map((f) => f.p50))]);
      rows.push([`${label}, p95`, ...figures.map((f) => ms(f.p95)), ...ratio(figures.map((f) => f.p95))]);
    }
    const fans = [];
    for (const target of targets) fans.push(await fanOut(target, target.agent));
    rows.push([`watch fan-out: ${WATCHERS} watchers x ${EVENTS} creates, events/s`, ...fans.map((f) => `${Math.round(f.delivered / f.seconds)} (${f.delivered} in ${f.seconds.toFixed(2)} s)`), ...ratio(fans.map((f) => f.seconds))]);
    rows.push(['create-to-event latency p50', ...fans.map((f) => ms(f.p50)), ...ratio(fans.map((f) => f.p50))]);
    rows.push(['create-to-event latency p99', ...fans.map((f) => ms(f.p99)), ...ratio(fans.map((f) => f.p99))]);
    for (const [i, row] of rows.entries()) {
      console.log(`| ${row.join(' | ')} |`);
      if (i === 0) console.log(`|${row.map(() => '---').join('|')}|`);
    }
    if (targets.length > 1) console.log('\n(ratios: embedded / real; for the fan-out, of the seconds taken)');
  } finally {
    for (const target of targets) {
      target.agent.destroy();
      await target.close();
    }
  }
}

await main();
