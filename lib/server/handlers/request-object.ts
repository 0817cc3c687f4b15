// Decodes the body of a create that is answered, not stored (TokenRequest, access reviews), as a typed object.
import type { GroupVersionKind } from '../../core/index.js';
import { badRequest } from '../errors/status-errors.js';
import { contentTypeOf, decodeBody, readBody } from '../http/read-body.js';
import { typedDecode } from '../objects/typed-decode.js';
import type { ResourceCall } from './resource-call.js';
import { parseWriteOptions } from './write-options.js';

type Json = Record<string, unknown>;

/** A decoded request object and the warnings its answer carries. */
export interface RequestObject {
  /** The object, typed-decoded (unknown fields dropped), with `apiVersion`, `kind` and `metadata` set. */
  readonly object: Json;
  readonly warnings: string[];
  /** The field manager of the request (`fieldManager`, else the User-Agent). */
  readonly fieldManager: string;
}

/**
 * Reads the body of a create whose object the server answers without storing it, and
 * decodes it as kube-apiserver's decoder does for `gvk`: a `null` body is an empty object;
 * an `apiVersion`/`kind` naming another type, a member of the wrong JSON type, or (with
 * `fieldValidation=Strict`) an unknown field answer 400; unknown fields otherwise become
 * `Warning`s.
 *
 * @throws {ApiError} 400, 413, 415, 422 (bad options).
 */
export async function readRequestObject(call: ResourceCall, gvk: GroupVersionKind): Promise<RequestObject> {
  const options = parseWriteOptions(call.req, call.query, 'CreateOptions');
  const value = decodeBody(await readBody(call.req, call.settings.maxBodyBytes), contentTypeOf(call.req)) ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`the object provided is unrecognized (must be of type ${gvk.kind})`);
  }
  const body = value as Json;
  const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
  const givenKind = typeof body['kind'] === 'string' ? body['kind'] : '';
  const givenVersion = typeof body['apiVersion'] === 'string' ? body['apiVersion'] : '';
  if (givenKind !== '' && givenKind !== gvk.kind) {
    const version = givenVersion === '' ? gvk.version : givenVersion.slice(givenVersion.indexOf('/') + 1);
    throw badRequest(
      `${givenKind} in version "${version}" cannot be handled as a ${gvk.kind}: no kind "${givenKind}" is registered for version "${givenVersion === '' ? apiVersion : givenVersion}" in scheme "pkg/runtime/scheme.go:100"`,
    );
  }
  if (givenVersion !== '' && givenVersion !== apiVersion) {
    throw badRequest(`the API version in the data (${givenVersion}) does not match the expected API version (${apiVersion})`);
  }
  const metadata = body['metadata'];
  if (metadata !== undefined && metadata !== null && (typeof metadata !== 'object' || Array.isArray(metadata))) {
    throw badRequest(`${gvk.kind} in version "${gvk.version}" cannot be handled as a ${gvk.kind}: metadata must be an object`);
  }
  const result = typedDecode(gvk, { ...body, apiVersion, kind: gvk.kind });
  const prefix = `${gvk.kind} in version "${gvk.version}" cannot be handled as a ${gvk.kind}: `;
  if (result.typeError !== undefined) throw badRequest(`${prefix}${result.typeError}`);
  const warnings = [...call.warnings];
  if (result.unknownFields.length > 0) {
    switch (options.fieldValidation) {
      case 'Strict':
        throw badRequest(`${prefix}strict decoding error: ${result.unknownFields.map((f) => `unknown field "${f}"`).join(', ')}`);
      case 'Warn':
        for (const field of result.unknownFields) warnings.push(`unknown field "${field}"`);
        break;
      case 'Ignore':
        break;
    }
  }
  const object = result.object;
  object['metadata'] = { ...((object['metadata'] as Json | undefined) ?? {}) };
  return { object, warnings, fieldManager: options.fieldManager };
}
