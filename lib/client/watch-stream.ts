// A watch request as a cold Observable of wire events, decoded chunk by chunk from the body.
import { Observable } from 'rxjs';
import { ApiError } from '../core/errors/api-error.js';
import type { HttpRequest } from '../core/request/http-request.js';
import { LineDecoder } from '../core/watch/line-decoder.js';
import { parseWatchEvent, type WatchEvent } from '../core/watch/watch-event.js';
import { apiErrorOf } from './http/api-error-of.js';
import type { RequestSender } from './http/request-sender.js';
import { toClientError } from './http/to-client-error.js';

/** Options of {@link watchStream}. */
export interface WatchStreamOptions {
  /** The longest line (event) accepted, in characters. @default DEFAULT_MAX_LINE_LENGTH (16 MiB) */
  readonly maxLineLength?: number;
}

/**
 * Sends a watch request when subscribed and emits its events as they arrive.
 *
 * ```text
 * body chunks:  --'{"type":"ADD'--'ED",...}\n{"type":"MODIFIED",...}\n'--|
 * events:       -------------------ADDED---MODIFIED----------------------|
 * ```
 *
 * - The body is decoded incrementally with {@link LineDecoder}: an event split across
 *   chunks, or many events in one chunk, come out whole; the body is never buffered, and a
 *   line longer than `maxLineLength` fails the stream with a `LineTooLongError`.
 * - Emits `ADDED`, `MODIFIED`, `DELETED` and `BOOKMARK` with the parsed JSON object as is
 *   (no copy). Never emits `ERROR`: an in-band `ERROR` event errors the stream with an
 *   {@link ApiError} carrying its `Status` and `inBand: true` (410 Expired: relist).
 * - A non-2xx answer errors with an {@link ApiError} (`inBand: false`); a connection that
 *   breaks with a `ClientError` (`responseStarted` tells whether the 200 had arrived); an
 *   undecodable line with a `WatchDecodeError`.
 * - Completes when the server ends the body (its `timeoutSeconds` elapsed).
 * - Cold: each subscription sends its own request. Unsubscribing aborts it, which closes
 *   the connection (the server sees the watch end at once).
 */
export function watchStream<K>(sender: RequestSender, request: HttpRequest, options: WatchStreamOptions = {}): Observable<WatchEvent<K>> {
  return new Observable<WatchEvent<K>>((subscriber) => {
    const controller = new AbortController();
    const where = { method: request.method, url: sender.baseUrl.origin + request.path };
    let responseStarted = false;
    const run = async (): Promise<void> => {
      const response = await sender.send(request, { signal: controller.signal });
      if (response.status < 200 || response.status > 299) {
        throw apiErrorOf(request, response, await response.text());
      }
      responseStarted = true;
      const decoder = new LineDecoder(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength });
      const emit = (line: string): void => {
        const event = parseWatchEvent<K>(line);
        if (event.type === 'ERROR') throw new ApiError(event.object, { method: request.method, path: request.path }, { inBand: true });
        subscriber.next(event);
      };
      if (response.body !== null) {
        for await (const chunk of response.body) {
          for (const line of decoder.push(chunk)) {
            emit(line);
            if (subscriber.closed) return;
          }
        }
      }
      const last = decoder.end();
      if (last !== undefined) emit(last);
      subscriber.complete();
    };
    run().catch((error: unknown) => {
      if (subscriber.closed) return;
      subscriber.error(isDecodedError(error) ? error : toClientError(error, where, controller.signal, { responseStarted }));
    });
    return () => controller.abort();
  });
}

function isDecodedError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'ApiError' || name === 'WatchDecodeError' || name === 'LineTooLongError' || name === 'ClientError' || name === 'AuthError';
}
