// DeleteOptions from a request body (or, when the body is empty, the query), validated.
import { fieldInvalid, fieldNotSupported, type FieldError } from '../errors/field-error.js';
import { badRequest, invalidOptions } from '../errors/status-errors.js';
import { queryInt64, queryOptionalBool } from '../http/query-values.js';
import { decodeBody } from '../http/read-body.js';
import { decodeJson } from '../input/decode-json.js';
import { decodeYaml } from '../input/decode-yaml.js';
import { cannotUnmarshal, FIND_KIND_TYPE, goJsonKind } from '../input/go-json-kind.js';
import { isInputError } from '../input/input-error.js';
import type { Propagation } from '../objects/delete-object.js';
import { dryRunErrors } from './write-options.js';

/** Validated DeleteOptions. */
export interface DeleteOptions {
  readonly dryRun: boolean;
  readonly gracePeriodSeconds: number | undefined;
  readonly propagationPolicy: Propagation | undefined;
  readonly orphanDependents: boolean | undefined;
  readonly preconditions: { readonly uid?: string | undefined; readonly resourceVersion?: string | undefined } | undefined;
}

type Json = Record<string, unknown>;

/** What a DeleteOptions body decodes as: meta.k8s.io/v1 (any group version's DeleteOptions is accepted). */
const DELETE_OPTIONS = { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions' };

/**
 * DeleteOptions as kube-apiserver reads them: a non-empty body is decoded (and the query
 * ignored) — JSON or YAML (bounded in depth), or protobuf as client-go's typed clients send it;
 * otherwise `gracePeriodSeconds`, `propagationPolicy`, `orphanDependents` and `dryRun` come
 * from the query.
 *
 * @throws {ApiError} 400 for a malformed body (worded as Go's decoder words it; kube-apiserver
 *   answers those with a 500, this server with a 400 because the request is at fault), 422
 *   (`DeleteOptions.meta.k8s.io`) for invalid values or `orphanDependents` together with
 *   `propagationPolicy`.
 */
export function parseDeleteOptions(body: Buffer, query: URLSearchParams, mediaType = 'application/json'): DeleteOptions {
  let raw: Json;
  if (mediaType === 'application/vnd.kubernetes.protobuf' && body.length > 0) {
    raw = decodeBody(body, mediaType, DELETE_OPTIONS) ?? {};
  } else if (body.length > 0) {
    raw = decodeDeleteOptionsBody(body, mediaType);
  } else {
    raw = {};
    const grace = queryInt64(query, 'gracePeriodSeconds');
    if ('error' in grace) throw badRequest(grace.error);
    if (grace.value !== undefined) raw['gracePeriodSeconds'] = grace.value;
    const policy = query.get('propagationPolicy');
    if (policy !== null && policy !== '') raw['propagationPolicy'] = policy;
    const orphan = queryOptionalBool(query, 'orphanDependents');
    if (orphan !== undefined) raw['orphanDependents'] = orphan;
    const dryRun = query.getAll('dryRun');
    if (dryRun.length > 0) raw['dryRun'] = dryRun;
  }
  const errors: FieldError[] = [];
  const dryRun = Array.isArray(raw['dryRun']) ? (raw['dryRun'] as unknown[]).map(String) : [];
  errors.push(...dryRunErrors(dryRun));
  const policy = raw['propagationPolicy'];
  if (policy !== undefined && policy !== null && !['Foreground', 'Background', 'Orphan'].includes(String(policy))) {
    errors.push(fieldNotSupported('propagationPolicy', policy, ['Foreground', 'Background', 'Orphan', 'nil']));
  }
  const orphan = raw['orphanDependents'];
  if (orphan !== undefined && orphan !== null && policy !== undefined && policy !== null) {
    errors.push(fieldInvalid('propagationPolicy', policy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  const grace = raw['gracePeriodSeconds'];
  if (errors.length > 0) throw invalidOptions('DeleteOptions', errors);
  const pre = raw['preconditions'] as Json | undefined | null;
  return {
    dryRun: dryRun.length > 0,
    gracePeriodSeconds: typeof grace === 'number' ? grace : undefined,
    propagationPolicy: policy === undefined || policy === null ? undefined : (policy as Propagation),
    orphanDependents: typeof orphan === 'boolean' ? orphan : undefined,
    preconditions:
      pre === undefined || pre === null
        ? undefined
        : {
            uid: typeof pre['uid'] === 'string' ? pre['uid'] : undefined,
            resourceVersion: typeof pre['resourceVersion'] === 'string' ? pre['resourceVersion'] : undefined,
          },
  };
}

/** The Go type of each DeleteOptions member a body may set, for type errors. */
const FIELD_TYPES: Readonly<Record<string, { readonly owner: string; readonly type: string; readonly check: (value: unknown) => boolean }>> = {
  gracePeriodSeconds: { owner: 'DeleteOptions', type: 'int64', check: (v) => typeof v === 'number' && Number.isInteger(v) },
  orphanDependents: { owner: 'DeleteOptions', type: 'bool', check: (v) => typeof v === 'boolean' },
  propagationPolicy: { owner: 'DeleteOptions', type: 'v1.DeletionPropagation', check: (v) => typeof v === 'string' },
  dryRun: { owner: 'DeleteOptions', type: '[]string', check: (v) => Array.isArray(v) },
  preconditions: { owner: 'DeleteOptions', type: 'v1.Preconditions', check: (v) => goJsonKind(v) === 'object' },
  'preconditions.uid': { owner: 'Preconditions', type: 'types.UID', check: (v) => typeof v === 'string' },
  'preconditions.resourceVersion': { owner: 'Preconditions', type: 'string', check: (v) => typeof v === 'string' },
};

function typeError(path: string, value: unknown): string | undefined {
  const field = FIELD_TYPES[path];
  if (field === undefined || value === null || value === undefined || field.check(value)) return undefined;
  // Go shows the number only when it cannot read it as the integer it wanted.
  const shown = typeof value === 'number' && field.type === 'int64' ? `number ${String(value)}` : goJsonKind(value);
  return `json: cannot unmarshal ${shown} into Go struct field ${field.owner}.${path} of type ${field.type}`;
}

/** A DeleteOptions body, decoded with bounded depth and checked member by member as Go's decoder would. */
function decodeDeleteOptionsBody(body: Buffer, mediaType: string): Json {
  let value: unknown;
  try {
    value = mediaType === 'application/yaml' ? decodeYaml(body) : decodeJson(body);
  } catch (error) {
    if (!isInputError(error)) throw error;
    throw badRequest(error.format === 'json' ? `couldn't get version/kind; json parse error: ${error.message}` : error.message);
  }
  if (value === null) return {};
  if (goJsonKind(value) !== 'object') throw badRequest(`couldn't get version/kind; json parse error: ${cannotUnmarshal(value, FIND_KIND_TYPE)}`);
  const raw = value as Json;
  const own = (object: Json, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);
  for (const key of ['gracePeriodSeconds', 'orphanDependents', 'propagationPolicy', 'dryRun', 'preconditions']) {
    const error = typeError(key, own(raw, key));
    if (error !== undefined) throw badRequest(error);
  }
  const dryRun = own(raw, 'dryRun');
  if (Array.isArray(dryRun)) {
    const item = dryRun.find((v: unknown) => typeof v !== 'string');
    if (item !== undefined) throw badRequest(`json: cannot unmarshal ${goJsonKind(item)} into Go struct field DeleteOptions.dryRun of type string`);
  }
  const pre = own(raw, 'preconditions');
  if (goJsonKind(pre) === 'object') {
    for (const key of ['uid', 'resourceVersion']) {
      const error = typeError(`preconditions.${key}`, own(pre as Json, key));
      if (error !== undefined) throw badRequest(error);
    }
  }
  return raw;
}
