// kube-apiserver's filter chain before any handler: authentication, impersonation, authorization.
import type { IncomingMessage } from 'node:http';
import type { ApiError } from '../../core/index.js';
import type { Authenticator } from '../auth/authenticator.js';
import { impersonation } from '../auth/impersonate.js';
import { unauthorized } from '../errors/status-errors.js';
import type { UserInfo } from '../server-context.js';
import { requestAttributes } from './authorization-attributes.js';
import type { Authorizer } from './authorizer.js';
import { forbiddenError } from './forbidden-error.js';

/** Who may go on to the handlers, or how to answer instead. */
export type RequestAdmission =
  | { readonly type: 'allowed'; readonly user: UserInfo }
  /** 401 (no user), or 403 for impersonation or the request itself; `user` is who was refused. */
  | { readonly type: 'refused'; readonly error: ApiError; readonly user: UserInfo | undefined }
  /** Impersonation headers without a user: kube-apiserver's plain-text 500 `Internal Server Error: "<path>": <message>`. */
  | { readonly type: 'invalid'; readonly message: string; readonly user: UserInfo };

/**
 * Runs a request through authentication (a bad credential is 401; none is
 * `system:anonymous`), impersonation (each part authorized as verb `impersonate`) and
 * authorization of the request's attributes (see `requestAttributes`), in kube-apiserver's
 * order. `path` is the decoded URL path.
 */
export function authorizeRequest(
  parts: { readonly authenticator: Authenticator; readonly authorizer: Authorizer },
  req: IncomingMessage,
  method: string,
  path: string,
  query: URLSearchParams,
): RequestAdmission {
  const authenticated = parts.authenticator.authenticate(req);
  if (authenticated === undefined) return { type: 'refused', error: unauthorized(), user: undefined };
  let user = authenticated;
  const impersonated = impersonation(req, user, (attributes) => parts.authorizer.authorize(attributes));
  switch (impersonated.type) {
    case 'invalid':
      return { type: 'invalid', message: impersonated.message, user };
    case 'forbidden':
      return { type: 'refused', error: forbiddenError(impersonated.attributes, impersonated.reason), user };
    case 'user':
      user = impersonated.user;
      break;
    case 'none':
      break;
  }
  const attributes = requestAttributes(user, method, path, query);
  const decision = parts.authorizer.authorize(attributes);
  if (decision.decision !== 'allow') return { type: 'refused', error: forbiddenError(attributes, decision.reason), user };
  return { type: 'allowed', user };
}
