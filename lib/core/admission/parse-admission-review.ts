// Reading an AdmissionReview request body, and wrapping an answer in the review kube-apiserver expects back.
import type { KubeObject } from '../object.js';
import type { AdmissionOperation, AdmissionRequest, AdmissionResponse, AdmissionReview, AdmissionReviewVersion } from './admission-review.js';
import { AdmissionError } from './admission-error.js';

/** An AdmissionReview that carries a request. */
export interface AdmissionReviewRequest<K = KubeObject> extends AdmissionReview<K> {
  readonly request: AdmissionRequest<K>;
}

const VERSIONS: readonly AdmissionReviewVersion[] = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'];
const OPERATIONS: readonly AdmissionOperation[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(detail: string): AdmissionError {
  return new AdmissionError('MalformedReview', `malformed AdmissionReview: ${detail}`);
}

/**
 * Checks a decoded JSON body is an AdmissionReview request (v1 or v1beta1) and returns it typed.
 * The object types are not checked: `K` is what the webhook's rules promise.
 *
 * @throws {AdmissionError} `MalformedReview` naming the first problem.
 */
export function parseAdmissionReview<K = KubeObject>(body: unknown): AdmissionReviewRequest<K> {
  if (!isObject(body)) throw malformed('the body is not a JSON object');
  if (!VERSIONS.includes(body['apiVersion'] as AdmissionReviewVersion)) throw malformed(`unsupported apiVersion ${JSON.stringify(body['apiVersion'] ?? null)}`);
  if (body['kind'] !== 'AdmissionReview') throw malformed(`kind is ${JSON.stringify(body['kind'] ?? null)}, not "AdmissionReview"`);
  const request = body['request'];
  if (!isObject(request)) throw malformed('request is missing');
  if (typeof request['uid'] !== 'string' || request['uid'] === '') throw malformed('request.uid is missing');
  if (!OPERATIONS.includes(request['operation'] as AdmissionOperation)) throw malformed(`request.operation ${JSON.stringify(request['operation'] ?? null)} is not one of ${OPERATIONS.join(', ')}`);
  for (const field of ['kind', 'resource']) if (!isObject(request[field])) throw malformed(`request.${field} is missing`);
  for (const field of ['object', 'oldObject', 'options']) {
    const value = request[field];
    if (value !== undefined && value !== null && !isObject(value)) throw malformed(`request.${field} is not an object`);
  }
  if (request['userInfo'] !== undefined && !isObject(request['userInfo'])) throw malformed('request.userInfo is not an object');
  return { ...(body as unknown as AdmissionReview<K>), request: { ...(request as unknown as AdmissionRequest<K>), userInfo: (request['userInfo'] ?? {}) as AdmissionRequest<K>['userInfo'] } } as AdmissionReviewRequest<K>;
}

/**
 * The review to send back for `response`: the request's apiVersion, `kind: AdmissionReview`,
 * and the response with the request's uid (kube-apiserver refuses any other).
 */
export function admissionReviewResponse(review: Pick<AdmissionReviewRequest<unknown>, 'apiVersion' | 'request'>, response: AdmissionResponse): AdmissionReview<never> {
  return { apiVersion: review.apiVersion, kind: 'AdmissionReview', response: { ...response, uid: review.request.uid } };
}
