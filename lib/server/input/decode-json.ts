// Decodes a JSON request body once, after a byte scan has bounded its depth and checked its syntax.
import { InputError } from './input-error.js';
import { jsonSyntaxError } from './json-syntax.js';
import { MAX_NESTING_DEPTH } from './nesting-limit.js';

/**
 * A request body parsed as JSON. Before `JSON.parse` runs, one byte scan checks the syntax and
 * the nesting depth, so a hostile body costs a linear scan and nothing recursive; errors carry
 * Go's wording (`unexpected end of JSON input`, `invalid character '[' exceeded max depth`).
 * Keys such as `__proto__` become own data properties, as `JSON.parse` always makes them.
 *
 * @throws {InputError} `Syntax` or `TooDeep`.
 */
export function decodeJson(body: Uint8Array, maxDepth: number = MAX_NESTING_DEPTH): unknown {
  const error = jsonSyntaxError(body, maxDepth);
  if (error !== undefined) throw new InputError(error.message.endsWith('exceeded max depth') ? 'TooDeep' : 'Syntax', 'json', error.message);
  return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8'));
}
