// Parameters of get calls.

/** Parameters of `get`. */
export interface GetParams {
  /** Unset: most recent (quorum read). `"0"`: any, possibly stale. Other: not older than. */
  readonly resourceVersion?: string;
}
