// Raised when a credential cannot be obtained: an exec plugin failed, a token file is unreadable.
import { isKubeErrorNamed, KubeError } from '../../core/errors/kube-error.js';

/**
 * Why no credential could be obtained.
 *
 * - `ExecFailed`: the exec plugin could not start, or exited non-zero (`exitCode`, `stderr`).
 * - `ExecInvalidOutput`: the plugin's output is not an `ExecCredential` of its API version.
 * - `ExecNotInteractive`: the plugin needs a terminal (`interactiveMode: Always`) and there is none.
 * - `TokenFileUnreadable`: the token file cannot be read, or is empty, and no earlier token is known.
 */
export type AuthErrorReason = 'ExecFailed' | 'ExecInvalidOutput' | 'ExecNotInteractive' | 'TokenFileUnreadable';

/**
 * A credential could not be obtained, so the request was not sent. For exec plugins the
 * message has the command, the exit code and the (redacted, shortened) standard error.
 *
 * ## Example
 * ```ts
 * try {
 *   await pods.list();
 * } catch (error) {
 *   if (isAuthError(error) && error.reason === 'ExecFailed') console.error(error.stderr);
 * }
 * ```
 */
export class AuthError extends KubeError<AuthErrorReason> {
  override name = 'AuthError' as const;
  /** The exec plugin's exit code, when it ran and failed. */
  readonly exitCode: number | undefined;
  /** The exec plugin's standard error (shortened), when it ran. */
  readonly stderr: string | undefined;

  constructor(reason: AuthErrorReason, message: string, options?: ErrorOptions & { exitCode?: number; stderr?: string }) {
    super(reason, message, options);
    this.exitCode = options?.exitCode;
    this.stderr = options?.stderr;
  }
}

/** True for a AuthError, also from another copy of this package (the KubeError brand, then the name). */
export function isAuthError(error: unknown): error is AuthError {
  return isKubeErrorNamed<AuthError>(error, 'AuthError');
}
