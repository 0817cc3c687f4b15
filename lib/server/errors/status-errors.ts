// Builders for the API server's error answers: each returns an ApiError carrying the exact Status.
import { ApiError, failureStatus, type Status, type StatusCause, type StatusDetails } from '../../core/index.js';
import { fieldErrorCause, formatFieldError, type FieldError } from './field-error.js';
import { goQuote } from '../input/go-text.js';

/** A resource named as the API server names it in messages: `pods`, `deployments.apps`. */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

/** A kind named as in Invalid messages: `ConfigMap`, `Deployment.apps`. */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** `pods`, `deployments.apps` (apimachinery `GroupResource.String()`). */
export function groupResourceString(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

/** `Pod`, `Deployment.apps` (apimachinery `GroupKind.String()`). */
export function groupKindString(gk: GroupKind): string {
  return gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`;
}

function details(gr: GroupResource, name: string, extra: Partial<StatusDetails> = {}): StatusDetails {
  return { ...(name === '' ? {} : { name }), ...(gr.group === '' ? {} : { group: gr.group }), kind: gr.resource, ...extra };
}

/**
 * An {@link ApiError} the server raises to answer a request. Core's `ApiError` redacts
 * credential-like text in its `status` for logging; `wireStatus` keeps the Status exactly
 * as kube-apiserver words it (e.g. `invalid continue token: ...`), which is what goes on
 * the wire.
 */
export class ServerStatusError extends ApiError {
  /** The Status to send, unredacted. */
  readonly wireStatus: Status;

  constructor(status: Status) {
    super(status);
    this.wireStatus = status;
  }
}

/** The Status to answer for an error: the unredacted one for the server's own errors. */
export function wireStatusOf(error: ApiError): Status {
  return error instanceof ServerStatusError ? error.wireStatus : error.status;
}

/** An error answer with this Status. */
export function statusError(status: Status): ApiError {
  return new ServerStatusError(status);
}

/** 404 `pods "foo" not found`. */
export function notFound(gr: GroupResource, name: string): ApiError {
  return statusError(failureStatus(404, 'NotFound', `${groupResourceString(gr)} ${goQuote(name)} not found`, details(gr, name)));
}

/** 409 `configmaps "foo" already exists` (with the "being deleted" prefix when it is terminating). */
export function alreadyExists(gr: GroupResource, name: string, beingDeleted = false): ApiError {
  const text = `${groupResourceString(gr)} ${goQuote(name)} already exists`;
  return statusError(failureStatus(409, 'AlreadyExists', beingDeleted ? `object is being deleted: ${text}` : text, details(gr, name)));
}

/** 409 AlreadyExists after generateName ran out of attempts. */
export function generateNameExhausted(gr: GroupResource, name: string): ApiError {
  const message = `${groupResourceString(gr)} "${name}" already exists, the server was not able to generate a unique name for the object`;
  return statusError(failureStatus(409, 'AlreadyExists', message, details(gr, name, { retryAfterSeconds: 1 })));
}

/** The optimistic-lock message of a stale resourceVersion. */
export const OPTIMISTIC_LOCK_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

/** 409 `Operation cannot be fulfilled on configmaps "foo": <detail>`. */
export function conflict(gr: GroupResource, name: string, detail: string = OPTIMISTIC_LOCK_MESSAGE, causes?: StatusCause[]): ApiError {
  const message = `Operation cannot be fulfilled on ${groupResourceString(gr)} ${goQuote(name)}: ${detail}`;
  return statusError(failureStatus(409, 'Conflict', message, details(gr, name, causes === undefined ? {} : { causes })));
}

/** The `Kind "name" is invalid: ...` message of a set of field errors. */
export function invalidMessage(gk: GroupKind, name: string, errors: readonly FieldError[]): string {
  const head = `${groupKindString(gk)} ${goQuote(name)} is invalid`;
  if (errors.length === 0) return head;
  if (errors.length === 1) return `${head}: ${formatFieldError(errors[0] as FieldError)}`;
  return `${head}: [${errors.map(formatFieldError).join(', ')}]`;
}

/** 422 Invalid with one cause per field error; `details.kind` is the Kind. */
export function invalid(gk: GroupKind, name: string, errors: readonly FieldError[]): ApiError {
  const causes = errors.map(fieldErrorCause);
  return statusError(
    failureStatus(422, 'Invalid', invalidMessage(gk, name, errors), {
      ...(name === '' ? {} : { name }),
      ...(gk.group === '' ? {} : { group: gk.group }),
      ...(gk.kind === '' ? {} : { kind: gk.kind }),
      causes,
    }),
  );
}

/** 422 for bad query options: `ListOptions.meta.k8s.io "" is invalid: ...`. */
export function invalidOptions(optionsKind: string, errors: readonly FieldError[]): ApiError {
  return invalid({ group: 'meta.k8s.io', kind: optionsKind }, '', errors);
}

/** 400 BadRequest with a message. */
export function badRequest(message: string): ApiError {
  return statusError(failureStatus(400, 'BadRequest', message));
}

/** 403 Forbidden: `<resource> "name" is forbidden: <detail>`. */
export function forbidden(gr: GroupResource, name: string, detail: string, causes?: StatusCause[]): ApiError {
  const subject = name === '' ? `${groupResourceString(gr)}` : `${groupResourceString(gr)} "${name}"`;
  return statusError(
    failureStatus(403, 'Forbidden', `${subject} is forbidden: ${detail}`, details(gr, name, causes === undefined ? {} : { causes })),
  );
}

/** 405 `<verb> is not supported on resources of kind "<resource>"`. */
export function methodNotAllowed(gr: GroupResource, verb: string): ApiError {
  const message = `${verb} is not supported on resources of kind "${groupResourceString(gr)}"`;
  return statusError(failureStatus(405, 'MethodNotAllowed', message, { ...(gr.group === '' ? {} : { group: gr.group }), kind: gr.resource }));
}

/**
 * 405 for a method no route serves on a path that exists (a GET of `bindings`, a DELETE of a
 * ComponentStatus): go-restful's answer under kube-apiserver, with empty details.
 */
export function methodNotRouted(): ApiError {
  return statusError(failureStatus(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {}));
}

/** 404 from the route table (go-restful): a path under a served group version that has no route. */
export function routeNotFound(): ApiError {
  return statusError(failureStatus(404, 'NotFound', 'the server could not find the requested resource', {}));
}

/** 415 naming the accepted media types. */
export function unsupportedMediaType(accepted: readonly string[]): ApiError {
  const message = `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`;
  return statusError(failureStatus(415, 'UnsupportedMediaType', message));
}

/** 406 naming the media types the server can produce. */
export function notAcceptable(message: string): ApiError {
  return statusError(failureStatus(406, 'NotAcceptable', message));
}

/** 410 Expired (too old resourceVersion or continue token). */
export function expired(message: string, continueToken?: string): ApiError {
  const status = failureStatus(410, 'Expired', message);
  if (continueToken !== undefined) status.metadata = { continue: continueToken };
  return statusError(status);
}

/** 413 `Request entity too large: <detail>`. */
export function entityTooLarge(detail: string): ApiError {
  return statusError(failureStatus(413, 'RequestEntityTooLarge', `Request entity too large: ${detail}`));
}

/** 500 `Internal error occurred: <message>` with the message as the one cause. */
export function internalError(message: string): ApiError {
  return statusError(failureStatus(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] }));
}

/** 500 with an unknown reason: a plain Go error that reached the client as-is. */
export function unknownError(code: number, message: string): ApiError {
  return statusError(failureStatus(code, '', message));
}

/** 504 `Timeout: Too large resource version: N, current: M`. */
export function tooLargeResourceVersion(requested: number, current: number): ApiError {
  return statusError(
    failureStatus(504, 'Timeout', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    }),
  );
}

/** 401, exactly as kube-apiserver's authentication filter answers. */
export function unauthorized(): ApiError {
  return statusError(failureStatus(401, 'Unauthorized', 'Unauthorized'));
}
