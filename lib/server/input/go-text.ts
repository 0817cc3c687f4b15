// How Go prints bytes in error messages: strconv.Quote of one byte, and UTF-8 coercion of raw bytes.

const PLAIN_ESCAPES: Readonly<Record<number, string>> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/**
 * One byte quoted as Go's `encoding/json` scanner quotes it in syntax errors (`quoteChar`):
 * `'x'`, `'\''`, `'"'`, `'\\'`, `'\x01'`, and a byte above 0x7f as the Latin-1 character of
 * that code point (`'ÿ'`), or `'\u0080'` where that character is not printable.
 */
export function goQuoteByte(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return '\'"\'';
  if (byte === 0x5c) return "'\\\\'";
  const plain = PLAIN_ESCAPES[byte];
  if (plain !== undefined) return `'${plain}'`;
  if (byte < 0x20 || byte === 0x7f) return `'\\x${byte.toString(16).padStart(2, '0')}'`;
  // Go's unicode.IsPrint: C1 controls, NO-BREAK SPACE and SOFT HYPHEN are not printable.
  if ((byte >= 0x80 && byte <= 0xa0) || byte === 0xad) return `'\\u00${byte.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCharCode(byte)}'`;
}

/** The length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * Raw bytes as the text Go puts on the wire when it JSON-encodes `string(bytes)`: valid UTF-8
 * is kept and every byte of an invalid sequence becomes one U+FFFD (Node's decoder would
 * replace a truncated sequence with a single U+FFFD instead).
 */
export function goString(bytes: Uint8Array): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8') + '\ufffd';
    i += 1;
    start = i;
  }
  return out + Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8');
}

const QUOTE_ESCAPES: Readonly<Record<string, string>> = { '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/**
 * A string quoted as Go's `%q` (`strconv.Quote`) quotes it: in double quotes, with `\"`, `\\`,
 * `\n`-style escapes, and `\x..`, `\u....` or `\U........` for characters Go does not print.
 * kube-apiserver's messages quote names with it (`configmaps "a\x00" not found`).
 */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const escape = QUOTE_ESCAPES[char];
    if (escape !== undefined) {
      out += escape;
      continue;
    }
    if (PRINTABLE.test(char)) {
      out += char;
      continue;
    }
    const code = char.codePointAt(0) as number;
    if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
