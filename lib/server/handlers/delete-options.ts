// DeleteOptions from a request body (or, when the body is empty, the query), validated.
import { fieldInvalid, fieldNotSupported, type FieldError } from '../errors/field-error.js';
import { badRequest, invalidOptions } from '../errors/status-errors.js';
import { queryInt, queryOptionalBool } from '../http/query-values.js';
import { decodeBody } from '../http/read-body.js';
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
 * ignored) — JSON, or protobuf as client-go's typed clients send it; otherwise
 * `gracePeriodSeconds`, `propagationPolicy`, `orphanDependents` and `dryRun` come from the query.
 *
 * @throws {ApiError} 400 for a malformed body, 422 (`DeleteOptions.meta.k8s.io`) for
 *   invalid values or `orphanDependents` together with `propagationPolicy`.
 */
export function parseDeleteOptions(body: Buffer, query: URLSearchParams, mediaType = 'application/json'): DeleteOptions {
  let raw: Json;
  if (mediaType === 'application/vnd.kubernetes.protobuf' && body.length > 0) {
    raw = decodeBody(body, mediaType, DELETE_OPTIONS) as Json;
  } else if (body.length > 0 && body.toString('utf8').trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      raw = parsed as Json;
    } catch (error) {
      throw badRequest(`couldn't get version/kind; json parse error: ${(error as Error).message}`);
    }
  } else {
    raw = {};
    const grace = queryInt(query, 'gracePeriodSeconds');
    if (Number.isNaN(grace)) throw badRequest(`gracePeriodSeconds: invalid value ${JSON.stringify(query.get('gracePeriodSeconds'))}`);
    if (grace !== undefined) raw['gracePeriodSeconds'] = grace;
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
  if (grace !== undefined && grace !== null && (typeof grace !== 'number' || !Number.isInteger(grace))) {
    throw badRequest(`gracePeriodSeconds must be an integer, got ${JSON.stringify(grace)}`);
  }
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
