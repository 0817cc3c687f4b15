// The seam between credentials and the Client: headers (and maybe a client certificate) per request.

/** What to add to one request. */
export interface Credentials {
  /** Header pairs, e.g. `['Authorization', 'Bearer ...']`. */
  readonly headers: readonly (readonly [string, string])[];
  /** A client certificate to present, when the credential is one (an exec plugin may return one). */
  readonly certificate?: { readonly cert: string; readonly key: string };
}

/**
 * Produces the credentials of each request; the Client asks before every attempt, so a
 * rotating credential is picked up without rebuilding anything.
 */
export interface Authenticator {
  /** The credentials to send now (cached by the implementation as it sees fit). */
  credentials(): Promise<Credentials>;
  /**
   * Called after a 401 Unauthorized: drop cached credentials. Resolves `true` when fresh
   * ones may differ (so the request is worth sending once more), `false` otherwise.
   */
  refresh(): Promise<boolean>;
}

/** An {@link Authenticator} with fixed credentials (none, a token, basic). */
export function staticAuthenticator(credentials: Credentials): Authenticator {
  return {
    credentials: () => Promise.resolve(credentials),
    refresh: () => Promise.resolve(false),
  };
}
