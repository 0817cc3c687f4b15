// Splits a byte stream into complete lines, whatever the chunk boundaries.

/**
 * An incremental newline splitter for NDJSON streams (watch bodies, followed logs).
 *
 * `push` takes chunks cut anywhere (mid-line, mid-UTF-8 character, many lines at once) and
 * returns the complete lines they finish; `end` returns the last unterminated line. `\r\n`
 * and `\n` both end a line; with `skipEmpty` (the default) blank lines are dropped.
 *
 * Cost is linear in the input: a partial line is kept as a list of pieces and joined once,
 * when its newline arrives, never re-copied per chunk.
 *
 * ## Example
 * ```ts
 * const decoder = new LineDecoder();
 * decoder.push(bytes('{"type":"ADD')); // []
 * decoder.push(bytes('ED"}\n{"ty'));    // ['{"type":"ADDED"}']
 * decoder.end();                        // '{"ty'
 * ```
 */
export class LineDecoder {
  readonly #text = new TextDecoder('utf-8');
  readonly #skipEmpty: boolean;
  #pending: string[] = [];

  constructor(options: { skipEmpty?: boolean } = {}) {
    this.#skipEmpty = options.skipEmpty ?? true;
  }

  /** Feeds a chunk; returns the lines it completes, without their line endings. */
  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.#text.decode(chunk, { stream: true });
    return this.#split(text);
  }

  /** Flushes: returns the final line if the stream did not end with a newline. */
  end(): string | undefined {
    // A dangling partial UTF-8 character flushes as U+FFFD; it cannot contain a newline.
    const tail = this.#text.decode();
    if (tail !== '') this.#pending.push(tail);
    const last = stripCr(this.#pending.join(''));
    this.#pending = [];
    return last === '' ? undefined : last;
  }

  #split(text: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      let line: string;
      if (this.#pending.length > 0) {
        this.#pending.push(piece);
        line = this.#pending.join('');
        this.#pending = [];
      } else {
        line = piece;
      }
      line = stripCr(line);
      if (line !== '' || !this.#skipEmpty) lines.push(line);
      start = nl + 1;
    }
    if (start < text.length) this.#pending.push(text.slice(start));
    return lines;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
