// Decodes the body of a JSON, merge or strategic merge patch, with kube-apiserver's error wording.
import { badRequest } from '../errors/status-errors.js';
import { decodeJson } from './decode-json.js';
import { cannotUnmarshal, goJsonKind } from './go-json-kind.js';
import { isInputError } from './input-error.js';

/** The patch kinds whose bodies are JSON. */
export type JsonPatchKind = 'json' | 'merge' | 'strategic';

const MAP_TYPE = 'map[string]interface {}';
const OPERATION_FIELDS = ['op', 'path', 'from'] as const;

/**
 * The decoded body of a patch, checked as kube-apiserver's patch handler checks it before
 * applying anything (bounded depth, Go's syntax errors, then the Go type it decodes into):
 *
 * | kind | decodes into | errors (400) | `null` |
 * |---|---|---|---|
 * | `json` | `[]handlers.jsonPatchOp` | `error decoding patch: <Go error>` | no operations |
 * | `merge` | `map[string]interface {}` | `error decoding patch: <Go error>` | `Invalid JSON Patch` |
 * | `strategic` | `map[string]interface {}` | `<Go error>` | an empty patch |
 *
 * @returns the operations (`json`) or the patch object.
 * @throws {ApiError} 400 BadRequest.
 */
export function decodePatchBody(body: Buffer, kind: JsonPatchKind): unknown {
  const prefix = kind === 'strategic' ? '' : 'error decoding patch: ';
  let value: unknown;
  try {
    value = decodeJson(body);
  } catch (error) {
    if (!isInputError(error)) throw error;
    throw badRequest(`${prefix}${error.message}`);
  }
  switch (kind) {
    case 'json': {
      if (value === null) return [];
      if (!Array.isArray(value)) throw badRequest(`${prefix}${cannotUnmarshal(value, '[]handlers.jsonPatchOp')}`);
      for (const operation of value) {
        if (operation === null) continue;
        if (goJsonKind(operation) !== 'object') throw badRequest(`${prefix}${cannotUnmarshal(operation, 'handlers.jsonPatchOp')}`);
        for (const field of OPERATION_FIELDS) {
          const member: unknown = Object.hasOwn(operation as object, field) ? (operation as Record<string, unknown>)[field] : undefined;
          if (member !== undefined && member !== null && typeof member !== 'string') {
            throw badRequest(`${prefix}json: cannot unmarshal ${goJsonKind(member)} into Go struct field jsonPatchOp.${field} of type string`);
          }
        }
      }
      return value;
    }
    case 'merge':
      if (value === null) throw badRequest('Invalid JSON Patch');
      if (goJsonKind(value) !== 'object') throw badRequest(`${prefix}${cannotUnmarshal(value, MAP_TYPE)}`);
      return value;
    case 'strategic':
      if (value === null) return {};
      if (goJsonKind(value) !== 'object') throw badRequest(cannotUnmarshal(value, MAP_TYPE));
      return value;
  }
}
