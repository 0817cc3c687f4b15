// Runs a conversion handler for each ConversionRequest: one answer each, checked, in time.
import { asyncScheduler, catchError, defaultIfEmpty, map, mergeMap, of, take, throwError, timeout, type OperatorFunction, type SchedulerLike } from 'rxjs';
import { conversionFailed, converted, redact, type ConversionRequest, type ConversionResponse, type KubeObject } from '../core/index.js';
import { WebhookError } from './webhook-error.js';

/** A conversion handler: an operator from a request (objects and a desired version) to the converted objects, in order. */
export type ConversionHandler = OperatorFunction<ConversionRequest, readonly KubeObject[]>;

/** How {@link serveConversion} runs a handler. */
export interface ServeConversionConfig {
  /** How long a handler may take, in ms (kube-apiserver waits 30 s). @default 25000 */
  readonly timeoutMs?: number;
  /** Where the timeout's time comes from. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** Told of every handler failure (the request still gets its Failure answer). */
  readonly onError?: (error: unknown, request: ConversionRequest) => void;
}

/**
 * Answers every conversion request with its handler's converted objects (checked: same count,
 * each in `desiredAPIVersion`), or a Failure result carrying why: a handler error, a timeout,
 * no answer, or a wrong answer. kube-apiserver then fails the client's request with it.
 *
 * ```text
 * requests:  -a--b|
 * handler:    a converts, b throws
 * result:    -A--(B')|     B' = { result: { status: 'Failure', message } }
 * ```
 *
 * ## Example
 * ```ts
 * const answers$ = requests$.pipe(serveConversion(convertEach((o, to) => ({ ...o, apiVersion: to }))));
 * ```
 */
export function serveConversion(handler: ConversionHandler, config: ServeConversionConfig = {}): OperatorFunction<ConversionRequest, ConversionResponse> {
  const { timeoutMs = 25_000, scheduler = asyncScheduler, onError } = config;
  return mergeMap((request) =>
    of(request).pipe(
      handler,
      take(1),
      defaultIfEmpty(undefined),
      map((objects): ConversionResponse => {
        if (objects === undefined) throw new WebhookError('NoAnswer', 'the conversion handler completed without an answer');
        return converted(request, objects);
      }),
      timeout({ first: timeoutMs, scheduler, with: () => throwError(() => new WebhookError('HandlerTimeout', `the conversion handler did not answer within ${timeoutMs} ms`)) }),
      catchError((error: unknown) => {
        onError?.(error, request);
        return of(conversionFailed(request, redact(error instanceof Error ? error.message : String(error))));
      }),
    ),
  );
}

/**
 * A conversion handler from a function of one object: each object of the request is
 * converted to the desired `group/version` (the function sets `apiVersion`, or it is set for
 * it). Metadata other than labels and annotations is restored by kube-apiserver anyway.
 *
 * ```text
 * requests:  -r-|            r = { objects: [a, b], desiredAPIVersion: 'g/v2' }
 * result:    -x-|            x = [convert(a, 'g/v2'), convert(b, 'g/v2')]
 * ```
 *
 * ## Example
 * ```ts
 * conversionRoute(convertEach((widget, to) => (to === 'example.com/v2' ? toV2(widget) : toV1(widget))));
 * ```
 */
export function convertEach(convert: (object: KubeObject, desiredAPIVersion: string) => KubeObject): ConversionHandler {
  return map((request) => request.objects.map((object) => ({ ...convert(object, request.desiredAPIVersion), apiVersion: request.desiredAPIVersion })));
}
