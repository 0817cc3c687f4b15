// Test hook: the most recent requests the server answered, for specs that check what a client sent.

/** One answered request. Credentials are never recorded. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** The query string, without the leading `?`. */
  readonly query: string;
  readonly userAgent: string | undefined;
  readonly contentType: string | undefined;
  readonly accept: string | undefined;
  /** The authenticated user, if any. */
  readonly user: string | undefined;
  /** The HTTP status answered (for watches: the status the stream started with). */
  readonly code: number;
}

/** A bounded log of {@link RecordedRequest}s, oldest first. */
export class RequestLog {
  readonly #limit: number;
  #entries: RecordedRequest[] = [];

  constructor(limit = 2000) {
    this.#limit = limit;
  }

  /** Records one request. */
  add(entry: RecordedRequest): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) this.#entries = this.#entries.slice(-this.#limit);
  }

  /** A copy of the log. */
  entries(): RecordedRequest[] {
    return [...this.#entries];
  }

  /** Forgets everything recorded so far. */
  clear(): void {
    this.#entries = [];
  }
}
