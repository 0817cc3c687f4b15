// A streaming text request (followed pod logs) as a cold Observable of lines.
import { Observable } from 'rxjs';
import type { HttpRequest } from '../core/request/http-request.js';
import { LineDecoder } from '../core/watch/line-decoder.js';
import { apiErrorOf } from './http/api-error-of.js';
import type { RequestSender } from './http/request-sender.js';
import { toClientError } from './http/to-client-error.js';

/** Options of {@link lineStream}. */
export interface LineStreamOptions {
  /** The longest line accepted, in characters. @default DEFAULT_MAX_LINE_LENGTH (16 MiB) */
  readonly maxLineLength?: number;
}

/**
 * Sends a request when subscribed and emits its body line by line, as it arrives.
 *
 * ```text
 * body chunks:  --'starting\nlist'--'ening on :80\n'--|
 * lines:        --starting-----------listening on :80--|
 * ```
 *
 * - Lines lose their `\n` (or `\r\n`); blank lines are kept; a last line without a newline
 *   is emitted before completion; a line longer than `maxLineLength` errors the stream with
 *   a `LineTooLongError`.
 * - A non-2xx answer errors with an `ApiError`; a broken connection with a `ClientError`.
 * - Completes when the body ends; unsubscribing aborts the request.
 */
export function lineStream(sender: RequestSender, request: HttpRequest, options: LineStreamOptions = {}): Observable<string> {
  return new Observable<string>((subscriber) => {
    const controller = new AbortController();
    const where = { method: request.method, url: sender.baseUrl.origin + request.path };
    let responseStarted = false;
    const run = async (): Promise<void> => {
      const response = await sender.send(request, { signal: controller.signal });
      if (response.status < 200 || response.status > 299) throw apiErrorOf(request, response, await response.text());
      responseStarted = true;
      const decoder = new LineDecoder({ skipEmpty: false, ...(options.maxLineLength === undefined ? {} : { maxLineLength: options.maxLineLength }) });
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
      const passOn = name === 'ApiError' || name === 'ClientError' || name === 'AuthError' || name === 'LineTooLongError';
      subscriber.error(passOn ? error : toClientError(error, where, controller.signal, { responseStarted }));
    });
    return () => controller.abort();
  });
}
