// Normalisation: what may differ between two correct servers is replaced by placeholders that keep relations.
import type { Exchange, Json, JsonObject, Transcript, WatchEventRecord, WireRequest } from './exchange.js';
import { isJsonObject } from './exchange.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const RFC3339 = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g;
const RFC3339_ONLY = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
/** kubectl describe's times: `Mon, 02 Jan 2006 15:04:05 -0700`. */
const RFC1123Z = /[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g;
/** diff(1)'s header times: `2006-01-02 15:04:05.000000000 +0000`. */
const DIFF_TIME = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4}/g;
const SERVER_URL = /https:\/\/127\.0\.0\.1:\d+/g;
const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----\n?/g;
const JWT = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;
const TOO_OLD = /too old resource version: (\d+) \((\d+)\)/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const IPV4_ONLY = /^(?:\d{1,3}\.){3}\d{1,3}$/;
/** The ServiceAccount admission plugin's projected token volume, `kube-api-access-` and 5 random characters. */
const API_ACCESS_VOLUME = /kube-api-access-[a-z0-9]{5}\b/g;
/** kubectl's human durations (the AGE column): `0s`, `5m3s`, `2d4h`, `<invalid>`. */
const AGE_TOKEN = /^(?:\d+(?:s|m|h|d|y)(?:\d+(?:s|m|h|d))?|<invalid>)$/;
/** The temporary directories kubectl diff compares. */
const DIFF_DIRS = /\/tmp\/(LIVE|MERGED)-\d+/g;

/** Column names of Tables whose cells are durations since a time. */
const DURATION_COLUMNS = new Set(['Age', 'Duration', 'Last Schedule', 'Last Seen', 'First Seen']);

/** Resource versions chosen by cases, not by servers: kept as they are. */
const LITERAL_RESOURCE_VERSIONS = new Set(['', '0', '1']);

/**
 * Replaces, per case, what legitimately differs between two servers, keeping relations:
 * - object resourceVersions → `<rv:N>`, N by order of first appearance (same RV, same N);
 *   list and bookmark resourceVersions (the store's current revision, which other writers on a
 *   real cluster move) → `<list-rv>` / `<bookmark-rv>`; in queries → `<rv>`;
 * - uids → `<uid:N>`; generated names (generateName + suffix) → `<generateName><gen:N>`;
 * - timestamps → `<time>`, durations in Table and kubectl columns → `<age>`;
 * - continue tokens → `<continue>`; allocated Service IPs and node ports → `<ip:N>` / `<port:N>`;
 * - certificates → `<pem>`, JSON web tokens → `<jwt>`, the server's address → `<server>`.
 */
export class Normalizer {
  readonly #rv = new Map<string, string>();
  readonly #uid = new Map<string, string>();
  readonly #generated = new Map<string, string>();
  readonly #ip = new Map<string, string>();
  readonly #port = new Map<string, string>();

  #placeholder(map: Map<string, string>, prefix: string, value: string): string {
    let found = map.get(value);
    if (found === undefined) {
      found = `<${prefix}:${map.size + 1}>`;
      map.set(value, found);
    }
    return found;
  }

  /** Normalises a whole transcript. */
  transcript(t: Transcript): Transcript {
    const exchanges = t.exchanges.map((x) => this.exchange(x));
    return { case: t.case, exchanges, ...(t.error === undefined ? {} : { error: this.text(t.error) }) };
  }

  exchange(x: Exchange): Exchange {
    switch (x.kind) {
      case 'http':
        this.#collectGenerated(x.request.body);
        this.#collectGenerated(x.response.body);
        return { ...x, request: this.#request(x.request), response: { ...x.response, warnings: x.response.warnings.map((w) => this.string(w)), body: this.json(x.response.body) } };
      case 'wait':
        this.#collectGenerated(x.response.body);
        return { ...x, request: this.#request(x.request), response: { ...x.response, warnings: x.response.warnings.map((w) => this.string(w)), body: this.json(x.response.body) } };
      case 'watch':
        for (const e of x.response.events) this.#collectGenerated(e.object);
        return { ...x, request: this.#request(x.request), response: { ...x.response, events: this.#events(x.response.events) } };
      case 'kubectl':
        this.#collectGenerated(x.response.stdout);
        return {
          ...x,
          request: { args: x.request.args.map((a) => this.string(a)), ...(x.request.stdin === undefined ? {} : { stdin: this.string(x.request.stdin) }) },
          response: { code: x.response.code, stdout: typeof x.response.stdout === 'string' ? this.text(x.response.stdout) : this.json(x.response.stdout), stderr: this.text(x.response.stderr) },
        };
    }
  }

  #request(r: WireRequest): WireRequest {
    const query = r.query === undefined ? undefined : this.#query(r.query);
    return {
      ...r,
      ...(query === undefined ? {} : { query }),
      ...(r.body === undefined ? {} : { body: this.json(r.body) }),
    };
  }

  #query(query: string): string {
    return query
      .split('&')
      .map((part) => {
        const [key = '', value = ''] = part.split('=');
        if (key === 'resourceVersion' && !LITERAL_RESOURCE_VERSIONS.has(decodeURIComponent(value))) return `${key}=<rv>`;
        if (key === 'continue' && value !== '') return `${key}=<continue>`;
        return this.string(part);
      })
      .join('&');
  }

  /** Watch events: periodic bookmarks (timing, not behaviour) are dropped; the initial-events-end bookmark stays. */
  #events(events: readonly WatchEventRecord[]): WatchEventRecord[] {
    const out: WatchEventRecord[] = [];
    for (const e of events) {
      if (e.type === 'BOOKMARK') {
        const annotations = (e.object as { metadata?: { annotations?: Record<string, string> } } | null)?.metadata?.annotations;
        if (annotations?.['k8s.io/initial-events-end'] !== 'true') continue;
        out.push({ type: e.type, object: this.#bookmark(e.object) });
        continue;
      }
      out.push({ type: e.type, object: this.json(e.object) });
    }
    return out;
  }

  #bookmark(object: Json): Json {
    if (!isJsonObject(object)) return this.json(object);
    const metadata = object['metadata'];
    const normalized = this.json(object) as JsonObject;
    if (isJsonObject(metadata) && typeof metadata['resourceVersion'] === 'string') {
      normalized['metadata'] = { ...(normalized['metadata'] as JsonObject), resourceVersion: '<bookmark-rv>' };
    }
    return normalized;
  }

  #collectGenerated(value: Json | undefined): void {
    if (Array.isArray(value)) {
      for (const v of value) this.#collectGenerated(v);
      return;
    }
    if (!isJsonObject(value)) return;
    const metadata = value['metadata'];
    if (isJsonObject(metadata)) {
      const generateName = metadata['generateName'];
      const name = metadata['name'];
      if (typeof generateName === 'string' && generateName !== '' && typeof name === 'string' && name.startsWith(generateName) && name !== generateName) {
        if (!this.#generated.has(name)) this.#generated.set(name, `${generateName}<gen:${this.#generated.size + 1}>`);
      }
    }
    for (const key of Object.keys(value)) this.#collectGenerated(value[key]);
  }

  /** Normalises a JSON value (objects by their keys, strings by their content). */
  json(value: Json, key = '', parent?: JsonObject): Json {
    if (typeof value === 'string') return this.#keyed(key, value, parent);
    if (typeof value === 'number') {
      if (key === 'nodePort' || key === 'healthCheckNodePort') return this.#placeholder(this.#port, 'port', String(value));
      return value;
    }
    if (Array.isArray(value)) {
      if (key === 'clusterIPs') return value.map((v) => (typeof v === 'string' ? this.#ipValue(v) : this.json(v)));
      return value.map((v) => this.json(v, '', parent));
    }
    if (!isJsonObject(value)) return value;
    const isList = Array.isArray(value['items']) || (typeof value['kind'] === 'string' && (/List$/.test(value['kind']) || value['kind'] === 'Table'));
    const out: JsonObject = {};
    for (const k of Object.keys(value)) {
      const v = value[k] as Json;
      if (k === 'metadata' && isJsonObject(v) && isList) {
        out[k] = this.#listMeta(v);
      } else if (k === 'rows' && value['kind'] === 'Table' && Array.isArray(v)) {
        out[k] = this.#tableRows(value, v);
      } else {
        out[k] = this.json(v, k, value);
      }
    }
    return out;
  }

  #listMeta(meta: JsonObject): JsonObject {
    const out: JsonObject = {};
    for (const k of Object.keys(meta)) {
      const v = meta[k] as Json;
      if (k === 'resourceVersion' && typeof v === 'string' && v !== '') out[k] = '<list-rv>';
      else if (k === 'continue' && typeof v === 'string' && v !== '') out[k] = '<continue>';
      else out[k] = this.json(v, k, meta);
    }
    return out;
  }

  #tableRows(table: JsonObject, rows: Json[]): Json {
    const columns = Array.isArray(table['columnDefinitions']) ? table['columnDefinitions'] : [];
    const durations = new Set<number>();
    columns.forEach((c, i) => {
      if (isJsonObject(c) && typeof c['name'] === 'string' && DURATION_COLUMNS.has(c['name'])) durations.add(i);
    });
    return rows.map((row) => {
      if (!isJsonObject(row)) return this.json(row);
      const out = this.json(row) as JsonObject;
      const cells = row['cells'];
      if (Array.isArray(cells)) {
        out['cells'] = cells.map((c, i) => (durations.has(i) && typeof c === 'string' && c !== '<none>' && c !== '<unknown>' ? '<age>' : this.json(c)));
      }
      return out;
    });
  }

  #ipValue(value: string): string {
    if (value === '' || value === 'None') return value;
    return this.#placeholder(this.#ip, 'ip', value);
  }

  #keyed(key: string, value: string, parent: JsonObject | undefined): string {
    switch (key) {
      case 'resourceVersion':
        if (LITERAL_RESOURCE_VERSIONS.has(value)) return value;
        return /^\d+$/.test(value) ? this.#placeholder(this.#rv, 'rv', value) : this.string(value);
      case 'continue':
        return value === '' ? value : '<continue>';
      case 'clusterIP':
        return this.#ipValue(value);
      case 'token':
        return parent !== undefined && 'expirationTimestamp' in parent ? '<token>' : this.string(value);
      default:
        return this.string(value);
    }
  }

  /** Normalises a string that is data (a field value, a message). */
  string(value: string): string {
    if (RFC3339_ONLY.test(value)) return '<time>';
    if (IPV4_ONLY.test(value) && value !== '127.0.0.1') return this.#ipValue(value);
    let out = value.replace(PEM, '<pem>').replace(JWT, '<jwt>');
    out = out.replace(UUID, (u) => this.#placeholder(this.#uid, 'uid', u));
    for (const [name, placeholder] of this.#generated) if (out.includes(name)) out = out.split(name).join(placeholder);
    out = out.replace(API_ACCESS_VOLUME, 'kube-api-access-<gen>');
    out = out.replace(SERVER_URL, '<server>');
    out = out.replace(TOO_OLD, (_m, asked: string) => `too old resource version: ${asked} (<rv-now>)`);
    out = out.replace(RFC3339, '<time>');
    return out;
  }

  /** Normalises text kubectl printed: also times, durations, IPs and temporary paths. */
  text(value: string): string {
    let out = this.string(value);
    out = out.replace(RFC1123Z, '<time>').replace(DIFF_TIME, '<time>').replace(DIFF_DIRS, '/tmp/$1-<n>');
    out = out.replace(IPV4, (ip) => (ip === '127.0.0.1' ? ip : this.#placeholder(this.#ip, 'ip', ip)));
    out = out.replace(/:(\d{5})\/(TCP|UDP|SCTP)\b/g, (_m, port: string, protocol: string) => `:${this.#placeholder(this.#port, 'port', port)}/${protocol}`);
    return out
      .split('\n')
      .map((line) => line.replace(/(^|\s)(\S+)(?=\s|$)/g, (m, space: string, token: string) => (AGE_TOKEN.test(token) ? `${space}<age>` : m)))
      .join('\n');
  }
}

/** Normalises one transcript with a fresh set of placeholders. */
export function normalizeTranscript(t: Transcript): Transcript {
  return new Normalizer().transcript(t);
}
