// The API server's Warning headers (`299 - "unknown field \"spec.nots\""`), parsed as client-go does.

/** One warning of a `Warning` header: `warn-code warn-agent "warn-text" ["warn-date"]`. */
export interface WarningHeader {
  /** Three digits; the API server sends 299 (miscellaneous persistent warning). */
  readonly code: number;
  /** The agent, `-` when the server names none. */
  readonly agent: string;
  /** The message, unquoted. */
  readonly text: string;
}

/**
 * Parses the value of `Warning` headers (RFC 7234 §5.5, as k8s.io/apimachinery does): one or
 * more comma-separated `code agent "text"` entries with an optional quoted date. Several
 * headers joined by `, ` (as `fetch` joins repeated headers) parse as one list. Parsing stops
 * at the first malformed entry; what came before it is kept.
 *
 * ## Example
 * ```ts
 * parseWarningHeaders('299 - "unknown field \\"spec.nots\\"", 299 - "deprecated"');
 * // [{ code: 299, agent: '-', text: 'unknown field "spec.nots"' }, { code: 299, agent: '-', text: 'deprecated' }]
 * ```
 */
export function parseWarningHeaders(value: string): WarningHeader[] {
  const out: WarningHeader[] = [];
  let rest = value.trim();
  while (rest !== '') {
    const parsed = parseOne(rest);
    if (parsed === undefined) break;
    out.push(parsed.warning);
    rest = parsed.rest;
  }
  return out;
}

function parseOne(text: string): { warning: WarningHeader; rest: string } | undefined {
  const codeEnd = text.indexOf(' ');
  if (codeEnd === -1) return undefined;
  const code = text.slice(0, codeEnd);
  if (!/^\d{3}$/.test(code)) return undefined;
  const afterCode = text.slice(codeEnd + 1);
  const agentEnd = afterCode.indexOf(' ');
  if (agentEnd <= 0) return undefined;
  const agent = afterCode.slice(0, agentEnd);
  if (hasControl(agent)) return undefined;
  const quoted = readQuoted(afterCode.slice(agentEnd + 1));
  if (quoted === undefined) return undefined;
  if (hasControl(quoted.text)) return undefined;
  let rest = quoted.rest;
  if (rest.startsWith('"')) {
    const end = rest.indexOf('"', 1);
    if (end === -1) return undefined;
    rest = rest.slice(end + 1).trim();
  }
  if (rest !== '') {
    if (!rest.startsWith(',')) return undefined;
    rest = rest.slice(1).trim();
  }
  return { warning: { code: Number(code), agent, text: quoted.text }, rest };
}

/** A `"..."` string with backslash escapes, and what follows it (trimmed). */
function readQuoted(text: string): { text: string; rest: string } | undefined {
  if (!text.startsWith('"')) return undefined;
  let out = '';
  let escaping = false;
  for (let i = 1; i < text.length; i++) {
    const char = text.charAt(i);
    if (escaping) {
      out += char;
      escaping = false;
    } else if (char === '\\') {
      escaping = true;
    } else if (char === '"') {
      return { text: out, rest: text.slice(i + 1).trim() };
    } else {
      out += char;
    }
  }
  return undefined;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
