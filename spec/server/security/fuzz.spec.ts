// Security: a seeded fuzzer — thousands of mutated bodies, paths, query strings and headers against one server.
// It asserts what must hold for any input: no 5xx a real kube-apiserver would not give, no failure answer for a
// write that happened, no prototype touched, the process alive and its memory bounded.
import { expect } from 'chai';
import { Agent, request, type RequestOptions } from 'node:https';
import { Client } from '../../../lib/client/client.js';
import { Config } from '../../../lib/client/config/config.js';
import { MAX_NESTING_DEPTH } from '../../../lib/server/input/nesting-limit.js';
import { useApiServer } from '../../helpers/api-server.js';
import { installCrd } from '../../helpers/install-crd.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

type Json = Record<string, unknown>;

/** mulberry32: a small seeded PRNG, so that a failure names the seed and request that reproduce it. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env['KUBE_RX_FUZZ_SEED'] ?? 20261207);
const REQUESTS = Number(process.env['KUBE_RX_FUZZ_REQUESTS'] ?? 3000);

/** The built-in prototypes' own members, to compare before and after. */
function prototypeSnapshot(): string {
  const describe = (target: object): string =>
    Object.getOwnPropertyNames(target)
      .sort()
      .map((name) => `${name}:${typeof Object.getOwnPropertyDescriptor(target, name)?.value}`)
      .join(',');
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype].map(describe).join('|');
}

interface Target {
  readonly collection: string;
  readonly name: string;
  readonly object: Json;
  readonly strategic: boolean;
}

const NS = '/api/v1/namespaces/fuzz';
const TARGETS: readonly Target[] = [
  { collection: `${NS}/configmaps`, name: 'cm', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', labels: { a: 'b' } }, data: { k: 'v' } }, strategic: true },
  { collection: `${NS}/secrets`, name: 'sec', object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, stringData: { p: 'w' } }, strategic: true },
  {
    collection: '/apis/apps/v1/namespaces/fuzz/deployments',
    name: 'dep',
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'dep' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i', env: [{ name: 'A', value: 'b' }], ports: [{ containerPort: 80 }] }] } } },
    },
    strategic: true,
  },
  {
    collection: `${NS}/pods`,
    name: 'pod',
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', finalizers: ['example.com/keep'] }, spec: { containers: [{ name: 'c', image: 'i' }], tolerations: [{ operator: 'Exists' }] } },
    strategic: true,
  },
  { collection: '/apis/example.com/v1/namespaces/fuzz/widgets', name: 'w1', object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { color: 'red', replicas: 2 } }, strategic: false },
  { collection: '/apis/example.com/v2/namespaces/fuzz/widgets', name: 'w2', object: { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'w2' }, spec: { free: { a: [1, 'x', null] } } }, strategic: false },
  {
    collection: '/apis/rbac.authorization.k8s.io/v1/namespaces/fuzz/roles',
    name: 'role',
    object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'role' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
    strategic: true,
  },
];

const WEIRD_STRINGS = ['', '..', '.', '%', '__proto__', 'constructor', 'ключ', '😀', 'a\u0000b', 'a\u0001b', '\u0085', '\ud800', '"', '\\', '/', 'x'.repeat(300), '-', 'A', '1e309'];
const WEIRD_VALUES: readonly unknown[] = [null, [], {}, [null], { __proto__: 'x' }, 0, -1, 1.5, 2 ** 53 + 1, 1e308, true, false, ...WEIRD_STRINGS];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/yaml',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/json-patch+json',
  'application/apply-patch+yaml',
  'application/vnd.kubernetes.protobuf',
  'text/plain',
  'application/x-www-form-urlencoded',
  '',
  ';;;',
  'application/json;=;=',
];
const ACCEPTS = [
  'application/json',
  'application/yaml',
  'application/vnd.kubernetes.protobuf',
  'application/json;as=Table;v=v1;g=meta.k8s.io',
  'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io',
  'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
  '*/*',
  'text/html',
  'application/json;as=Nope',
  ',,;q=x',
];
const QUERY_KEYS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'limit', 'continue', 'labelSelector', 'fieldSelector', 'resourceVersion', 'resourceVersionMatch', 'timeoutSeconds', 'watch', 'allowWatchBookmarks', 'sendInitialEvents', 'gracePeriodSeconds', 'propagationPolicy', 'orphanDependents', 'pretty', 'includeObject', 'container', 'tailLines'];
const QUERY_VALUES = ['', 'All', 'true', 'false', '0', '-1', '1', '99999999999999999999', 'abc', 'Strict', 'Ignore', 'Warn', 'a=b', 'a in (x', '!', 'metadata.name=cm', 'Exact', 'NotOlderThan', 'Foreground', 'Orphan', '%zz', '..', 'm'.repeat(200), '999999999'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const SUBRESOURCES = ['status', 'scale', 'log', 'eviction', 'binding', 'token', 'finalize', 'exec', 'nothing', '..', ''];

/** One fuzzed request. */
interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** The object a write addresses, when it is one of the seeded targets (for the committed-write check). */
  target: Target | undefined;
}

class Fuzzer {
  readonly #random: () => number;

  constructor(seed: number) {
    this.#random = prng(seed);
  }

  chance(p: number): boolean {
    return this.#random() < p;
  }

  int(max: number): number {
    return Math.floor(this.#random() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Replaces or adds members at random places of a JSON value. */
  mutateValue(value: unknown, depth = 0): unknown {
    if (this.chance(0.15) || depth > 6) return this.pick(WEIRD_VALUES);
    if (Array.isArray(value)) {
      const copy = value.map((v) => (this.chance(0.4) ? this.mutateValue(v, depth + 1) : v));
      if (this.chance(0.3)) copy.push(this.pick(WEIRD_VALUES));
      return copy;
    }
    if (typeof value === 'object' && value !== null) {
      const copy: Json = {};
      for (const [k, v] of Object.entries(value)) {
        if (this.chance(0.05)) continue;
        Object.defineProperty(copy, k, { value: this.chance(0.4) ? this.mutateValue(v, depth + 1) : v, enumerable: true, writable: true, configurable: true });
      }
      if (this.chance(0.3)) Object.defineProperty(copy, this.pick(WEIRD_STRINGS), { value: this.pick(WEIRD_VALUES), enumerable: true, writable: true, configurable: true });
      return copy;
    }
    return this.chance(0.5) ? this.pick(WEIRD_VALUES) : value;
  }

  /** A deep or wide structure, or a YAML construct, as text. */
  special(): string {
    const depth = this.pick([MAX_NESTING_DEPTH - 3, MAX_NESTING_DEPTH + 1, 1000, 5000]);
    switch (this.int(8)) {
      case 0:
        return `{"metadata":{"name":"cm"},"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      case 1:
        return `{"metadata":{"name":"cm"},"x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
      case 2:
        return `metadata:\n  name: cm\nx:\n${'- '.repeat(depth)}1\n`;
      case 3: {
        const lines = ['metadata:', '  name: cm', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
        let previous = 'a';
        for (const name of 'bcdefgh') {
          lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
          previous = name;
        }
        return lines.join('\n');
      }
      case 4:
        return 'metadata: &m\n  name: cm\n  labels: *m\n';
      case 5:
        return `metadata:\n  name: cm\ndata:\n  <<: {a: b}\n  y: yes\n  t: 2001-12-14\n  b: !!binary aGVsbG8=\n  n: .inf\n`;
      case 6:
        return JSON.stringify({ metadata: { name: 'cm' }, data: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, 'v'])) });
      default:
        return `[${Array.from({ length: 300 }, () => '{"op":"add","path":"/metadata/labels/x","value":"y"}').join(',')}]`;
    }
  }

  /** Byte-level damage: flips, cuts, insertions. */
  damage(text: string): Buffer {
    const bytes = [...Buffer.from(text)];
    const edits = 1 + this.int(4);
    for (let i = 0; i < edits && bytes.length > 0; i++) {
      const at = this.int(bytes.length);
      switch (this.int(4)) {
        case 0:
          bytes[at] = this.int(256);
          break;
        case 1:
          bytes.splice(at, 1 + this.int(8));
          break;
        case 2:
          bytes.splice(at, 0, ...Buffer.from(this.pick(['{', '[', '"', '\\', ':', ',', '\u0000', '\n- ', '&a ', '*a', '!!', '}', ']'])));
          break;
        default:
          bytes.length = at;
      }
    }
    return Buffer.from(bytes);
  }

  body(target: Target, contentType: string): Buffer | undefined {
    if (this.chance(0.08)) return undefined;
    if (this.chance(0.1)) return Buffer.from(this.special());
    let value: unknown = target.object;
    if (contentType === 'application/json-patch+json') {
      value = [{ op: this.pick(['add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus']), path: this.pick(['/metadata/labels/x', '/spec', '/data/k', '/metadata/__proto__/x', '/x/..', '', '/metadata/finalizers/-', '/metadata/name']), from: '/metadata', value: this.pick(WEIRD_VALUES) }];
    } else if (contentType.endsWith('merge-patch+json')) {
      value = this.mutateValue({ metadata: { labels: { x: 'y' } }, spec: {}, data: { k: 'w' } });
    }
    const mutated = this.chance(0.8) ? this.mutateValue(value) : value;
    const text = contentType.includes('yaml') && this.chance(0.5) ? yamlish(mutated) : safeStringify(mutated);
    return this.chance(0.25) ? this.damage(text) : Buffer.from(text);
  }

  query(): string {
    if (this.chance(0.3)) return '';
    const parts: string[] = [];
    const count = 1 + this.int(4);
    for (let i = 0; i < count; i++) parts.push(`${this.pick(QUERY_KEYS)}=${encodeURIComponent(this.pick(QUERY_VALUES)).replace('%25zz', '%zz')}`);
    if (!parts.some((p) => p.startsWith('timeoutSeconds='))) parts.push('timeoutSeconds=1');
    return `?${parts.join('&')}`;
  }

  path(target: Target): { path: string; named: boolean } {
    const segment = (): string => this.pick(['..', '.', '%2e%2e', '%2E.', '', '%', '%zz', '%2f', 'a%25b', uriComponent(this.pick(WEIRD_STRINGS)), target.name, 'x'.repeat(300)]);
    switch (this.int(6)) {
      case 0:
        return { path: target.collection, named: false };
      case 1:
        return { path: `${target.collection}/${target.name}/${this.pick(SUBRESOURCES)}`, named: false };
      case 2:
        return { path: `${target.collection}/${segment()}`, named: false };
      case 3:
        return { path: `${target.collection}/${target.name}/${segment()}/${segment()}`, named: false };
      case 4: {
        const parts = target.collection.split('/');
        parts[this.int(parts.length)] = segment();
        return { path: parts.join('/'), named: false };
      }
      default:
        return { path: `${target.collection}/${target.name}`, named: true };
    }
  }

  next(): FuzzRequest {
    const target = this.pick(TARGETS);
    const method = this.chance(0.85) ? this.pick(['POST', 'PUT', 'PATCH', 'DELETE', 'GET']) : this.pick(METHODS);
    const { path, named } = this.path(target);
    const contentType = this.chance(0.7) ? (method === 'PATCH' ? this.pick(CONTENT_TYPES.slice(3, 7)) : this.pick(CONTENT_TYPES.slice(0, 3))) : this.pick(CONTENT_TYPES);
    const headers: Record<string, string> = { 'content-type': contentType };
    if (this.chance(0.3)) headers['accept'] = this.pick(ACCEPTS);
    if (this.chance(0.05)) headers['user-agent'] = this.pick(WEIRD_STRINGS).replace(/[^\x20-\x7e]/g, '?');
    const body = method === 'GET' || method === 'HEAD' ? undefined : this.body(target, contentType);
    return { method, path: `${path}${this.query()}`, headers, body, target: named && method !== 'GET' ? target : undefined };
  }
}

/** `encodeURIComponent`, with a lone surrogate sent as its raw UTF-8 bytes' replacement (what a careless client sends). */
function uriComponent(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

function safeStringify(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? 1e308 : v)) ?? 'null';
}

/** A YAML rendering: flow style with a tag or anchor now and then. */
function yamlish(value: unknown): string {
  return `--- ${safeStringify(value).replace(/"k"/, '!!str "k"')}\n`;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

describe('security: fuzzing the embedded server', function () {
  this.timeout(240_000);
  const env = useApiServer({ resourceVersionWaitMs: 20 });
  // One kept-alive connection: the requests are sequential, and a TLS handshake each would double the time.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  after(() => agent.destroy());

  const send = (method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> => {
    const url = new URL(env.server.url);
    const options: RequestOptions = {
      hostname: url.hostname,
      port: url.port,
      path,
      method,
      ca: env.server.caPem,
      agent,
      headers: { ...headers, authorization: `Bearer ${env.server.token}`, ...(body === undefined ? {} : { 'content-length': String(body.length) }) },
    };
    return new Promise((resolve) => {
      const req = request(options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size < 1 << 20) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, body: '' }));
      });
      // A watch or a stream that outlives its timeoutSeconds is cut here, not waited for.
      req.setTimeout(3000, () => req.destroy());
      req.on('error', (error) => resolve({ status: -1, body: String(error) }));
      req.end(body);
    });
  };

  const resourceVersion = async (target: Target): Promise<string | undefined> => {
    const res = await send('GET', `${target.collection}/${target.name}`, {});
    if (res.status !== 200) return undefined;
    return (JSON.parse(res.body) as { metadata: { resourceVersion?: string } }).metadata.resourceVersion;
  };

  before(async () => {
    const json = { 'content-type': 'application/json' };
    const created = async (path: string, body: unknown): Promise<void> => {
      const res = await send('POST', path, json, Buffer.from(JSON.stringify(body)));
      expect(res.status, `${path}: ${res.body}`).to.equal(201);
    };
    await created('/api/v1/namespaces', { metadata: { name: 'fuzz' } });
    await installCrd(new Client(await Config.fromKubeconfig(env.server.kubeconfig)), widgetCrd());
  });

  it(`should hold every invariant over ${REQUESTS} seeded requests (seed ${SEED})`, async () => {
    const prototypes = prototypeSnapshot();
    const rssStart = process.memoryUsage().rss;
    let rssPeak = rssStart;
    const fuzzer = new Fuzzer(SEED);
    const statuses = new Map<number, number>();
    const seed = async (): Promise<void> => {
      for (const target of TARGETS) {
        if ((await send('GET', `${target.collection}/${target.name}`, {})).status === 404) {
          await send('POST', target.collection, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(target.object)));
        }
      }
    };
    await seed();
    for (let i = 0; i < REQUESTS; i++) {
      if (i % 200 === 0) await seed();
      const req = fuzzer.next();
      const check = req.target !== undefined && i % 3 === 0;
      const before = check ? await resourceVersion(req.target as Target) : undefined;
      const res = await send(req.method, req.path, req.headers, req.body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const where = `request ${i} (KUBE_RX_FUZZ_SEED=${SEED}): ${req.method} ${req.path} ${JSON.stringify(req.headers)} ${req.body?.toString('utf8').slice(0, 300) ?? ''}\n→ ${res.status} ${res.body.slice(0, 300)}`;
      // 504: a resourceVersion too new to wait for, as kube-apiserver answers it. -1: a stream cut after its timeout.
      expect(res.status >= 500 && res.status !== 504, where).to.equal(false);
      if (check && before !== undefined && res.status >= 400) {
        const after = await resourceVersion(req.target as Target);
        if (after !== undefined) expect(after, `a failed write changed the object: ${where}`).to.equal(before);
      }
      if (i % 100 === 0) {
        expect(prototypeSnapshot(), where).to.equal(prototypes);
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      }
    }
    expect(prototypeSnapshot()).to.equal(prototypes);
    expect(({} as Json)['x'], 'Object.prototype.x').to.equal(undefined);
    // Alive, and still serving.
    expect((await send('GET', '/api/v1/namespaces/fuzz', {})).status).to.equal(200);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    // The server shares the process with mocha; a leak or an expansion bomb would add far more than this.
    expect(rssPeak - rssStart, `RSS grew from ${rssStart} to ${rssPeak}`).to.be.below(768 * 1024 * 1024);
    expect([...statuses.keys()].filter((s) => s >= 200 && s < 300).length, JSON.stringify([...statuses])).to.be.above(0);
  });
});
