// Per-call options of every one-shot request.

/** Options of one call. */
export interface CallOptions {
  /** Aborts the request (and any retry wait); the call rejects with a `ClientError` `Aborted`. */
  readonly signal?: AbortSignal;
}
