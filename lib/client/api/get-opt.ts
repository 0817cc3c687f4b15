// Turns a 404 answer into `undefined` (kube-rs get_opt).
import { isApiError } from '../../core/errors/api-error.js';

/**
 * Runs `call`, resolving `undefined` instead of rejecting when the server answers 404 —
 * whether with a `NotFound` Status or a plain-text `404 page not found` (an unknown
 * resource). Every other error passes through.
 */
export async function getOpt<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isApiError(error) && error.isNotFound()) return undefined;
    throw error;
  }
}
