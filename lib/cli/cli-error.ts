// Raised when the command line cannot be understood.
import { isKubeErrorNamed, KubeError } from '../core/index.js';

/** What was wrong with the command line. */
export type CliErrorReason = 'UnknownCommand' | 'InvalidArgument';

/**
 * The `kube-rx` command line is wrong: an unknown command or flag, or a flag value that
 * does not parse. The message says which and what was expected.
 */
export class CliError extends KubeError<CliErrorReason> {
  override name = 'CliError' as const;
}

/** True for a CliError, also from another copy of this package (the KubeError brand, then the name). */
export function isCliError(error: unknown): error is CliError {
  return isKubeErrorNamed<CliError>(error, 'CliError');
}
