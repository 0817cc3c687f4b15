// Removes credentials from text before it can reach an error message or a log line.

const PATTERNS: readonly (readonly [RegExp, string])[] = [
  // Authorization headers and bearer tokens, wherever they appear.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]+/gi, '$1 [redacted]'],
  // PEM private keys (client-key-data decoded, exec plugin output, ...); one cut off before
  // its END line (a truncated body) is removed to the end of the text.
  [/-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g, '[redacted private key]'],
  // key: value or key=value pairs whose key names a secret (YAML, JSON, query strings), also
  // inside JSON that was itself quoted (`\"token\":\"x\"`, as JSON.stringify of a body prints).
  // A key that ends a field path (`users[name=me].user.token: must be a string`) names a
  // field, not a value that follows it: the lookbehind leaves it alone.
  [
    /(?<![.\]])((?:\\?")?(?:token|password|passwd|secret|client-key-data|client-certificate-data|access[-_]token|id[-_]token|refresh[-_]token)(?:\\?")?\s*[:=]\s*)(\\"[\s\S]*?\\"(?=[\s,}\]]|$)|"(?:[^"\\]|\\.)*"|'[^']*'|[^\s,&}]+)/gi,
    '$1[redacted]',
  ],
  // user:password@ in URLs.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1[redacted]@'],
];

/**
 * Returns `text` with bearer tokens, basic credentials, private keys, URL passwords and
 * secret-named `key: value` pairs replaced by `[redacted]`.
 *
 * Every {@link KubeError} passes its message through this function, so a credential that
 * slips into a message (a server echoing a header, a kubeconfig fragment in a parse
 * error) never reaches a log.
 *
 * ## Example
 * ```ts
 * redact('Authorization: Bearer abc.def'); // 'Authorization: Bearer [redacted]'
 * ```
 */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
