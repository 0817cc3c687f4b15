// The conformance suite's transcript: every request a case sent and what came back, as data.

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** An HTTP request as a case describes it (the server's address and credentials are added by the target). */
export interface WireRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path, without the query. */
  readonly path: string;
  /** The query string without `?` (kept in the order written). */
  readonly query?: string;
  /** `Accept`. @default 'application/json' */
  readonly accept?: string;
  /** `Content-Type` of the body. @default 'application/json' when there is a body */
  readonly contentType?: string;
  /** A JSON body, or a string sent as is (YAML apply patches). */
  readonly body?: Json;
}

/** An answer read whole. */
export interface WireResponse {
  readonly code: number;
  /** `Content-Type` without parameters other than those the Accept negotiation names. */
  readonly contentType: string;
  /** Each `Warning` header's text. */
  readonly warnings: readonly string[];
  /** The body: parsed JSON, or the text when it is not JSON. */
  readonly body: Json;
}

/** One watch event as the stream carried it. */
export interface WatchEventRecord {
  readonly type: string;
  readonly object: Json;
}

/** How a watch's collection ended. */
export type WatchEnd = 'condition' | 'timeout' | 'closed';

/** What kubectl printed; stdout is parsed when it was asked for `-o json` or `-o yaml`. */
export interface KubectlOutcome {
  readonly code: number;
  readonly stdout: Json;
  readonly stderr: string;
}

/** One compared step of a case. */
export type Exchange =
  | { readonly kind: 'http'; readonly label: string; readonly request: WireRequest; readonly response: WireResponse }
  | {
      readonly kind: 'watch';
      readonly label: string;
      readonly request: WireRequest;
      readonly response: { readonly code: number; readonly contentType: string; readonly events: readonly WatchEventRecord[]; readonly end: WatchEnd };
    }
  | { readonly kind: 'wait'; readonly label: string; readonly request: WireRequest; readonly response: WireResponse & { readonly reached: boolean } }
  | { readonly kind: 'kubectl'; readonly label: string; readonly request: { readonly args: readonly string[]; readonly stdin?: string }; readonly response: KubectlOutcome };

/** Everything one case did on one server. */
export interface Transcript {
  readonly case: string;
  readonly exchanges: readonly Exchange[];
  /** What the case threw, when it did not run to its end (compared too). */
  readonly error?: string;
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` for a JSON object, else undefined. */
export function field(value: Json | undefined, ...keys: string[]): Json | undefined {
  let current: Json | undefined = value;
  for (const key of keys) {
    if (!isJsonObject(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** `field(...)` as a string ('' when absent or not a string). */
export function text(value: Json | undefined, ...keys: string[]): string {
  const found = field(value, ...keys);
  return typeof found === 'string' ? found : '';
}
