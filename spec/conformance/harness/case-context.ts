// What a conformance case sees: its namespaces, and one method per kind of compared step.
import type { Exchange, Json, KubectlOutcome, Transcript, WatchEnd, WatchEventRecord, WireRequest, WireResponse } from './exchange.js';
import { parse as parseYaml } from 'yaml';
import type { Target } from './target.js';
import { pollUntil } from '../../helpers/eventually.js';

/** The patch content types, by the name kubectl gives them (`apply-yaml` sends YAML text). */
export const PATCH_TYPES = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
  'apply-yaml': 'application/apply-patch+yaml',
} as const;

/** A patch type. */
export type PatchType = keyof typeof PATCH_TYPES;

/** A watch a case opened; `until` ends it. */
export interface CaseWatch {
  /** The events so far. */
  readonly events: readonly WatchEventRecord[];
  /**
   * Waits until `condition` holds for the events (or the stream ends, or `timeoutMs` passes),
   * closes the watch and records it as one compared step.
   */
  until(condition: (events: readonly WatchEventRecord[]) => boolean, timeoutMs?: number): Promise<readonly WatchEventRecord[]>;
}

/** One case of the corpus. */
export interface ConformanceCase {
  /** Unique, `area/what` (also the recording's file name). */
  readonly name: string;
  /** How many namespaces the case gets (`ns`, `ns2`). @default 1 */
  readonly namespaces?: 0 | 1 | 2;
  run(ctx: CaseContext): Promise<void>;
}

/** A short DNS label for a case name. */
export function caseSlug(name: string): string {
  return `c-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`.slice(0, 50).replace(/-+$/, '');
}

/** Whether an answer is a watch event that ends the initial events (`k8s.io/initial-events-end`). */
export function isInitialEventsEnd(event: WatchEventRecord): boolean {
  const annotations = (event.object as { metadata?: { annotations?: Record<string, string> } } | null)?.metadata?.annotations;
  return event.type === 'BOOKMARK' && annotations?.['k8s.io/initial-events-end'] === 'true';
}

/** Runs one case against one target and keeps its transcript. */
export class CaseContext {
  readonly #target: Target;
  readonly #exchanges: Exchange[] = [];
  readonly #labels = new Set<string>();
  readonly #case: ConformanceCase;
  /** The case's first namespace. */
  readonly ns: string;
  /** The case's second namespace (when it asked for two). */
  readonly ns2: string;

  constructor(target: Target, conformanceCase: ConformanceCase) {
    this.#target = target;
    this.#case = conformanceCase;
    this.ns = caseSlug(conformanceCase.name);
    this.ns2 = `${this.ns}-b`;
  }

  /** A name for a cluster-scoped object, unique to this case. */
  name(suffix: string): string {
    return `${this.ns}-${suffix}`;
  }

  /** The transcript so far. */
  transcript(): Transcript {
    return { case: this.#case.name, exchanges: [...this.#exchanges] };
  }

  #label(label: string): string {
    if (this.#labels.has(label)) throw new Error(`case ${this.#case.name}: two steps are labelled ${JSON.stringify(label)}`);
    this.#labels.add(label);
    return label;
  }

  /** Sends a request whose answer is compared. */
  async request(label: string, req: WireRequest): Promise<WireResponse> {
    this.#label(label);
    const response = await this.#target.send(req);
    this.#exchanges.push({ kind: 'http', label, request: req, response });
    return response;
  }

  get(label: string, path: string, query?: string, accept?: string): Promise<WireResponse> {
    return this.request(label, { method: 'GET', path, ...(query === undefined ? {} : { query }), ...(accept === undefined ? {} : { accept }) });
  }

  post(label: string, path: string, body: Json, query?: string): Promise<WireResponse> {
    return this.request(label, { method: 'POST', path, body, ...(query === undefined ? {} : { query }) });
  }

  put(label: string, path: string, body: Json, query?: string): Promise<WireResponse> {
    return this.request(label, { method: 'PUT', path, body, ...(query === undefined ? {} : { query }) });
  }

  patch(label: string, path: string, type: PatchType, body: Json, query?: string): Promise<WireResponse> {
    const sent = type === 'apply' && typeof body !== 'string' ? JSON.stringify(body) : body;
    return this.request(label, { method: 'PATCH', path, contentType: PATCH_TYPES[type], body: sent, ...(query === undefined ? {} : { query }) });
  }

  delete(label: string, path: string, query?: string, body?: Json): Promise<WireResponse> {
    return this.request(label, { method: 'DELETE', path, ...(query === undefined ? {} : { query }), ...(body === undefined ? {} : { body }) });
  }

  /** Sends a request whose answer is not compared (setup). */
  uncompared(req: WireRequest): Promise<WireResponse> {
    return this.#target.send(req);
  }

  /** Opens a watch; its events are compared once `until` ends it. */
  async watch(label: string, req: WireRequest): Promise<CaseWatch> {
    this.#label(label);
    const open = await this.#target.watch(req);
    return {
      events: open.events,
      until: async (condition, timeoutMs = 8000) => {
        const end = await new Promise<WatchEnd>((resolve) => {
          let done = false;
          const check = (): void => {
            if (done) return;
            if (condition(open.events)) finish('condition');
            else if (open.ended) finish('closed');
          };
          const finish = (how: WatchEnd): void => {
            done = true;
            clearTimeout(timer);
            resolve(how);
          };
          const timer = setTimeout(() => finish('timeout'), timeoutMs);
          open.onChange(check);
          check();
        });
        open.close();
        const events = [...open.events];
        this.#exchanges.push({ kind: 'watch', label, request: req, response: { code: open.code, contentType: open.contentType, events, end } });
        return events;
      },
    };
  }

  /**
   * Polls `req` (after letting background work settle) until `condition` holds or `timeoutMs`
   * passes; the last answer is compared, with whether the condition was reached.
   */
  async waitFor(label: string, req: WireRequest, condition: (res: WireResponse) => boolean, timeoutMs = 20_000): Promise<WireResponse> {
    this.#label(label);
    const { value: response, reached } = await pollUntil(
      async () => {
        await this.#target.settle();
        return this.#target.send(req);
      },
      condition,
      { attempts: Math.ceil(timeoutMs / 100), intervalMs: 100 },
    );
    this.#exchanges.push({ kind: 'wait', label, request: req, response: { ...response, reached } });
    return response;
  }

  /** Runs kubectl; its exit code, stdout (parsed for `-o json|yaml`) and stderr are compared. */
  async kubectl(label: string, args: readonly string[], options: { readonly stdin?: string; readonly env?: Readonly<Record<string, string>> } = {}): Promise<KubectlOutcome> {
    this.#label(label);
    const run = await this.#target.kubectl(args, options);
    const format = outputFormat(args);
    let stdout: Json = run.stdout;
    if (run.code === 0 && format !== undefined && run.stdout.trim() !== '') {
      stdout = (format === 'json' ? JSON.parse(run.stdout) : parseYaml(run.stdout)) as Json;
    }
    const response: KubectlOutcome = { code: run.code, stdout, stderr: run.stderr };
    this.#exchanges.push({ kind: 'kubectl', label, request: { args, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) }, response });
    return response;
  }

  /** Makes older resourceVersions too old where the server has a hook (see {@link Target.expireHistory}). */
  expireHistory(): Promise<void> {
    return this.#target.expireHistory();
  }

  /** Lets background work catch up where the server offers a hook. */
  settle(): Promise<void> {
    return this.#target.settle();
  }
}

function outputFormat(args: readonly string[]): 'json' | 'yaml' | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = arg === '-o' || arg === '--output' ? args[i + 1] : /^(?:-o|--output=)(.+)$/.exec(arg)?.[1];
    if (value === 'json' || value === 'yaml') return value;
  }
  return undefined;
}
