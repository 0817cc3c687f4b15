// Runs an admission handler for each request: one answer each, in time, whatever the handler does.
import { asyncScheduler, catchError, defaultIfEmpty, map, mergeMap, of, take, throwError, timeout, type OperatorFunction, type SchedulerLike } from 'rxjs';
import { allowed, denied, redact, type AdmissionRequest, type AdmissionResponse } from '../core/index.js';
import { WebhookError } from './webhook-error.js';

/** An admission handler: an operator from requests to answers (use `allowed`, `denied`, `patched`). */
export type AdmissionHandler<K> = OperatorFunction<AdmissionRequest<K>, AdmissionResponse>;

/** How {@link serveAdmission} runs a handler. */
export interface ServeAdmissionConfig {
  /**
   * How long a handler may take, in ms. Keep it under the configuration's `timeoutSeconds`
   * (10 s by default), or kube-apiserver gives up first. @default 9000
   */
  readonly timeoutMs?: number;
  /**
   * What a request gets when its handler errors, times out or completes without answering:
   * `'deny'` (a 500 InternalError, or 504 Timeout, with the reason) or `'allow'` (with a
   * warning saying why). @default 'deny'
   */
  readonly onFailure?: 'deny' | 'allow';
  /** Where the timeout's time comes from. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** Told of every handler failure (the request still gets its answer). */
  readonly onError?: (error: WebhookError, request: AdmissionRequest<unknown>) => void;
}

function failure(request: AdmissionRequest<unknown>, error: WebhookError, onFailure: 'deny' | 'allow'): AdmissionResponse {
  if (onFailure === 'allow') return allowed(request, { warnings: [`${error.message}; allowed by the webhook's failure policy`] });
  return error.reason === 'HandlerTimeout' ? denied(request, error.message, { code: 504, reason: 'Timeout' }) : denied(request, error.message, { code: 500, reason: 'InternalError' });
}

/**
 * Answers every admission request with its handler's first answer, carrying the request's uid;
 * a handler that errors, takes longer than `timeoutMs` or completes without answering is
 * answered with the failure response instead (and reported to `onError`). Each request runs
 * the handler on its own (a one-value Observable), concurrently with the others, so a
 * stateful handler keeps state per request; share state through a Store or a closure.
 *
 * ```text
 * requests:  -a---b------c|
 * handler:    a takes 2, b never answers, c errors
 * result:    ---A-----(B')-(C')|     B' = timeout after 5, C' = failure
 * ```
 *
 * ## Example
 * ```ts
 * const answers$ = requests$.pipe(serveAdmission(map((r) => allowed(r)), { timeoutMs: 2000 }));
 * ```
 */
export function serveAdmission<K>(handler: AdmissionHandler<K>, config: ServeAdmissionConfig = {}): OperatorFunction<AdmissionRequest<K>, AdmissionResponse> {
  const { timeoutMs = 9000, onFailure = 'deny', scheduler = asyncScheduler, onError } = config;
  return mergeMap((request) =>
    of(request).pipe(
      handler,
      take(1),
      defaultIfEmpty(undefined),
      map((response) => {
        if (response === undefined) throw new WebhookError('NoAnswer', 'the webhook handler completed without an answer');
        return { ...response, uid: request.uid };
      }),
      timeout({ first: timeoutMs, scheduler, with: () => throwError(() => new WebhookError('HandlerTimeout', `the webhook handler did not answer within ${timeoutMs} ms`)) }),
      catchError((cause: unknown) => {
        const error = cause instanceof WebhookError ? cause : new WebhookError('HandlerFailed', `the webhook handler failed: ${redact(cause instanceof Error ? cause.message : String(cause))}`, { cause });
        onError?.(error, request);
        return of(failure(request, error, onFailure));
      }),
    ),
  );
}
