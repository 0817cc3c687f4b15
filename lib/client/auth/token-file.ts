// A bearer token read from a file and re-read whenever the file changes (rotating service-account tokens).
import { readFile, stat } from 'node:fs/promises';
import { AuthError } from './auth-error.js';
import type { Authenticator, Credentials } from './authenticator.js';

/**
 * Bearer credentials from a token file. Before each request the file is `stat`ed and re-read
 * when its inode, size or modification time changed — kubelet rotates projected
 * service-account tokens by swapping a symlink, which changes all three. When a re-read
 * fails, the last good token is kept (as kube-rs does); the first read failing is an error.
 *
 * ## Example
 * ```ts
 * const auth = new TokenFile('/var/run/secrets/kubernetes.io/serviceaccount/token');
 * (await auth.credentials()).headers; // [['Authorization', 'Bearer eyJ...']]
 * ```
 */
export class TokenFile implements Authenticator {
  readonly path: string;
  #stamp = '';
  #token: string | undefined;

  constructor(path: string) {
    this.path = path;
  }

  /** @throws {AuthError} `TokenFileUnreadable` when no token could ever be read. */
  async credentials(): Promise<Credentials> {
    const token = await this.#read();
    return { headers: [['Authorization', `Bearer ${token}`]] };
  }

  /** Forces a re-read; `true` when the token changed (a 401 is then worth retrying). */
  async refresh(): Promise<boolean> {
    const before = this.#token;
    this.#stamp = '';
    try {
      return (await this.#read()) !== before;
    } catch {
      return false;
    }
  }

  async #read(): Promise<string> {
    try {
      const info = await stat(this.path);
      const stamp = `${info.ino}:${info.size}:${info.mtimeMs}`;
      if (stamp === this.#stamp && this.#token !== undefined) return this.#token;
      const token = (await readFile(this.path, 'utf8')).trim();
      if (token === '') throw new Error('the file is empty');
      this.#token = token;
      this.#stamp = stamp;
      return token;
    } catch (error) {
      if (this.#token !== undefined) return this.#token;
      const detail = (error as { code?: unknown }).code ?? (error as Error).message;
      throw new AuthError('TokenFileUnreadable', `cannot read token file ${this.path} (${String(detail)})`, { cause: error });
    }
  }
}
