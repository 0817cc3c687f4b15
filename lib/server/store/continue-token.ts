// The opaque `continue` token of paginated lists, in kube-apiserver's own encoding.
import { jsonSyntaxError } from '../input/json-syntax.js';
import { MAX_NESTING_DEPTH } from '../input/nesting-limit.js';
import { Buffer } from 'node:buffer';

/** A decoded continue token: the list's resourceVersion and the key after which to resume. */
export interface ContinueToken {
  /** The list snapshot's resourceVersion; -1 means "the latest, inconsistently". */
  readonly rv: number;
  /** The last key served, relative to the list's key prefix. */
  readonly start: string;
}

/** Why a continue token could not be decoded (kube-apiserver's wording). */
export type ContinueDecodeResult = { readonly ok: true; readonly token: ContinueToken } | { readonly ok: false; readonly message: string };

const GENERIC = 'continue key is not valid';

/**
 * Encodes a continue token as kube-apiserver does: base64url (no padding) of
 * `{"v":"meta.k8s.io/v1","rv":<rv>,"start":"<key>\u0000"}`.
 */
export function encodeContinueToken(rv: number, lastKey: string): string {
  const json = JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Decodes a token made by {@link encodeContinueToken}, with kube-apiserver's error messages. */
export function decodeContinueToken(text: string): ContinueDecodeResult {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return { ok: false, message: `${GENERIC}: illegal base64 data` };
  const bytes = Buffer.from(text, 'base64url');
  // Go's decoder words the syntax error; the scan also bounds a hostile token's nesting.
  const syntax = jsonSyntaxError(bytes, MAX_NESTING_DEPTH);
  if (syntax !== undefined) return { ok: false, message: `${GENERIC}: ${syntax.message}` };
  const value: unknown = JSON.parse(bytes.toString('utf8'));
  if (typeof value !== 'object' || value === null) return { ok: false, message: `${GENERIC}: not an object` };
  const { v, rv, start } = value as { v?: unknown; rv?: unknown; start?: unknown };
  if (v !== 'meta.k8s.io/v1') {
    return { ok: false, message: `${GENERIC}: server does not recognize this encoded version ${String(v ?? '')}` };
  }
  if (typeof rv !== 'number' || !Number.isInteger(rv) || rv === 0) {
    return { ok: false, message: `${GENERIC}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)` };
  }
  if (typeof start !== 'string' || start === '') {
    return { ok: false, message: `${GENERIC}: encoded start key empty (version meta.k8s.io/v1)` };
  }
  // As kube-apiserver: root the key, and refuse it unless it is already clean (no `//`, `.`,
  // `..` or trailing `/`), so that a token cannot range outside the list's prefix.
  const rooted = start.startsWith('/') ? start : `/${start}`;
  if (!isCleanPath(rooted)) return { ok: false, message: `${GENERIC}: ${start}` };
  return { ok: true, token: { rv, start: rooted.slice(1) } };
}

/** Whether Go's `path.Clean` leaves a rooted path unchanged. */
function isCleanPath(rooted: string): boolean {
  if (rooted === '/') return true;
  return rooted
    .slice(1)
    .split('/')
    .every((part) => part !== '' && part !== '.' && part !== '..');
}
