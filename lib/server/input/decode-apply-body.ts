// Decodes the body of a server-side apply patch (YAML or JSON), with kube-apiserver's error wording.
import { badRequest } from '../errors/status-errors.js';
import { decodeYaml } from './decode-yaml.js';
import { cannotUnmarshal, goJsonKind } from './go-json-kind.js';
import { isInputError } from './input-error.js';

/**
 * The object of an `application/apply-patch+yaml` body (YAML, or JSON as kubectl sends it),
 * decoded once with bounded depth and aliasing (see {@link decodeYaml}). Failures are 400s
 * worded as kube-apiserver's apply patcher words them: `error decoding YAML: error converting
 * YAML to JSON: yaml: line 5: exceeded max depth of 256`, `error decoding YAML: error
 * unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type
 * map[string]interface {}`, and `invalid object type: /, Kind=` for an empty body.
 *
 * @throws {ApiError} 400 BadRequest.
 */
export function decodeApplyBody(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = decodeYaml(body);
  } catch (error) {
    if (!isInputError(error)) throw error;
    throw badRequest(`error decoding YAML: error converting YAML to JSON: ${error.message}`);
  }
  if (value === null) throw badRequest('invalid object type: /, Kind=');
  if (goJsonKind(value) !== 'object') {
    throw badRequest(`error decoding YAML: error unmarshaling JSON: while decoding JSON: ${cannotUnmarshal(value, 'map[string]interface {}')}`);
  }
  return value as Record<string, unknown>;
}
