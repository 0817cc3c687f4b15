// Raised when a request body cannot be decoded; the handlers word it as kube-apiserver does for their entry point.
import { KubeError } from '../../core/index.js';

/**
 * Why a body could not be decoded:
 * - `Syntax`: not JSON (or YAML); the message is Go's (`invalid character '}' looking for beginning of value`).
 * - `TooDeep`: containers nested deeper than the server's limit (`invalid character '[' exceeded max depth`,
 *   `yaml: line 3: exceeded max depth of 256`).
 * - `Aliasing`: YAML aliases that expand too much or refer to themselves (`yaml: document contains excessive aliasing`).
 * - `Unsupported`: a YAML value JSON cannot carry (`json: unsupported value: +Inf`).
 */
export type InputErrorReason = 'Syntax' | 'TooDeep' | 'Aliasing' | 'Unsupported';

/**
 * A request body that could not be decoded into a JSON value. `message` is the text Go's
 * decoders give for the same input, so a handler can frame it exactly as kube-apiserver
 * frames its decoder's error (`couldn't get version/kind; json parse error: <message>`,
 * `error decoding patch: <message>`, ...). `format` says which decoder failed.
 */
export class InputError extends KubeError<InputErrorReason> {
  override name = 'InputError' as const;
  /** The decoder that refused the body. */
  readonly format: 'json' | 'yaml';

  constructor(reason: InputErrorReason, format: 'json' | 'yaml', message: string) {
    super(reason, message);
    this.format = format;
  }
}

/** `instanceof InputError` that also holds across two copies of this package. */
export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError || (error as { name?: unknown } | null)?.name === 'InputError';
}
