// Decodes the body of a create that is answered, not stored (TokenRequest, access reviews), as a typed object (JSON, YAML or protobuf).
import { goQuote } from '../input/go-text.js';
import type { GroupVersionKind, KubeObject } from '../../core/index.js';
import { builtinMergeSchema } from '../apply/merge-schema.js';
import { recordUpdate } from '../apply/record-update.js';
import { badRequest } from '../errors/status-errors.js';
import { contentTypeOf, decodeBody, readBody } from '../http/read-body.js';
import { typedDecode } from '../objects/typed-decode.js';
import { formatTime } from '../server-context.js';
import type { ResourceCall } from './resource-call.js';
import { parseWriteOptions } from './write-options.js';

type Json = Record<string, unknown>;

/** A decoded request object and the warnings its answer carries. */
export interface RequestObject {
  /** The object, typed-decoded (unknown fields dropped), with `apiVersion`, `kind` and `metadata` set. */
  readonly object: Json;
  /** The body as sent (a JSON object), for members the typed decoder does not know. */
  readonly raw: Json;
  readonly warnings: string[];
  /** The field manager of the request (`fieldManager`, else the User-Agent). */
  readonly fieldManager: string;
}

/**
 * Reads the body of a create whose object the server answers without storing it, and
 * decodes it as kube-apiserver's decoder does for `gvk`: a `null` body is an empty object;
 * an `apiVersion`/`kind` naming another type, a member of the wrong JSON type, or (with
 * `fieldValidation=Strict`) an unknown field answer 400; unknown fields otherwise become
 * `Warning`s. `metadata.namespace` is the URL's (filled in when empty, 400 when another one)
 * for namespaced endpoints, and dropped for cluster-scoped ones.
 *
 * @throws {ApiError} 400, 413, 415, 422 (bad options).
 */
export async function readRequestObject(call: ResourceCall, gvk: GroupVersionKind): Promise<RequestObject> {
  const options = parseWriteOptions(call, 'CreateOptions');
  const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
  const body: Json = decodeBody(await readBody(call.req, call.settings.maxBodyBytes), contentTypeOf(call.req), { apiVersion, kind: gvk.kind }) ?? {};
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
        throw badRequest(`${prefix}strict decoding error: ${result.unknownFields.map((f) => `unknown field ${goQuote(f)}`).join(', ')}`);
      case 'Warn':
        for (const field of result.unknownFields) warnings.push(`unknown field ${goQuote(field)}`);
        break;
      case 'Ignore':
        break;
    }
  }
  const object = result.object;
  const meta: Json = { ...((object['metadata'] as Json | undefined) ?? {}) };
  const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : '';
  if (call.namespace === undefined) delete meta['namespace'];
  else if (namespace === '') meta['namespace'] = call.namespace;
  else if (namespace !== call.namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  object['metadata'] = meta;
  return { object, raw: body, warnings, fieldManager: options.fieldManager };
}

/**
 * The metadata of the answer to such a create: the request's own metadata (a namespace),
 * `creationTimestamp: null` (nothing was created), and the `managedFields` entry the field
 * manager records for the request (an `Update` by the request's manager owning the fields
 * it sent), as kube-apiserver's generic create handler leaves them.
 */
export function answerMetadata(call: ResourceCall, gvk: GroupVersionKind, object: Json, fieldManager: string, subresource?: string): Json {
  const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
  const recorded = recordUpdate({
    live: undefined,
    updated: object as KubeObject,
    manager: fieldManager,
    apiVersion,
    time: formatTime(call.ctx.now()),
    schema: builtinMergeSchema(gvk),
    ...(subresource === undefined ? {} : { subresource }),
  });
  const { managedFields, creationTimestamp: _created, ...rest } = (recorded.metadata ?? {}) as Json;
  return { ...rest, creationTimestamp: null, ...(managedFields === undefined ? {} : { managedFields }) };
}
