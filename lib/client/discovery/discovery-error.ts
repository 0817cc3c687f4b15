// Raised when discovery cannot answer: an unknown kind, or a discovery document of the wrong shape.
import { isKubeErrorNamed, KubeError } from '../../core/errors/kube-error.js';

/**
 * Why discovery failed.
 *
 * - `NotFound`: the server does not serve the group, version, kind or resource asked for.
 * - `InvalidDocument`: a discovery document is not shaped as the API promises.
 */
export type DiscoveryErrorReason = 'NotFound' | 'InvalidDocument';

/**
 * Discovery could not resolve what was asked, or the server's discovery documents are
 * malformed.
 *
 * ## Example
 * ```ts
 * try {
 *   discovery.resolve('example.com/v1', 'Widget');
 * } catch (error) {
 *   if (isDiscoveryError(error) && error.reason === 'NotFound') console.log('install the CRD first');
 * }
 * ```
 */
export class DiscoveryError extends KubeError<DiscoveryErrorReason> {
  override name = 'DiscoveryError' as const;
}

/** True for a DiscoveryError, also from another copy of this package (the KubeError brand, then the name). */
export function isDiscoveryError(error: unknown): error is DiscoveryError {
  return isKubeErrorNamed<DiscoveryError>(error, 'DiscoveryError');
}
