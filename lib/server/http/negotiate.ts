// Content negotiation from the Accept header: JSON or YAML, full objects, metadata only, or Tables.
import { notAcceptable } from '../errors/status-errors.js';

/** One media range of an Accept header. */
export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Parses an Accept header into its media ranges, in order (q-values are not used by clients here). */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [];
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [mime = '', ...rest] = part.split(';');
      const [type = '', subtype = ''] = mime.trim().toLowerCase().split('/');
      const params = new Map<string, string>();
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"|"$/g, ''));
      }
      return { type, subtype, params };
    });
}

/** How to answer a get/list/watch. */
export interface OutputFormat {
  readonly yaml: boolean;
  /** `object`: the resource; `metadata`: PartialObjectMetadata(List); `table`: a meta.k8s.io Table. */
  readonly as: 'object' | 'metadata' | 'table';
}

const ACCEPTED = 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf';

function isJson(range: MediaRange): boolean {
  return (range.type === 'application' && range.subtype === 'json') || (range.type === '*' && range.subtype === '*') || (range.type === 'application' && range.subtype === '*');
}

/**
 * Picks the first Accept range the server can produce for a get/list/watch: plain JSON
 * (also `*\/*`), YAML, `as=PartialObjectMetadata[List]` or `as=Table` in `meta.k8s.io`
 * `v1`/`v1beta1`. Protobuf and unknown `as=` ranges are skipped.
 *
 * @throws {ApiError} 406 NotAcceptable when nothing in the header can be produced.
 */
export function negotiateOutput(header: string | undefined, allowYaml = true): OutputFormat {
  const ranges = parseAccept(header);
  if (ranges.length === 0) return { yaml: false, as: 'object' };
  for (const range of ranges) {
    const as = range.params.get('as');
    if (as !== undefined) {
      if (!isJson(range) && !(range.type === 'application' && range.subtype === 'yaml')) continue;
      const group = range.params.get('g');
      const version = range.params.get('v');
      if (group !== 'meta.k8s.io' || (version !== 'v1' && version !== 'v1beta1')) continue;
      const yaml = range.subtype === 'yaml';
      if (as === 'Table') return { yaml, as: 'table' };
      if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { yaml, as: 'metadata' };
      continue;
    }
    if (isJson(range)) return { yaml: false, as: 'object' };
    if (allowYaml && range.type === 'application' && range.subtype === 'yaml') return { yaml: true, as: 'object' };
  }
  throw notAcceptable(ACCEPTED);
}

/** Whether `pretty` output was asked for: explicitly, or by a curl/wget/browser User-Agent. */
export function wantsPretty(query: URLSearchParams, userAgent: string | undefined): boolean {
  const pretty = query.get('pretty');
  if (pretty !== null) return !(pretty === '0' || pretty.toLowerCase() === 'false');
  const ua = userAgent ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
}
