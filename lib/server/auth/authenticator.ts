// Authenticates requests by bearer token or verified client certificate, as kube-apiserver's union authenticator.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { UserInfo } from '../server-context.js';

/** A user a bearer token stands for. */
export interface TokenUser {
  readonly username: string;
  readonly groups?: readonly string[];
}

function withAuthenticated(groups: readonly string[]): string[] {
  return groups.includes('system:authenticated') ? [...groups] : [...groups, 'system:authenticated'];
}

/**
 * Maps a request to a user: `Authorization: Bearer <token>` looked up in the token table,
 * or a client certificate verified against the server's CA (CN → username, each O → a
 * group). Every authenticated user also gets `system:authenticated`. `undefined` means
 * 401.
 */
export class Authenticator {
  readonly #tokens = new Map<string, TokenUser>();

  constructor(tokens: ReadonlyMap<string, TokenUser>) {
    for (const [token, user] of tokens) this.#tokens.set(token, user);
  }

  /** Adds a token (e.g. a ServiceAccount token the server minted). */
  addToken(token: string, user: TokenUser): void {
    this.#tokens.set(token, user);
  }

  /** The user of a request, or `undefined` when no credential is valid. */
  authenticate(req: IncomingMessage): UserInfo | undefined {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(.+)$/i.exec(header.trim());
      const user = match?.[1] === undefined ? undefined : this.#tokens.get(match[1].trim());
      if (user !== undefined) return { username: user.username, groups: withAuthenticated(user.groups ?? []) };
    }
    const socket = req.socket as Partial<TLSSocket>;
    if (socket.authorized === true && typeof socket.getPeerCertificate === 'function') {
      const cert = socket.getPeerCertificate();
      const subject = cert.subject as unknown as Record<string, string | string[] | undefined> | undefined;
      const cn = subject?.['CN'];
      const username = Array.isArray(cn) ? cn[0] : cn;
      if (username !== undefined && username !== '') {
        const o = subject?.['O'];
        const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
        return { username, groups: withAuthenticated(groups) };
      }
    }
    return undefined;
  }
}
