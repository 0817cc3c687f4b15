// What a path of the webhook server answers: admission reviews or conversion reviews, through a handler.
import { of, type Observable } from 'rxjs';
import { admissionReviewResponse, conversionReviewResponse, parseAdmissionReview, parseConversionReview, type KubeObject } from '../core/index.js';
import { serveAdmission, type AdmissionHandler, type ServeAdmissionConfig } from './serve-admission.js';
import { serveConversion, type ConversionHandler, type ServeConversionConfig } from './serve-conversion.js';

/** One path of a webhook server. Make one with {@link admissionRoute} or {@link conversionRoute}. */
export interface WebhookRoute {
  readonly type: 'admission' | 'conversion';
  /**
   * Answers a decoded request body with the review to send back.
   *
   * @throws {AdmissionError} `MalformedReview` when the body is not a review request.
   */
  answer(body: unknown, signal: AbortSignal): Promise<unknown>;
}

/** Resolves with the first value, unsubscribing (cancelling the handler) when `signal` aborts. */
function firstAnswer<T>(source: Observable<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = source.subscribe({ next: resolve, error: reject });
    signal.addEventListener(
      'abort',
      () => {
        subscription.unsubscribe();
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * An admission route: the handler (validating or mutating — the configuration decides which)
 * answers each AdmissionReview, run by `serveAdmission` with its timeout and failure response.
 *
 * ## Example
 * ```ts
 * const routes = { '/validate': admissionRoute<ConfigMap>(map((r) => allowed(r))) };
 * ```
 */
export function admissionRoute<K = KubeObject>(handler: AdmissionHandler<K>, config?: ServeAdmissionConfig): WebhookRoute {
  const serve = serveAdmission(handler, config);
  return {
    type: 'admission',
    answer: async (body, signal) => {
      const review = parseAdmissionReview<K>(body);
      const response = await firstAnswer(of(review.request).pipe(serve), signal);
      return admissionReviewResponse(review, response);
    },
  };
}

/**
 * A conversion route for a CRD's `spec.conversion.webhook`: the handler gets each
 * ConversionRequest and returns the converted objects (see `convertEach`).
 *
 * ## Example
 * ```ts
 * const routes = { '/convert': conversionRoute(convertEach((o, to) => convertWidget(o, to))) };
 * ```
 */
export function conversionRoute(handler: ConversionHandler, config?: ServeConversionConfig): WebhookRoute {
  const serve = serveConversion(handler, config);
  return {
    type: 'conversion',
    answer: async (body, signal) => {
      const review = parseConversionReview(body);
      const response = await firstAnswer(of(review.request).pipe(serve), signal);
      return conversionReviewResponse(review, response);
    },
  };
}
