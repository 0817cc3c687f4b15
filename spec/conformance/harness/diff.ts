// A structural diff of two normalised transcripts: one entry per differing JSON path.
import type { Exchange, Json, Transcript } from './exchange.js';
import { isJsonObject } from './exchange.js';

/** One difference between the expected (real) and the actual (embedded) answer of a step. */
export interface Difference {
  readonly case: string;
  /** The step's label. */
  readonly step: string;
  /** Where in the step: `response.code`, `response.body.metadata.labels.app`, `response.events[2].object`, ... */
  readonly path: string;
  /** The real server's value (`undefined`: absent). */
  readonly expected: Json | undefined;
  /** The embedded server's value (`undefined`: absent). */
  readonly actual: Json | undefined;
}

function keyPath(base: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** Appends the differences between two JSON values under `path`. */
export function diffJson(expected: Json | undefined, actual: Json | undefined, path: string, out: { path: string; expected: Json | undefined; actual: Json | undefined }[]): void {
  if (expected === actual) return;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) diffJson(expected[i], actual[i], `${path}[${i}]`, out);
    return;
  }
  if (isJsonObject(expected) && isJsonObject(actual)) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const has = (o: object): boolean => Object.prototype.hasOwnProperty.call(o, key);
      diffJson(has(expected) ? expected[key] : undefined, has(actual) ? actual[key] : undefined, keyPath(path, key), out);
    }
    return;
  }
  out.push({ path, expected, actual });
}

function comparable(x: Exchange): { request: Json; response: Json } {
  return JSON.parse(JSON.stringify({ request: x.request, response: x.response })) as { request: Json; response: Json };
}

/** The steps of two transcripts, paired by label, with what differs in each. */
export function diffTranscripts(expected: Transcript, actual: Transcript): Difference[] {
  const out: Difference[] = [];
  const actualByLabel = new Map(actual.exchanges.map((x) => [x.label, x]));
  const expectedLabels = new Set(expected.exchanges.map((x) => x.label));
  for (const e of expected.exchanges) {
    const a = actualByLabel.get(e.label);
    if (a === undefined) {
      out.push({ case: expected.case, step: e.label, path: '', expected: 'the step ran', actual: 'the step did not run (the case stopped earlier)' });
      continue;
    }
    const paths: { path: string; expected: Json | undefined; actual: Json | undefined }[] = [];
    if (e.kind !== a.kind) paths.push({ path: 'kind', expected: e.kind, actual: a.kind });
    else {
      const ce = comparable(e);
      const ca = comparable(a);
      diffJson(ce.request, ca.request, 'request', paths);
      diffJson(ce.response, ca.response, 'response', paths);
    }
    for (const p of paths) out.push({ case: expected.case, step: e.label, ...p });
  }
  for (const a of actual.exchanges) {
    if (!expectedLabels.has(a.label)) out.push({ case: expected.case, step: a.label, path: '', expected: 'no such step', actual: 'the step ran' });
  }
  if (expected.error !== actual.error) out.push({ case: expected.case, step: '(end)', path: 'error', expected: expected.error, actual: actual.error });
  return out;
}

/** Whether the two transcripts ran the same steps in the same order (what a stale recording breaks). */
export function sameSteps(expected: Transcript, actual: Transcript): boolean {
  const steps = (t: Transcript): string => JSON.stringify(t.exchanges.map((x) => [x.kind, x.label]));
  return steps(expected) === steps(actual);
}

function show(value: Json | undefined): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** One difference as a reader wants it in a failure message. */
export function describeDifference(d: Difference): string {
  return `  ${d.case} › ${d.step} › ${d.path || '(step)'}\n      real:     ${show(d.expected)}\n      embedded: ${show(d.actual)}`;
}
