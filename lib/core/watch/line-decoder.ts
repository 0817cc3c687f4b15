// Splits a byte stream into complete lines, whatever the chunk boundaries, up to a length cap.
import { KubeError } from '../errors/kube-error.js';

/**
 * The default cap on one line, in characters: 16 MiB. A watch line is one object; the API
 * server stores objects of at most 1.5 MiB (etcd's default request limit), so a line ten times
 * that size is not a Kubernetes object but a broken or hostile stream.
 */
export const DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;

/** Options of a {@link LineDecoder}. */
export interface LineDecoderOptions {
  /** Drop blank lines. @default true */
  readonly skipEmpty?: boolean;
  /**
   * The longest line accepted, in characters (UTF-16 code units, bytes for ASCII JSON; a
   * `\r` before the newline counts). A
   * longer line, complete or not, makes `push`/`end` throw a {@link LineTooLongError}
   * instead of buffering without bound. @default DEFAULT_MAX_LINE_LENGTH (16 MiB)
   */
  readonly maxLineLength?: number;
}

/**
 * A line of a stream exceeds the decoder's `maxLineLength`. The stream cannot be decoded
 * further: whoever reads it fails (a watch fails and the watcher resumes it; a log stream errors).
 */
export class LineTooLongError extends KubeError<'LineTooLong'> {
  override name = 'LineTooLongError' as const;
  /** The cap that was exceeded, in characters. */
  readonly limit: number;

  constructor(limit: number) {
    super('LineTooLong', `a line of the stream is longer than ${limit} characters (maxLineLength)`);
    this.limit = limit;
  }
}

/**
 * An incremental newline splitter for NDJSON streams (watch bodies, followed logs).
 *
 * `push` takes chunks cut anywhere (mid-line, mid-UTF-8 character, many lines at once) and
 * returns the complete lines they finish; `end` returns the last unterminated line. `\r\n`
 * and `\n` both end a line; with `skipEmpty` (the default) blank lines are dropped.
 *
 * Cost is linear in the input: a partial line is kept as a list of pieces and joined once,
 * when its newline arrives, never re-copied per chunk. Memory is bounded by `maxLineLength`.
 *
 * ## Example
 * ```ts
 * const decoder = new LineDecoder();
 * decoder.push(bytes('{"type":"ADD')); // []
 * decoder.push(bytes('ED"}\n{"ty'));    // ['{"type":"ADDED"}']
 * decoder.end();                        // '{"ty'
 * ```
 *
 * @throws {LineTooLongError} from `push` or `end`, for a line longer than `maxLineLength`.
 */
export class LineDecoder {
  readonly #text = new TextDecoder('utf-8');
  readonly #skipEmpty: boolean;
  readonly #maxLineLength: number;
  #pending: string[] = [];
  #pendingLength = 0;

  constructor(options: LineDecoderOptions = {}) {
    this.#skipEmpty = options.skipEmpty ?? true;
    this.#maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
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
    if (tail !== '') this.#keep(tail);
    const last = stripCr(this.#pending.join(''));
    this.#pending = [];
    this.#pendingLength = 0;
    return last === '' ? undefined : last;
  }

  #split(text: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      let line: string;
      if (this.#pending.length > 0) {
        this.#keep(piece);
        line = this.#pending.join('');
        this.#pending = [];
        this.#pendingLength = 0;
      } else {
        this.#check(piece.length);
        line = piece;
      }
      line = stripCr(line);
      if (line !== '' || !this.#skipEmpty) lines.push(line);
      start = nl + 1;
    }
    if (start < text.length) this.#keep(text.slice(start));
    return lines;
  }

  #keep(piece: string): void {
    this.#check(this.#pendingLength + piece.length);
    this.#pending.push(piece);
    this.#pendingLength += piece.length;
  }

  #check(length: number): void {
    if (length > this.#maxLineLength) {
      this.#pending = [];
      this.#pendingLength = 0;
      throw new LineTooLongError(this.#maxLineLength);
    }
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
