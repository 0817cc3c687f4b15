// Splits a webhook URL into its parts the way Go's net/url.Parse reads it (lenient: no scheme, no host are parts, not errors).

/** The parts of a URL. */
export interface WebhookUrlParts {
  /** Lower-cased, `''` when absent. */
  readonly scheme: string;
  /** `user` or `user:password`, when present. */
  readonly user: string | undefined;
  /** `host` or `host:port` (brackets kept for IPv6). */
  readonly host: string;
  /** The host without port and brackets. */
  readonly hostname: string;
  /** The port, `''` when absent. */
  readonly port: string;
  readonly path: string;
  /** Without the `?`. */
  readonly query: string;
  /** Without the `#`. */
  readonly fragment: string;
}

const URL_PATTERN = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

/**
 * The parts of a URL as Go's `url.Parse` sees them, or `undefined` for text it refuses
 * (control characters, a leading colon, a bad port, an unclosed IPv6 bracket).
 */
export function parseWebhookUrl(text: string): WebhookUrlParts | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text) || text.startsWith(':')) return undefined;
  const match = URL_PATTERN.exec(text);
  if (match === null) return undefined;
  const authority = match[2] ?? '';
  const at = authority.lastIndexOf('@');
  const user = at === -1 ? undefined : authority.slice(0, at);
  const host = at === -1 ? authority : authority.slice(at + 1);
  let hostname = host;
  let port = '';
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close === -1) return undefined;
    hostname = host.slice(1, close);
    const rest = host.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return undefined;
    port = rest.slice(1);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon !== -1) {
      hostname = host.slice(0, colon);
      port = host.slice(colon + 1);
    }
  }
  if (!/^\d*$/.test(port)) return undefined;
  return { scheme: (match[1] ?? '').toLowerCase(), user, host, hostname, port, path: match[3] ?? '', query: match[4] ?? '', fragment: match[5] ?? '' };
}
