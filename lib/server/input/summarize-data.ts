// The short quote of a request body kube-apiserver appends to "the object provided is unrecognized" errors.
import { goString } from './go-text.js';

/**
 * At most `maxLength` bytes of a body as kube-apiserver quotes it in decode errors: the text
 * itself when it starts with `{`, hex otherwise, with ` ...` when cut, `<empty>` when empty.
 *
 * ## Example
 * ```ts
 * summarizeData(Buffer.from('[1,2]'), 30); // "5b312c325d"
 * ```
 */
export function summarizeData(body: Uint8Array, maxLength = 30): string {
  if (body.length === 0) return '<empty>';
  const cut = body.length > maxLength;
  const head = cut ? body.subarray(0, maxLength) : body;
  const text = body[0] === 0x7b ? goString(head) : Buffer.from(head.buffer, head.byteOffset, head.length).toString('hex');
  return cut ? `${text} ...` : text;
}
