// Raised when a label or field selector cannot be parsed or built.
import { isKubeErrorNamed, KubeError } from './kube-error.js';

/** Which kind of selector was malformed. */
export type SelectorErrorReason = 'InvalidLabelSelector' | 'InvalidFieldSelector';

/**
 * A selector string (or structured selector) is malformed. `selector` is the input and
 * `position` the 0-based offset where parsing stopped, when there is one.
 *
 * ## Example
 * ```ts
 * parseLabelSelector('app in (web'); // throws: label selector "app in (web": expected "," or ")" at 11
 * ```
 */
export class SelectorError extends KubeError<SelectorErrorReason> {
  override name = 'SelectorError' as const;
  readonly selector: string;
  readonly position: number | undefined;

  constructor(reason: SelectorErrorReason, selector: string, detail: string, position?: number) {
    const what = reason === 'InvalidLabelSelector' ? 'label selector' : 'field selector';
    const at = position === undefined ? '' : ` at ${position}`;
    super(reason, `${what} ${JSON.stringify(selector)}: ${detail}${at}`);
    this.selector = selector;
    this.position = position;
  }
}

/** True for a SelectorError, also from another copy of this package (the KubeError brand, then the name). */
export function isSelectorError(error: unknown): error is SelectorError {
  return isKubeErrorNamed<SelectorError>(error, 'SelectorError');
}
