// Building an admission webhook's answer: allow, deny, warn, or mutate by giving the patched object.
import { encodeBase64Text } from '../json/base64.js';
import { jsonPatchDiff } from '../json/json-patch-diff.js';
import type { StatusReason } from '../status.js';
import type { AdmissionRequest, AdmissionResponse } from './admission-review.js';
import { AdmissionError } from './admission-error.js';

/** What every answer may carry besides its verdict. */
export interface AdmissionResponseOptions {
  /** Shown to the client as `Warning` headers (kubectl prints `Warning: ...`). */
  readonly warnings?: readonly string[];
  /** Recorded in the audit event under `<webhook name>/<key>`. */
  readonly auditAnnotations?: Readonly<Record<string, string>>;
}

/** Options of {@link denied}. */
export interface DeniedOptions extends AdmissionResponseOptions {
  /** The HTTP code the client gets (kube-apiserver raises anything below 400 to 400). @default 403 */
  readonly code?: number;
  /** The Status reason. @default 'Forbidden' for 403, 'BadRequest' for 400, else absent */
  readonly reason?: StatusReason;
}

function extras(options: AdmissionResponseOptions | undefined): Partial<AdmissionResponse> {
  return {
    ...(options?.warnings !== undefined && options.warnings.length > 0 ? { warnings: [...options.warnings] } : {}),
    ...(options?.auditAnnotations !== undefined ? { auditAnnotations: { ...options.auditAnnotations } } : {}),
  };
}

/**
 * Lets the request through unchanged.
 *
 * ## Example
 * ```ts
 * const response = allowed(request, { warnings: ['the "legacy" label is deprecated'] });
 * ```
 */
export function allowed(request: Pick<AdmissionRequest<unknown>, 'uid'>, options?: AdmissionResponseOptions): AdmissionResponse {
  return { uid: request.uid, allowed: true, ...extras(options) };
}

/**
 * Refuses the request. The client gets a Status with `code` (403 by default) and the message
 * kube-apiserver builds from this one: `admission webhook "<name>" denied the request: <message>`.
 *
 * ## Example
 * ```ts
 * if (labels(request.object).admission === 'deny') return denied(request, 'the label admission=deny is forbidden');
 * ```
 */
export function denied(request: Pick<AdmissionRequest<unknown>, 'uid'>, message: string, options?: DeniedOptions): AdmissionResponse {
  const code = options?.code ?? 403;
  const reason = options?.reason ?? (code === 403 ? 'Forbidden' : code === 400 ? 'BadRequest' : undefined);
  return {
    uid: request.uid,
    allowed: false,
    status: { metadata: {}, status: 'Failure', message, ...(reason === undefined ? {} : { reason }), code },
    ...extras(options),
  };
}

/**
 * Allows the request with the object changed to `object`: the JSON patch from the request's
 * object to `object` is computed (see `jsonPatchDiff`), base64-encoded, with `patchType:
 * JSONPatch`. When nothing changed the answer carries no patch. Change a copy, never
 * `request.object` itself.
 *
 * ## Example
 * ```ts
 * const pod = request.object;
 * return patched(request, { ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata?.labels, injected: 'true' } } });
 * ```
 *
 * @throws {AdmissionError} `NothingToPatch` when the request has no object (DELETE).
 */
export function patched<K>(request: Pick<AdmissionRequest<K>, 'uid' | 'object'>, object: K, options?: AdmissionResponseOptions): AdmissionResponse {
  if (request.object === undefined || request.object === null) {
    throw new AdmissionError('NothingToPatch', 'the admission request has no object to patch (a DELETE or CONNECT request)');
  }
  const operations = jsonPatchDiff(request.object, object);
  if (operations.length === 0) return allowed(request, options);
  return { uid: request.uid, allowed: true, patchType: 'JSONPatch', patch: encodeBase64Text(JSON.stringify(operations)), ...extras(options) };
}

/** The same answer with more warnings. */
export function withWarnings(response: AdmissionResponse, ...warnings: readonly string[]): AdmissionResponse {
  return { ...response, warnings: [...(response.warnings ?? []), ...warnings] };
}
