// Why an admission or conversion review could not be read or answered.
import { isKubeErrorNamed, KubeError } from '../errors/kube-error.js';

/**
 * Why a review failed:
 * - `MalformedReview`: the body is not an AdmissionReview/ConversionReview of a known version
 *   with a request (missing uid, operation, objects...);
 * - `NothingToPatch`: a mutation was asked of a request without an object (DELETE);
 * - `MalformedResponse`: an answer that kube-apiserver would refuse (no uid, a patch that is
 *   not base64 JSON, converted objects of the wrong version or count).
 */
export type AdmissionErrorReason = 'MalformedReview' | 'NothingToPatch' | 'MalformedResponse';

/** An admission or conversion review that cannot be used. */
export class AdmissionError extends KubeError<AdmissionErrorReason> {
  override name = 'AdmissionError' as const;
}

/** `instanceof AdmissionError` that also holds across two copies of this package. */
export function isAdmissionError(error: unknown): error is AdmissionError {
  return isKubeErrorNamed<AdmissionError>(error, 'AdmissionError');
}
