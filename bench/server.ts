// Benchmarks the embedded API server: list latency over 10k objects and watch fan-out to 100 watchers.
//
//   npm run bench:server
//
// Everything goes over real HTTPS on loopback (keep-alive agent, bearer token), as a client
// would see it. Figures are wall-clock on whatever machine runs this; the README quotes a run.
import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { startApiServer, type ApiServer } from '../lib/server/index.js';

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

function call(server: ApiServer, agent: Agent, method: string, path: string, body?: unknown): Promise<Answer> {
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

async function seed(server: ApiServer, agent: Agent): Promise<number> {
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

async function timeList(server: ApiServer, agent: Agent, query: string): Promise<{ p50: number; p95: number; bytes: number; items: number }> {
  const times: number[] = [];
  let bytes = 0;
  let items = 0;
  for (let run = 0; run < LIST_RUNS; run += 1) {
    const started = performance.now();
    let token: string | undefined;
    items = 0;
    bytes = 0;
    do {
      const sep = query === '' ? '' : '&';
      const answer = await call(server, agent, 'GET', `/api/v1/namespaces/${NAMESPACE}/configmaps?${query}${token === undefined ? '' : `${sep}continue=${token}`}`);
      const list = JSON.parse(answer.body) as { items: unknown[]; metadata: { continue?: string } };
      items += list.items.length;
      bytes += answer.bytes;
      token = list.metadata.continue;
    } while (token !== undefined);
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), bytes, items };
}

interface Watcher {
  received: number;
  readonly latencies: number[];
  close(): void;
}

function openWatcher(server: ApiServer, rv: string, sentAt: Map<string, number>, onEvent: () => void): Promise<Watcher> {
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

async function fanOut(server: ApiServer, agent: Agent): Promise<{ seconds: number; delivered: number; p50: number; p99: number }> {
  const sentAt = new Map<string, number>();
  let total = 0;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const rv = server.hooks.resourceVersion();
  const watchers = await Promise.all(
    Array.from({ length: WATCHERS }, () =>
      openWatcher(server, rv, sentAt, () => {
        total += 1;
        if (total === WATCHERS * EVENTS) finished();
      }),
    ),
  );
  while (server.hooks.activeWatches() < WATCHERS) await new Promise((r) => setImmediate(r));
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

async function main(): Promise<void> {
  const server = await startApiServer({ watchCacheSize: 50_000, controllers: false });
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  try {
    await call(server, agent, 'POST', '/api/v1/namespaces', { metadata: { name: NAMESPACE } });
    const seedMs = await seed(server, agent);
    const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
    console.log(`kube-rx embedded API server (Node ${process.version}, ${process.platform}/${process.arch})`);
    console.log(`create ${OBJECTS} ConfigMaps, 32 concurrent clients: ${(seedMs / 1000).toFixed(2)} s (${Math.round(OBJECTS / (seedMs / 1000))} creates/s)`);
    const full = await timeList(server, agent, '');
    console.log(`list ${full.items} ConfigMaps in one answer (${mb(full.bytes)} MB): p50 ${full.p50.toFixed(1)} ms, p95 ${full.p95.toFixed(1)} ms`);
    const paged = await timeList(server, agent, 'limit=500');
    console.log(`list ${paged.items} ConfigMaps in pages of 500: p50 ${paged.p50.toFixed(1)} ms, p95 ${paged.p95.toFixed(1)} ms per full traversal`);
    const selected = await timeList(server, agent, 'labelSelector=app%3Dapp-3');
    console.log(`list with a label selector (${selected.items} of ${OBJECTS} match): p50 ${selected.p50.toFixed(1)} ms, p95 ${selected.p95.toFixed(1)} ms`);
    const fan = await fanOut(server, agent);
    console.log(
      `watch fan-out: ${WATCHERS} watchers x ${EVENTS} creates = ${fan.delivered} events in ${fan.seconds.toFixed(2)} s ` +
        `(${Math.round(fan.delivered / fan.seconds)} events/s delivered; create-to-event latency p50 ${fan.p50.toFixed(1)} ms, p99 ${fan.p99.toFixed(1)} ms)`,
    );
  } finally {
    agent.destroy();
    await server.close();
  }
}

await main();
