// Impersonation: acting as another user, with the headers the API server reads.

/**
 * Who to act as (kubectl `--as`, `--as-group`, `--as-uid`, the kubeconfig's `as*` fields).
 * Every field is sent, unlike kube-rs, which drops `uid` and `extra`.
 */
export interface Impersonation {
  readonly user?: string;
  readonly groups?: readonly string[];
  readonly uid?: string;
  /** Extra user attributes, e.g. `{ scopes: ['view', 'edit'] }`. */
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

// RFC 7230 tchar minus '%', which escapes (client-go's headerKeyEscape).
const TOKEN_CHAR = /^[!#$&'*+\-.^_`|~0-9A-Za-z]$/;

function escapeKey(key: string): string {
  let out = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += TOKEN_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The request headers for an impersonation: `Impersonate-User`, one `Impersonate-Group`
 * per group (separate header lines, never comma-joined: a comma is legal in a group name),
 * `Impersonate-Uid`, and one `Impersonate-Extra-<key>` per value, the key percent-escaped
 * where it is not a legal header-name character.
 */
export function impersonationHeaders(impersonation: Impersonation | undefined): [string, string][] {
  if (impersonation === undefined) return [];
  const headers: [string, string][] = [];
  if (impersonation.user !== undefined && impersonation.user !== '') headers.push(['Impersonate-User', impersonation.user]);
  for (const group of impersonation.groups ?? []) headers.push(['Impersonate-Group', group]);
  if (impersonation.uid !== undefined && impersonation.uid !== '') headers.push(['Impersonate-Uid', impersonation.uid]);
  for (const [key, values] of Object.entries(impersonation.extra ?? {})) {
    for (const value of values) headers.push([`Impersonate-Extra-${escapeKey(key)}`, value]);
  }
  return headers;
}
