// Checks a request body is an object of the endpoint's kind, as kube-apiserver's decoder does.
import { badRequest } from '../errors/status-errors.js';
import type { ResourceKind } from '../registry/resource-kind.js';

type Json = Record<string, unknown>;

/**
 * The request body as an object of the endpoint's kind: checked to be a JSON object whose
 * `apiVersion`/`kind` (when given) are the endpoint's; missing ones are filled in, and `null`
 * is the empty object (as Go decodes it). The result is a deep copy (callers pass stored
 * objects too); request bodies reach it already bounded in depth, so the copy cannot overflow.
 *
 * @throws {ApiError} 400 BadRequest naming what does not match.
 */
export function decodeObject(kind: ResourceKind, body: unknown, expected: { apiVersion: string; kind: string } = kind): Json {
  if (body === null) return { apiVersion: expected.apiVersion, kind: expected.kind, metadata: {} };
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(`the body of the request was not a ${expected.kind} object`);
  }
  const object = structuredClone(body) as Json;
  const apiVersion = object['apiVersion'];
  const objectKind = object['kind'];
  if (objectKind !== undefined && objectKind !== '' && objectKind !== expected.kind) {
    throw badRequest(`${String(objectKind)} in version "${String(apiVersion ?? '')}" cannot be handled as a ${expected.kind}: the kind does not match the endpoint's kind ${expected.kind}`);
  }
  // Custom resources decode unstructured: their apiVersion is required, not defaulted.
  const versionRequired = kind.custom !== undefined && expected === kind;
  if ((versionRequired || (apiVersion !== undefined && apiVersion !== '')) && apiVersion !== expected.apiVersion) {
    throw badRequest(`the API version in the data (${String(apiVersion ?? '')}) does not match the expected API version (${expected.apiVersion})`);
  }
  const metadata = object['metadata'];
  if (metadata !== undefined && metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
    throw badRequest(`${expected.kind} in version "${expected.apiVersion}" cannot be handled as a ${expected.kind}: metadata must be an object`);
  }
  return { ...object, apiVersion: expected.apiVersion, kind: expected.kind, metadata: { ...((metadata as Json | null | undefined) ?? {}) } };
}
