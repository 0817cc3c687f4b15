// Content negotiation from the Accept header, as kube-apiserver does it: JSON, YAML or protobuf; objects, metadata or Tables.
import { notAcceptable } from '../errors/status-errors.js';

/** The serializations the server writes. */
export type MediaKind = 'json' | 'yaml' | 'protobuf';

/** The `Content-Type` of each serialization. */
export const MEDIA_TYPES: Readonly<Record<MediaKind, string>> = {
  json: 'application/json',
  yaml: 'application/yaml',
  protobuf: 'application/vnd.kubernetes.protobuf',
};

/** How to answer a request. */
export interface OutputFormat {
  readonly media: MediaKind;
  /** `object`: the resource; `metadata`: PartialObjectMetadata(List); `table`: a meta.k8s.io Table. */
  readonly as: 'object' | 'metadata' | 'table';
  /** `pretty=1` in the chosen media range. */
  readonly pretty: boolean;
}

/** What the endpoint can produce. */
export interface NegotiateOptions {
  /**
   * Objects of this endpoint have a protobuf form: built-in kinds do, custom resources do not
   * (their PartialObjectMetadata does). Default true.
   */
  readonly protobuf?: boolean;
  /** A watch: only media types with a streaming form (JSON and protobuf, not YAML). Default false. */
  readonly stream?: boolean;
}

/** One clause of an Accept header as github.com/munnerz/goautoneg parses it. */
export interface AcceptClause {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
  readonly params: ReadonlyMap<string, string>;
}

/** goautoneg's ordering: higher q first, then concrete types and subtypes before wildcards. */
function less(a: AcceptClause, b: AcceptClause): boolean {
  if (a.q > b.q) return true;
  if (a.type !== '*' && b.type === '*') return true;
  return a.subtype !== '*' && b.subtype === '*';
}

/**
 * Parses an Accept header exactly as goautoneg does (case kept, `q` read as a float, clauses
 * sorted with Go's insertion sort, which keeps the header's order among equals).
 */
export function parseAcceptClauses(header: string): AcceptClause[] {
  const clauses: AcceptClause[] = [];
  for (const raw of header.split(',')) {
    const part = raw.replace(/^ +| +$/g, '');
    const [range = '', ...rest] = part.split(';');
    const pieces = range.split('/');
    const type = (pieces[0] ?? '').replace(/^ +| +$/g, '');
    let subtype: string;
    if (pieces.length === 1 && type === '*') subtype = '*';
    else if (pieces.length === 2) subtype = (pieces[1] ?? '').replace(/^ +| +$/g, '');
    else continue;
    let q = 1;
    const params = new Map<string, string>();
    for (const param of rest) {
      const eq = param.indexOf('=');
      if (eq < 0) continue;
      const token = param.slice(0, eq).replace(/^ +| +$/g, '');
      const value = param.slice(eq + 1);
      if (token === 'q') {
        // strconv.ParseFloat(value, 32), whose error leaves q at 0.
        q = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Math.fround(Number(value)) : 0;
      } else params.set(token, value.replace(/^ +| +$/g, ''));
    }
    clauses.push({ type, subtype, q, params });
  }
  for (let i = 1; i < clauses.length; i++) {
    for (let j = i; j > 0 && less(clauses[j] as AcceptClause, clauses[j - 1] as AcceptClause); j--) {
      [clauses[j], clauses[j - 1]] = [clauses[j - 1] as AcceptClause, clauses[j] as AcceptClause];
    }
  }
  return clauses;
}

const SERVED: readonly MediaKind[] = ['json', 'yaml', 'protobuf'];
const SUBTYPES: Readonly<Record<MediaKind, string>> = { json: 'json', yaml: 'yaml', protobuf: 'vnd.kubernetes.protobuf' };

/** What a clause asks of one served media type, or `undefined` when the endpoint cannot give it. */
function accept(clause: AcceptClause, media: MediaKind, options: Required<NegotiateOptions>, transforms: boolean): OutputFormat | undefined {
  let as: string | undefined;
  let group: string | undefined;
  let version: string | undefined;
  let convert = false;
  for (const [key, value] of clause.params) {
    if (key === 'as') [as, convert] = [value, true];
    else if (key === 'g') [group, convert] = [value, true];
    else if (key === 'v') [version, convert] = [value, true];
    else if (key === 'stream' && value !== '' && (media === 'yaml' || value !== 'watch')) return undefined;
    else if (key === 'sv' && value !== '') return undefined;
  }
  const pretty = clause.params.get('pretty') === '1';
  if (!convert) {
    if (media === 'protobuf' && !options.protobuf) return undefined;
    return { media, as: 'object', pretty };
  }
  if (!transforms || group !== 'meta.k8s.io' || (version !== 'v1' && version !== 'v1beta1')) return undefined;
  if (as === 'Table') return media === 'protobuf' ? undefined : { media, as: 'table', pretty };
  if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { media, as: 'metadata', pretty };
  return undefined;
}

function negotiate(header: string | undefined, options: Required<NegotiateOptions>, transforms: boolean): OutputFormat | undefined {
  const served = SERVED.filter((m) => !(options.stream && m === 'yaml'));
  if (header === undefined || header === '') return { media: 'json', as: 'object', pretty: false };
  for (const clause of parseAcceptClauses(header)) {
    for (const media of served) {
      const matches =
        (clause.type === 'application' && (clause.subtype === SUBTYPES[media] || clause.subtype === '*')) || (clause.type === '*' && clause.subtype === '*');
      if (!matches) continue;
      const format = accept(clause, media, options, transforms);
      if (format !== undefined) return format;
    }
  }
  return undefined;
}

/**
 * Picks what to answer a get/list/watch/write with, as kube-apiserver's
 * `NegotiateOutputMediaType` does: the first clause (in goautoneg's q order) that a served media
 * type matches and the endpoint can produce. `*\/*` and `application/*` mean JSON. Protobuf is
 * produced for built-in kinds and PartialObjectMetadata, never for custom resources' objects or
 * Tables (as=Table is JSON or YAML only); a watch cannot be YAML.
 *
 * @throws {ApiError} 406 NotAcceptable naming the media types the endpoint serves.
 */
export function negotiateOutput(header: string | undefined, options: NegotiateOptions = {}): OutputFormat {
  const resolved = { protobuf: options.protobuf ?? true, stream: options.stream ?? false };
  const format = negotiate(header, resolved, true);
  if (format !== undefined) return format;
  const accepted = resolved.stream ? ['application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'] : SERVED.map((m) => MEDIA_TYPES[m]);
  throw notAcceptable(`only the following media types are accepted: ${accepted.join(', ')}`);
}

/**
 * The media type of an error Status, as `responsewriters.ErrorNegotiated` picks it: JSON, YAML or
 * protobuf by the Accept header without conversions, and JSON when nothing matches.
 */
export function negotiateErrorMedia(header: string | undefined): MediaKind {
  return negotiate(header, { protobuf: true, stream: false }, false)?.media ?? 'json';
}

/** Whether `pretty` output was asked for: explicitly, or by a curl/wget/browser User-Agent. */
export function wantsPretty(query: URLSearchParams, userAgent: string | undefined): boolean {
  const pretty = query.get('pretty');
  if (pretty !== null) return !(pretty === '0' || pretty.toLowerCase() === 'false');
  const ua = userAgent ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
}
