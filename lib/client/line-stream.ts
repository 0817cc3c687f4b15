// A streaming text request (followed pod logs) as a cold Observable of lines.
import { Observable } from 'rxjs';
import type { HttpRequest } from '../core/request/http-request.js';
import { LineDecoder } from '../core/watch/line-decoder.js';
import { apiError, type Client } from './client.js';
import { toClientError } from './http/to-client-error.js';

/**
 * Sends a request when subscribed and emits its body line by line, as it arrives.
 *
 * ```text
 * body chunks:  --'starting\nlist'--'ening on :80\n'--|
 * lines:        --starting-----------listening on :80--|
 * ```
 *
 * - Lines lose their `\n` (or `\r\n`); blank lines are kept; a last line without a newline
 *   is emitted before completion.
 * - A non-2xx answer errors with an `ApiError`; a broken connection with a `ClientError`.
 * - Completes when the body ends; unsubscribing aborts the request.
 */
export function lineStream(client: Client, request: HttpRequest): Observable<string> {
  return new Observable<string>((subscriber) => {
    const controller = new AbortController();
    const where = { method: request.method, url: client.baseUrl.origin + request.path };
    const run = async (): Promise<void> => {
      const response = await client.send(request, { signal: controller.signal });
      if (response.status < 200 || response.status > 299) throw apiError(request, response, await response.text());
      const decoder = new LineDecoder({ skipEmpty: false });
      if (response.body !== null) {
        for await (const chunk of response.body) {
          for (const line of decoder.push(chunk)) {
            subscriber.next(line);
            if (subscriber.closed) return;
          }
        }
      }
      const last = decoder.end();
      if (last !== undefined) subscriber.next(last);
      subscriber.complete();
    };
    run().catch((error: unknown) => {
      if (subscriber.closed) return;
      const name = (error as { name?: unknown } | null)?.name;
      subscriber.error(name === 'ApiError' || name === 'ClientError' || name === 'AuthError' ? error : toClientError(error, where, controller.signal));
    });
    return () => controller.abort();
  });
}
