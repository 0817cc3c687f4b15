// Why a webhook handler or the webhook server could not answer.
import { isKubeErrorNamed, KubeError } from '../core/index.js';

/**
 * Why a webhook could not answer:
 * - `HandlerTimeout`: the handler did not answer within its time;
 * - `HandlerFailed`: the handler's Observable errored;
 * - `NoAnswer`: the handler's Observable completed without a response;
 * - `CertificateUnreadable`: the certificate or key files could not be read or do not match;
 * - `ListenFailed`: the server could not listen.
 */
export type WebhookErrorReason = 'HandlerTimeout' | 'HandlerFailed' | 'NoAnswer' | 'CertificateUnreadable' | 'ListenFailed';

/** A webhook failure (handlers' failures are answered, and reported through `onError`). */
export class WebhookError extends KubeError<WebhookErrorReason> {
  override name = 'WebhookError' as const;
}

/** `instanceof WebhookError` that also holds across two copies of this package. */
export function isWebhookError(error: unknown): error is WebhookError {
  return isKubeErrorNamed<WebhookError>(error, 'WebhookError');
}
