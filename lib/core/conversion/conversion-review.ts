// apiextensions.k8s.io/v1 ConversionReview: converting custom resources between the versions of their CRD.
import { AdmissionError } from '../admission/admission-error.js';
import type { KubeObject } from '../object.js';
import type { ReviewStatus } from '../admission/admission-review.js';

/** The ConversionReview versions kube-apiserver sends. */
export type ConversionReviewVersion = 'apiextensions.k8s.io/v1' | 'apiextensions.k8s.io/v1beta1';

/** Objects to convert to one version. */
export interface ConversionRequest<K = KubeObject> {
  readonly uid: string;
  /** `group/version` every object must come back in. */
  readonly desiredAPIVersion: string;
  readonly objects: readonly K[];
}

/** The converted objects (same order, same count), or a failure. */
export interface ConversionResponse<K = KubeObject> {
  readonly uid: string;
  /** `status: Success`, or `Failure` with a message the client sees. */
  readonly result: ReviewStatus;
  readonly convertedObjects: readonly K[];
}

/** The envelope of a conversion request or its answer. */
export interface ConversionReview<K = KubeObject> {
  readonly apiVersion: ConversionReviewVersion;
  readonly kind: 'ConversionReview';
  readonly request?: ConversionRequest<K>;
  readonly response?: ConversionResponse<K>;
}

/** A ConversionReview that carries a request. */
export interface ConversionReviewRequest<K = KubeObject> extends ConversionReview<K> {
  readonly request: ConversionRequest<K>;
}

const VERSIONS: readonly ConversionReviewVersion[] = ['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(detail: string): AdmissionError {
  return new AdmissionError('MalformedReview', `malformed ConversionReview: ${detail}`);
}

/**
 * Checks a decoded JSON body is a ConversionReview request and returns it typed.
 *
 * @throws {AdmissionError} `MalformedReview` naming the first problem.
 */
export function parseConversionReview<K = KubeObject>(body: unknown): ConversionReviewRequest<K> {
  if (!isObject(body)) throw malformed('the body is not a JSON object');
  if (!VERSIONS.includes(body['apiVersion'] as ConversionReviewVersion)) throw malformed(`unsupported apiVersion ${JSON.stringify(body['apiVersion'] ?? null)}`);
  if (body['kind'] !== 'ConversionReview') throw malformed(`kind is ${JSON.stringify(body['kind'] ?? null)}, not "ConversionReview"`);
  const request = body['request'];
  if (!isObject(request)) throw malformed('request is missing');
  if (typeof request['uid'] !== 'string' || request['uid'] === '') throw malformed('request.uid is missing');
  if (typeof request['desiredAPIVersion'] !== 'string' || request['desiredAPIVersion'] === '') throw malformed('request.desiredAPIVersion is missing');
  const objects = request['objects'] ?? [];
  if (!Array.isArray(objects) || !objects.every(isObject)) throw malformed('request.objects is not a list of objects');
  return { ...(body as unknown as ConversionReview<K>), request: { ...(request as unknown as ConversionRequest<K>), objects: objects as K[] } } as ConversionReviewRequest<K>;
}

/**
 * A successful conversion: `objects` in the request's order, each in `desiredAPIVersion`.
 *
 * @throws {AdmissionError} `MalformedResponse` when the count differs from the request's or an
 *   object is not in the desired version (kube-apiserver would refuse the answer).
 */
export function converted<K extends KubeObject>(request: ConversionRequest<KubeObject>, objects: readonly K[]): ConversionResponse<K> {
  if (objects.length !== request.objects.length) {
    throw new AdmissionError('MalformedResponse', `conversion returned ${objects.length} objects, expected ${request.objects.length}`);
  }
  objects.forEach((object, i) => {
    if (object.apiVersion !== request.desiredAPIVersion) {
      throw new AdmissionError('MalformedResponse', `converted object ${i} has apiVersion ${JSON.stringify(object.apiVersion ?? '')}, expected ${JSON.stringify(request.desiredAPIVersion)}`);
    }
  });
  return { uid: request.uid, result: { metadata: {}, status: 'Success' }, convertedObjects: [...objects] };
}

/** A failed conversion: the client's request fails with this message (kube-apiserver wraps it). */
export function conversionFailed(request: Pick<ConversionRequest<unknown>, 'uid'>, message: string): ConversionResponse<never> {
  return { uid: request.uid, result: { metadata: {}, status: 'Failure', message }, convertedObjects: [] };
}

/** The review to send back: the request's apiVersion and uid. */
export function conversionReviewResponse<K>(review: Pick<ConversionReviewRequest<unknown>, 'apiVersion' | 'request'>, response: ConversionResponse<K>): ConversionReview<K> {
  return { apiVersion: review.apiVersion, kind: 'ConversionReview', response: { ...response, uid: review.request.uid } };
}
