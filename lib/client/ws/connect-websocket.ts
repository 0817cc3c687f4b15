// Opens a WebSocket to a pod subresource (exec, attach, portforward) with the Client's auth, TLS and proxy.
import WebSocket from 'ws';
import { ApiError } from '../../core/errors/api-error.js';
import type { HttpRequest } from '../../core/request/http-request.js';
import { statusFromResponse } from '../../core/status.js';
import type { CallOptions } from '../call-options.js';
import type { Client } from '../client.js';
import { ClientError } from '../errors/client-error.js';
import { toClientError } from '../http/to-client-error.js';

/** Wraps an open socket; runs synchronously in the `open` event, so no early message is missed. */
export type SocketConsumer<P extends string, T> = (socket: WebSocket, protocol: P) => T;

/**
 * Upgrades `request` to a WebSocket offering `protocols` (in order of preference, one
 * `Sec-WebSocket-Protocol` header), with the Client's credentials, agent and proxy, and
 * hands it to `consume` as soon as it opens (frames the server sends at once are not lost).
 * A 401 refreshes a refreshable credential and tries once more.
 *
 * @throws {ApiError} when the server refuses the upgrade (its Status, or one made from its body).
 * @throws {ClientError} for transport failures, or `RequestFailed` when the server picks no offered protocol.
 */
export async function connectWebSocket<P extends string, T>(client: Client, request: HttpRequest, protocols: readonly P[], consume: SocketConsumer<P, T>, options: CallOptions = {}): Promise<T> {
  try {
    return await attempt(client, request, protocols, consume, options);
  } catch (error) {
    if (error instanceof ApiError && error.isUnauthorized() && (await client.refreshCredentials())) return attempt(client, request, protocols, consume, options);
    throw error;
  }
}

async function attempt<P extends string, T>(client: Client, request: HttpRequest, protocols: readonly P[], consume: SocketConsumer<P, T>, options: CallOptions): Promise<T> {
  const prepared = await client.prepare(request);
  const url = prepared.url.replace(/^http/, 'ws');
  const where = { method: 'GET', url: client.baseUrl.origin + request.path };
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of prepared.headers) {
    const key = name.toLowerCase();
    if (key === 'accept' || key === 'content-type' || key === 'accept-encoding') continue;
    const previous = headers[key];
    headers[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted === true) {
      reject(toClientError(options.signal.reason, where, options.signal));
      return;
    }
    const socket = new WebSocket(url, [...protocols], { headers, agent: prepared.agent, perMessageDeflate: false });
    const onAbort = (): void => socket.terminate();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (): void => options.signal?.removeEventListener('abort', onAbort);
    socket.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        settle();
        const retryAfter = res.headers['retry-after'];
        const seconds = typeof retryAfter === 'string' && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
        reject(new ApiError(statusFromResponse(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), seconds), { method: 'GET', path: request.path }));
        socket.terminate();
      });
      res.on('error', (error) => {
        settle();
        reject(toClientError(error, where, options.signal));
      });
    });
    socket.once('error', (error) => {
      settle();
      reject(toClientError(error, where, options.signal));
    });
    socket.once('open', () => {
      settle();
      socket.removeAllListeners('error');
      if (!protocols.includes(socket.protocol as P)) {
        socket.terminate();
        reject(new ClientError('RequestFailed', `the server chose no offered WebSocket protocol (${protocols.join(', ')}), got ${JSON.stringify(socket.protocol)}`, where));
        return;
      }
      resolve(consume(socket, socket.protocol as P));
    });
  });
}
