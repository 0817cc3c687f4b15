// Authenticates requests as kube-apiserver's union authenticator: client certificate, bearer tokens, then anonymous.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { UserInfo } from '../server-context.js';
import { API_AUDIENCE, type ServiceAccountTokens } from './service-account-tokens.js';

/** A user a static bearer token stands for (kube-apiserver's `--token-auth-file` rows). */
export interface TokenUser {
  readonly username: string;
  readonly groups?: readonly string[];
  readonly uid?: string;
}

/** The user of requests that present no credential. */
export const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Options of the {@link Authenticator}. */
export interface AuthenticatorOptions {
  /** Static bearer tokens. */
  readonly tokens?: ReadonlyMap<string, TokenUser>;
  /** The ServiceAccount tokens the server minted. */
  readonly serviceAccountTokens?: ServiceAccountTokens;
  /** Requests without any credential are `system:anonymous` (kube-apiserver's `--anonymous-auth`). @default true */
  readonly anonymous?: boolean;
}

function withAuthenticated(groups: readonly string[]): string[] {
  return groups.includes('system:authenticated') ? [...groups] : [...groups, 'system:authenticated'];
}

function staticUser(user: TokenUser): UserInfo {
  return { username: user.username, groups: withAuthenticated(user.groups ?? []), ...(user.uid === undefined ? {} : { uid: user.uid }) };
}

type Outcome = { readonly type: 'user'; readonly user: UserInfo } | { readonly type: 'failed' } | { readonly type: 'none' };

/**
 * Maps a request to a user, trying what kube-apiserver tries, in its order:
 *
 * 1. a client certificate verified against the server's CA: CN → username, each O → a
 *    group, extra `authentication.kubernetes.io/credential-id: X509SHA256=<hex>`;
 * 2. `Authorization: Bearer <token>`: a static token, else a ServiceAccount token this
 *    server minted (see {@link ServiceAccountTokens});
 * 3. nothing presented: `system:anonymous` in `system:unauthenticated` (unless disabled).
 *
 * The first credential that authenticates wins; a credential that is presented but does
 * not authenticate (an unknown or expired token, a certificate from another CA), with no
 * other that does, means 401 — never anonymous. An `Authorization` header that is not a
 * non-empty `Bearer` token counts as no credential, as real. Authenticated users also get
 * `system:authenticated`.
 */
export class Authenticator {
  readonly #tokens = new Map<string, TokenUser>();
  readonly #serviceAccountTokens: ServiceAccountTokens | undefined;
  readonly #anonymous: boolean;

  constructor(options: AuthenticatorOptions = {}) {
    for (const [token, user] of options.tokens ?? []) this.#tokens.set(token, user);
    this.#serviceAccountTokens = options.serviceAccountTokens;
    this.#anonymous = options.anonymous ?? true;
  }

  /** Adds a static token. */
  addToken(token: string, user: TokenUser): void {
    this.#tokens.set(token, user);
  }

  /** The user of a request, or `undefined` when it must be answered 401. */
  authenticate(req: IncomingMessage): UserInfo | undefined {
    const certificate = this.#certificate(req);
    if (certificate.type === 'user') return certificate.user;
    const token = this.#bearer(req);
    if (token.type === 'user') return token.user;
    if (certificate.type === 'failed' || token.type === 'failed' || !this.#anonymous) return undefined;
    return ANONYMOUS;
  }

  /**
   * What a TokenReview answers for a token and target audiences (the API server's when
   * empty): the user and the audiences it is valid for, or kube-apiserver's error text.
   */
  reviewToken(token: string, audiences: readonly string[]): { readonly user: UserInfo; readonly audiences: readonly string[] } | { readonly error: string } {
    const targets = audiences.length === 0 ? [API_AUDIENCE] : audiences;
    const user = this.#tokens.get(token);
    if (user !== undefined && targets.includes(API_AUDIENCE)) return { user: staticUser(user), audiences: [API_AUDIENCE] };
    const check = this.#serviceAccountTokens?.check(token, targets);
    if (check?.type === 'user') return { user: check.user, audiences: check.audiences };
    if (check?.type === 'rejected') return { error: `[invalid bearer token, ${check.message}]` };
    return { error: 'invalid bearer token' };
  }

  #certificate(req: IncomingMessage): Outcome {
    const socket = req.socket as Partial<TLSSocket>;
    if (typeof socket.getPeerCertificate !== 'function') return { type: 'none' };
    const cert = socket.getPeerCertificate();
    if (cert === null || Object.keys(cert).length === 0) return { type: 'none' };
    if (socket.authorized !== true) return { type: 'failed' };
    const subject = cert.subject as unknown as Record<string, string | string[] | undefined> | undefined;
    const cn = subject?.['CN'];
    const username = Array.isArray(cn) ? cn[0] : cn;
    if (username === undefined || username === '') return { type: 'none' };
    const o = subject?.['O'];
    const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
    const fingerprint = (cert.fingerprint256 ?? '').replace(/:/g, '').toLowerCase();
    return {
      type: 'user',
      user: { username, groups: withAuthenticated(groups), extra: { 'authentication.kubernetes.io/credential-id': [`X509SHA256=${fingerprint}`] } },
    };
  }

  #bearer(req: IncomingMessage): Outcome {
    const header = (req.headers.authorization ?? '').trim();
    if (header === '') return { type: 'none' };
    const parts = header.split(' ');
    if (parts.length < 2 || (parts[0] ?? '').toLowerCase() !== 'bearer') return { type: 'none' };
    const token = parts[1] ?? '';
    if (token === '') return { type: 'none' };
    return this.#token(token);
  }

  #token(token: string): Outcome {
    const user = this.#tokens.get(token);
    if (user !== undefined) return { type: 'user', user: staticUser(user) };
    const check = this.#serviceAccountTokens?.check(token);
    if (check?.type === 'user') return check;
    return { type: 'failed' };
  }
}
