// Catches the typed error a call throws, so specs can assert on its reason and fields.
import { isRequestBuildError, type RequestBuildError } from '../../lib/core/errors/request-build-error.js';
import { isSelectorError, type SelectorError } from '../../lib/core/errors/selector-error.js';

/** Runs `fn` and returns the `RequestBuildError` it throws; fails when it throws nothing or something else. */
export function requestBuildError(fn: () => unknown): RequestBuildError {
  try {
    fn();
  } catch (error) {
    if (isRequestBuildError(error)) return error;
    throw new Error(`expected a RequestBuildError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a RequestBuildError, but nothing was thrown');
}

/** Runs `fn` and returns the `SelectorError` it throws; fails when it throws nothing or something else. */
export function selectorError(fn: () => unknown): SelectorError {
  try {
    fn();
  } catch (error) {
    if (isSelectorError(error)) return error;
    throw new Error(`expected a SelectorError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a SelectorError, but nothing was thrown');
}

/**
 * An error as another copy of kube-rx would raise it: not an instance of this copy's classes,
 * but carrying the shared KubeError brand (the registered symbol) on its prototype.
 */
export function foreignKubeError(name: string, reason: string, message = 'from another copy'): Error {
  class ForeignKubeError extends Error {
    override name = name;
    reason = reason;
    get [Symbol.for('kube-rx.KubeError')](): true {
      return true;
    }
  }
  return new ForeignKubeError(message);
}
