// CreateOptions / UpdateOptions / PatchOptions from the query string, validated like kube-apiserver.
import type { IncomingMessage } from 'node:http';
import { fieldForbidden, fieldInvalid, fieldNotSupported, fieldTooLong, goStringSlice, type FieldError } from '../errors/field-error.js';
import { invalidOptions } from '../errors/status-errors.js';
import type { WriteOptions } from '../server-context.js';
import type { ResourceCall } from './resource-call.js';

/** Validated write options plus `fieldValidation` and `force`. */
export interface ParsedWriteOptions extends WriteOptions {
  readonly fieldValidation: 'Ignore' | 'Warn' | 'Strict';
  readonly force: boolean;
}

/** The errors of a `dryRun` value list (only `All` is allowed). */
export function dryRunErrors(values: readonly string[]): FieldError[] {
  if (values.every((v) => v === 'All')) return [];
  return [{ type: 'FieldValueNotSupported', field: 'dryRun', value: goStringSlice(values), detail: 'supported values: "All"' }];
}

/** The field manager of a request: the `fieldManager` param, else the User-Agent before its first `/`. */
export function managerOf(req: IncomingMessage, query: URLSearchParams): string {
  const explicit = query.get('fieldManager');
  if (explicit !== null && explicit !== '') return explicit;
  const agent = req.headers['user-agent'] ?? '';
  const prefix = agent.split('/')[0] ?? '';
  const printable = prefix.replace(/[^\x20-\x7e]/g, '').slice(0, 128);
  return printable;
}

/**
 * Parses `dryRun`, `fieldManager`, `fieldValidation` (and `force` for patches), and names
 * the requester (the user and the URL's object name) for the kinds whose writes are
 * authorized further (RBAC's escalation checks).
 *
 * @throws {ApiError} 422 `<Kind>Options.meta.k8s.io "" is invalid: ...`.
 */
export function parseWriteOptions(
  call: Pick<ResourceCall, 'req' | 'query' | 'user' | 'info'>,
  optionsKind: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions',
  isApply = false,
): ParsedWriteOptions {
  const { req, query } = call;
  const errors: FieldError[] = [];
  const dryRun = query.getAll('dryRun');
  errors.push(...dryRunErrors(dryRun));
  const explicitManager = query.get('fieldManager');
  if (explicitManager !== null) {
    // apimachinery's ValidateFieldManager: a byte length first, then the first unprintable rune.
    if (Buffer.byteLength(explicitManager) > 128) errors.push(fieldTooLong('fieldManager', 128));
    else {
      const runes = [...explicitManager];
      const bad = runes.findIndex((c) => !/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c));
      if (bad !== -1) {
        const code = (runes[bad] as string).codePointAt(0) as number;
        errors.push(fieldInvalid('fieldManager', explicitManager, `invalid character U+${code.toString(16).toUpperCase().padStart(4, '0')} (at position ${bad})`));
      }
    }
  }
  if (isApply && (explicitManager === null || explicitManager === '')) {
    errors.push({ type: 'FieldValueRequired', field: 'fieldManager', detail: 'is required for apply patch' });
  }
  const rawValidation = query.get('fieldValidation') ?? '';
  if (!['', 'Ignore', 'Warn', 'Strict'].includes(rawValidation)) {
    errors.push(fieldNotSupported('fieldValidation', rawValidation, ['', 'Ignore', 'Strict', 'Warn']));
  }
  const forceRaw = query.get('force');
  const force = forceRaw !== null && !(forceRaw === '0' || forceRaw.toLowerCase() === 'false');
  if (force && !isApply) errors.push(fieldForbidden('force', 'may not be specified for non-apply patch'));
  if (errors.length > 0) throw invalidOptions(optionsKind, errors);
  return {
    requester: { user: call.user, name: call.info.name ?? '' },
    dryRun: dryRun.length > 0,
    fieldManager: managerOf(req, query),
    warnings: [],
    fieldValidation: rawValidation === '' ? 'Warn' : (rawValidation as 'Ignore' | 'Warn' | 'Strict'),
    force,
  };
}
