// Reads the API server's version (`GET /version`).
import type { CallOptions } from '../call-options.js';
import type { Client } from '../client.js';

/** `GET /version`'s answer (`version.Info`). */
export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit?: string;
  gitTreeState?: string;
  buildDate?: string;
  goVersion?: string;
  compiler?: string;
  platform?: string;
}

/**
 * The API server's version (kube-rs `Client::apiserver_version`).
 *
 * ```ts
 * (await serverVersion(client)).gitVersion; // 'v1.32.13'
 * ```
 *
 * @throws {ApiError} / {ClientError} as any request.
 */
export async function serverVersion(client: Client, options: CallOptions = {}): Promise<ServerVersion> {
  return client.requestJson<ServerVersion>({ method: 'GET', path: '/version', query: [], headers: { accept: 'application/json' } }, options);
}
