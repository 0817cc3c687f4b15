// One server the corpus runs against: raw HTTPS (no client library in between), watches and kubectl.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineDecoder } from '../../../lib/core/watch/line-decoder.js';
import type { TestCluster } from '../../../lib/testing/index.js';
import type { Json, WatchEventRecord, WireRequest, WireResponse } from './exchange.js';

/** Where kubectl lives on the machines this repository runs on. */
const KUBECTL = '/usr/bin/kubectl';

/** The User-Agent of every request (kube-apiserver derives the default field manager from it). */
export const USER_AGENT = 'kube-rx-conformance/v0.0.0';

/** An open watch. */
export interface OpenWatch {
  readonly code: number;
  readonly contentType: string;
  /** The events so far (error answers: the body as one event of type `STATUS`). */
  readonly events: WatchEventRecord[];
  /** True once the server ended the stream. */
  readonly ended: boolean;
  /** Calls `listener` after every event and at the end. */
  onChange(listener: () => void): void;
  close(): void;
}

/** What kubectl printed. */
export interface KubectlRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A server to run cases against. */
export interface Target {
  readonly kind: 'embedded' | 'real';
  readonly url: string;
  send(req: WireRequest): Promise<WireResponse>;
  watch(req: WireRequest): Promise<OpenWatch>;
  kubectl(args: readonly string[], options?: { readonly stdin?: string; readonly env?: Readonly<Record<string, string>> }): Promise<KubectlRun>;
  /** Lets background work (garbage collection, namespace finalization) catch up where the server offers a hook. */
  settle(): Promise<void>;
  /**
   * Forgets history, where the server has a hook for it (the embedded server's compaction). The
   * real server's watch cache already considers every resourceVersion before its start too old.
   */
  expireHistory(): Promise<void>;
  close(): Promise<void>;
}

function contentTypeOf(res: IncomingMessage): string {
  return (res.headers['content-type'] ?? '').replace(/;\s*charset=utf-8$/i, '');
}

function warningsOf(res: IncomingMessage): string[] {
  const raw = res.headers['warning'];
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((w) => w.replace(/^299 - "(.*)"$/, '$1'));
}

function parseBody(text: string, contentType: string): Json {
  if (/json/.test(contentType) || /^[[{]/.test(text)) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  return text;
}

/** Makes a Target of a started test cluster. */
export async function clusterTarget(cluster: TestCluster): Promise<Target> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8, ca: cluster.caPem });
  const dir = await mkdtemp(join(tmpdir(), `kube-rx-conformance-${cluster.kind}-`));
  const kubeconfigPath = join(dir, 'kubeconfig.yaml');
  await writeFile(kubeconfigPath, cluster.kubeconfig, { mode: 0o600 });
  const open = (req: WireRequest, streaming: boolean): Promise<IncomingMessage> => {
    const url = `${cluster.url}${req.path}${req.query === undefined || req.query === '' ? '' : `?${req.query}`}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${cluster.token}`,
      accept: req.accept ?? 'application/json',
      'user-agent': USER_AGENT,
    };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      const r = request(url, { method: req.method, headers, agent: streaming ? new Agent({ ca: cluster.caPem }) : agent });
      r.on('response', resolve);
      r.on('error', reject);
      r.end(body);
    });
  };
  return {
    kind: cluster.kind,
    url: cluster.url,
    async send(req) {
      const res = await open(req, false);
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      const contentType = contentTypeOf(res);
      return { code: res.statusCode ?? 0, contentType, warnings: warningsOf(res), body: parseBody(Buffer.concat(chunks).toString('utf8'), contentType) };
    },
    async watch(req) {
      const res = await open(req, true);
      const contentType = contentTypeOf(res);
      const events: WatchEventRecord[] = [];
      const listeners: (() => void)[] = [];
      let ended = false;
      const changed = (): void => {
        for (const listener of listeners) listener();
      };
      const code = res.statusCode ?? 0;
      if (code !== 200) {
        const chunks: Buffer[] = [];
        for await (const chunk of res) chunks.push(chunk as Buffer);
        events.push({ type: 'STATUS', object: parseBody(Buffer.concat(chunks).toString('utf8'), contentType) });
        ended = true;
      } else {
        const decoder = new LineDecoder();
        res.on('data', (chunk: Buffer) => {
          for (const line of decoder.push(chunk)) {
            if (line.trim() === '') continue;
            const event = JSON.parse(line) as { type: string; object: Json };
            events.push({ type: event.type, object: event.object });
          }
          changed();
        });
        const finish = (): void => {
          if (ended) return;
          ended = true;
          changed();
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      }
      return {
        code,
        contentType,
        events,
        get ended() {
          return ended;
        },
        onChange: (listener) => listeners.push(listener),
        close: () => res.destroy(),
      };
    },
    kubectl(args, options = {}) {
      const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfigPath, ...options.env };
      return new Promise((resolve, reject) => {
        const child = execFile(KUBECTL, [`--cache-dir=${join(dir, 'cache')}`, ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
          if (error !== null && typeof (error as { code?: unknown }).code !== 'number') {
            reject(error);
            return;
          }
          resolve({ code: error === null ? 0 : Number((error as { code: number }).code), stdout, stderr });
        });
        child.stdin?.end(options.stdin ?? '');
      });
    },
    settle: () => cluster.embedded?.hooks.settle() ?? Promise.resolve(),
    expireHistory: () => {
      cluster.embedded?.hooks.compact();
      return Promise.resolve();
    },
    async close() {
      agent.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
