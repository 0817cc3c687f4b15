// A cheap scan of YAML text for nesting that costs one byte or two a level: flow collections and compact block entries.

/** Where a scan found nesting beyond the limit: the 1-based line of the collection that passed it. */
export interface YamlTooDeep {
  readonly line: number;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === undefined;

/**
 * Scans YAML text, without parsing it, for the nesting a document can reach cheaply: flow
 * collections (`[[[[…`, one byte a level) and compact block entries (`- - - …` or `? ? …`,
 * two bytes a level), which is how a small body nests thousands deep. Block nesting by
 * indentation needs a line per level and quadratic bytes; the parser's own tree is checked
 * for it afterwards.
 *
 * The count is a lower bound on the real depth: a bracket counts only where a flow collection
 * can start (after indentation, `- `, `? ` or `: `, or anywhere inside a flow collection),
 * never inside quoted scalars, comments, block scalars (`|`, `>`) or the continuation lines
 * of a plain scalar. So a document the scan refuses is too deep, and the scan never refuses
 * a document that is not.
 *
 * @returns the line where the depth first passes `maxDepth`, or `undefined`.
 */
export function yamlTooDeep(text: string, maxDepth: number): YamlTooDeep | undefined {
  const scan = new YamlScan(text, maxDepth);
  return scan.run();
}

class YamlScan {
  readonly #text: string;
  readonly #max: number;
  #pos = 0;
  #line = 1;
  /** Open flow collections. */
  #flow = 0;
  /** Compact entries (`- `, `? `) of the line where the open flow collections started. */
  #base = 0;
  /** Inside a quoted scalar that spans lines. */
  #quote: '"' | "'" | undefined;
  /** Lines indented more than this belong to a block scalar. */
  #blockScalarIndent: number | undefined;
  /** The last content line in block context ended with a value still to come (`key:`, `-`). */
  #openValue = true;
  #lastIndent = -1;

  constructor(text: string, max: number) {
    this.#text = text;
    this.#max = max;
  }

  run(): YamlTooDeep | undefined {
    const text = this.#text;
    while (this.#pos <= text.length) {
      let end = text.indexOf('\n', this.#pos);
      if (end === -1) end = text.length;
      if (this.#lineTooDeep(end)) return { line: this.#line };
      this.#pos = end + 1;
      this.#line += 1;
    }
    return undefined;
  }

  /** Scans the line ending at `end`; true when it passes the limit. */
  #lineTooDeep(end: number): boolean {
    const text = this.#text;
    let p = this.#pos;
    while (p < end && text[p] === ' ') p++;
    const indent = p - this.#pos;
    const blank = p >= end || text[p] === '\r' || text[p] === '#';
    if (this.#blockScalarIndent !== undefined) {
      if (blank || indent > this.#blockScalarIndent) return false;
      this.#blockScalarIndent = undefined;
    }
    if (this.#quote !== undefined) {
      p = this.#skipQuoted(this.#pos, end, this.#quote);
      if (p > end) return false;
      return this.#flow > 0 ? this.#flowTooDeep(p, end) : this.#afterNode(p, end, indent);
    }
    if (this.#flow > 0) return this.#flowTooDeep(this.#pos, end);
    if (blank) return false;
    if (text.startsWith('---', p) || text.startsWith('...', p)) {
      if (isBlank(text[p + 3])) {
        this.#openValue = true;
        this.#lastIndent = -1;
        return this.#blockNode(p + 3, end, 0, -1);
      }
    }
    if (text[p] === '%' && indent === 0) return false;
    // A line indented under a line whose value is complete continues a plain scalar.
    if (indent > this.#lastIndent && !this.#openValue) return false;
    this.#lastIndent = indent;
    return this.#blockNode(p, end, 0, indent);
  }

  /** A node in block context at `p`, under `chain` compact entries of this line. */
  #blockNode(start: number, end: number, chainStart: number, indent: number): boolean {
    const text = this.#text;
    let p = start;
    let chain = chainStart;
    for (;;) {
      while (p < end && (text[p] === ' ' || text[p] === '\t')) p++;
      const c = text[p];
      if ((c === '-' || c === '?') && isBlank(text[p + 1])) {
        chain += 1;
        if (chain > this.#max) return true;
        p += 1;
        continue;
      }
      break;
    }
    p = this.#skipProperties(p, end);
    if (p >= end || text[p] === '\r' || text[p] === '#') {
      this.#openValue = true;
      return false;
    }
    const c = text[p];
    if (c === '[' || c === '{') {
      this.#base = chain;
      return this.#flowTooDeep(p, end);
    }
    if (c === '|' || c === '>') {
      this.#blockScalarIndent = indent;
      this.#openValue = false;
      return false;
    }
    if (c === '"' || c === "'") {
      const after = this.#skipQuoted(p + 1, end, c);
      if (after > end) return false;
      return this.#afterNode(after, end, indent, chain);
    }
    // A plain scalar: a key when `: ` follows on this line, else a value (or its first line).
    const colon = this.#mappingColon(p, end);
    if (colon === undefined) {
      this.#openValue = false;
      return false;
    }
    return this.#blockNode(colon + 1, end, chain, indent);
  }

  /** After a quoted scalar or a flow collection in block context: a `: value` may follow. */
  #afterNode(start: number, end: number, indent: number, chain = 0): boolean {
    const text = this.#text;
    let p = start;
    while (p < end && (text[p] === ' ' || text[p] === '\t')) p++;
    if (text[p] === ':' && isBlank(text[p + 1])) return this.#blockNode(p + 1, end, chain, indent);
    this.#openValue = false;
    return false;
  }

  /** The `:` at `p` or later that ends a plain key on this line (followed by a blank), if any. */
  #mappingColon(start: number, end: number): number | undefined {
    const text = this.#text;
    for (let p = start; p < end; p++) {
      const c = text[p];
      if (c === '#' && (text[p - 1] === ' ' || text[p - 1] === '\t')) return undefined;
      if (c === ':' && isBlank(text[p + 1])) return p;
    }
    return undefined;
  }

  /** Skips anchors (`&a`) and tags (`!t`, `!!str`) before a node. */
  #skipProperties(start: number, end: number): number {
    const text = this.#text;
    let p = start;
    while (p < end && (text[p] === '&' || text[p] === '!')) {
      while (p < end && !isBlank(text[p])) p++;
      while (p < end && (text[p] === ' ' || text[p] === '\t')) p++;
    }
    return p;
  }

  /** The position after the closing quote, or `end + 1` when the scalar goes on to the next line. */
  #skipQuoted(start: number, end: number, quote: '"' | "'"): number {
    const text = this.#text;
    for (let p = start; p < end; p++) {
      const c = text[p];
      if (quote === '"' && c === '\\') {
        p++;
        continue;
      }
      if (c === quote) {
        if (quote === "'" && text[p + 1] === "'") {
          p++;
          continue;
        }
        this.#quote = undefined;
        return p + 1;
      }
    }
    this.#quote = quote;
    return end + 1;
  }

  /**
   * Flow context from `start`: brackets outside quotes and comments open and close collections.
   * A quote starts a quoted scalar only where a node starts (after `[`, `{`, `,`, `:`, a
   * property or a line break); elsewhere it belongs to a plain scalar (`[plain ', x]`).
   */
  #flowTooDeep(start: number, end: number): boolean {
    const text = this.#text;
    let nodeStart = true;
    for (let p = start; p < end; p++) {
      const c = text[p];
      switch (c) {
        case '[':
        case '{':
          this.#flow += 1;
          if (this.#base + this.#flow > this.#max) return true;
          nodeStart = true;
          break;
        case ']':
        case '}':
          if (this.#flow > 0) this.#flow -= 1;
          if (this.#flow === 0) return this.#afterNode(p + 1, end, Math.max(this.#lastIndent, 0), this.#base);
          nodeStart = false;
          break;
        case ',':
        case ':':
          nodeStart = true;
          break;
        case ' ':
        case '\t':
        case '\r':
          break;
        case '"':
        case "'":
          if (nodeStart) p = this.#skipQuoted(p + 1, end, c) - 1;
          nodeStart = false;
          break;
        case '#':
          if (p === start || text[p - 1] === ' ' || text[p - 1] === '\t') return false;
          nodeStart = false;
          break;
        case '&':
        case '!':
          if (!nodeStart) break;
          while (p + 1 < end && !isBlank(text[p + 1]) && text[p + 1] !== ',' && text[p + 1] !== ']' && text[p + 1] !== '}') p++;
          break;
        default:
          nodeStart = false;
      }
    }
    return false;
  }
}
