// The Warning headers of an answer, written as kube-apiserver's warning recorder writes them.

/** kube-apiserver stops adding warnings past this many characters in total... */
const TRUNCATE_AT_TOTAL_RUNES = 4 * 1024;
/** ...and from then on cuts each warning to this many. */
const TRUNCATE_ITEM_RUNES = 256;

/** Go's unicode.IsControl: C0 controls, DEL and the C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** `299 - "<text>"` with `"` and `\` escaped and every other character as is (Go's makeQuotedString). */
function header(text: string): string {
  return `299 - "${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * Node sends header strings as Latin-1 bytes and refuses characters above U+00FF; Go sends the
 * UTF-8 bytes of the text. The UTF-8 bytes spelled as a Latin-1 string put exactly Go's bytes
 * on the wire (a client reading the header as UTF-8, as client-go does, sees the text).
 */
function utf8OnTheWire(value: string): string {
  return Buffer.from(value, 'utf8').toString('latin1');
}

/**
 * The `Warning` header values for warning texts, as kube-apiserver's warning recorder makes
 * them (`filters/warning.go`): each text once, in order; texts with control characters are
 * dropped (Go's `NewWarningHeader` refuses them); past 4096 characters in total the warnings
 * written so far are cut to 256 characters each and later ones are added, cut, only while the
 * total stays under 4096. Values carry the text's UTF-8 bytes, so a field name such as
 * `ключ` or `😀` can never make a header Node refuses (which once failed a committed write).
 *
 * ## Example
 * ```ts
 * warningHeaders(['unknown field "ключ"', 'unknown field "ключ"']); // one value: 299 - "unknown field \"ключ\"" (as UTF-8 bytes)
 * ```
 */
export function warningHeaders(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const ordered: string[] = [];
  let headers: string[] = [];
  let written = 0;
  let truncating = false;
  const cut = (text: string): string => {
    const runes = [...text];
    return runes.length > TRUNCATE_ITEM_RUNES ? runes.slice(0, TRUNCATE_ITEM_RUNES).join('') : text;
  };
  for (const original of texts) {
    if (original === '') continue;
    if (written >= TRUNCATE_AT_TOTAL_RUNES && truncating) break;
    if (seen.has(original)) continue;
    seen.add(original);
    ordered.push(original);
    const text = truncating ? cut(original) : original;
    const length = [...text].length;
    if (CONTROL.test(text)) continue;
    if (written + length <= TRUNCATE_AT_TOTAL_RUNES || truncating) {
      written += length;
      headers.push(header(text));
      continue;
    }
    truncating = true;
    written = 0;
    headers = [];
    for (const earlier of ordered) {
      const shortened = cut(earlier);
      if (CONTROL.test(shortened)) continue;
      written += [...shortened].length;
      headers.push(header(shortened));
    }
  }
  return headers.map(utf8OnTheWire);
}
