// Decodes the object body of a create, update or subresource call, with kube-apiserver's error wording.
import { badRequest } from '../errors/status-errors.js';
import { decodeJson } from './decode-json.js';
import { decodeYaml } from './decode-yaml.js';
import { cannotUnmarshal, FIND_KIND_TYPE } from './go-json-kind.js';
import { goString } from './go-text.js';
import { isInputError } from './input-error.js';
import { summarizeData } from './summarize-data.js';

/**
 * The JSON object (or `null`) an object body holds, decoded once with bounded depth (see
 * {@link decodeJson} and {@link decodeYaml}). Failures are 400s worded as kube-apiserver's
 * `transformDecodeError` words them, naming the endpoint's kind and quoting the body:
 * `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind;
 * json parse error: unexpected end of JSON input ({"metadata": ...)`.
 *
 * Custom resources decode as unstructured objects, which must name their kind:
 * `Object 'Kind' is missing in '{"apiVersion":"example.com/v1"}'`.
 *
 * @param into the kind the endpoint decodes into (`ConfigMap`, `Scale`, `Eviction`, ...).
 * @param unstructured the endpoint serves a custom resource.
 * @throws {ApiError} 400 BadRequest.
 */
export function decodeObjectBody(body: Buffer, format: 'json' | 'yaml', into: string, unstructured = false): Record<string, unknown> | null {
  const unrecognized = (detail: string): Error => badRequest(`the object provided is unrecognized (must be of type ${into}): ${detail} (${summarizeData(body)})`);
  let value: unknown;
  try {
    value = format === 'json' ? decodeJson(body) : decodeYaml(body);
  } catch (error) {
    if (!isInputError(error)) throw error;
    throw unrecognized(error.format === 'json' ? `couldn't get version/kind; json parse error: ${error.message}` : error.message);
  }
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    throw unrecognized(`couldn't get version/kind; json parse error: ${cannotUnmarshal(value, FIND_KIND_TYPE)}`);
  }
  const object = value as Record<string, unknown> | null;
  if (unstructured) {
    const kind = object === null || !Object.hasOwn(object, 'kind') ? undefined : object['kind'];
    if (typeof kind !== 'string' || kind === '') throw unrecognized(`Object 'Kind' is missing in '${goString(body)}'`);
  }
  return object;
}
