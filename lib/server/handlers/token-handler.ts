// POST serviceaccounts/{name}/token: mints a bearer token that authenticates as the ServiceAccount.
import { randomBytes } from 'node:crypto';
import type { TokenUser } from '../auth/authenticator.js';
import { badRequest } from '../errors/status-errors.js';
import { contentTypeOf, decodeBody, readBody } from '../http/read-body.js';
import { writeObject } from '../http/respond.js';
import { formatTime } from '../server-context.js';
import { readObject } from './read-handlers.js';
import type { SubresourceHandler } from './route-resource.js';

type Json = Record<string, unknown>;

const DEFAULT_EXPIRATION_SECONDS = 3600;

/**
 * The TokenRequest subresource: answers `authentication.k8s.io/v1 TokenRequest` with a
 * fresh token (and its expiration) that this server accepts as
 * `system:serviceaccount:<namespace>:<name>`, groups `system:serviceaccounts` and
 * `system:serviceaccounts:<namespace>`.
 *
 * @throws {ApiError} 404 for a missing ServiceAccount, 400 for a bad body.
 */
export function tokenRequestHandler(addToken: (token: string, user: TokenUser) => void): SubresourceHandler {
  return async (call, name) => {
    const sa = readObject(call, name ?? '');
    const value = decodeBody(await readBody(call.req, call.settings.maxBodyBytes), contentTypeOf(call.req));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('the body of the request was not a TokenRequest object');
    const request = value as Json;
    const spec = (request['spec'] ?? {}) as Json;
    const seconds = typeof spec['expirationSeconds'] === 'number' ? spec['expirationSeconds'] : DEFAULT_EXPIRATION_SECONDS;
    const namespace = call.namespace ?? '';
    const token = randomBytes(32).toString('base64url');
    addToken(token, { username: `system:serviceaccount:${namespace}:${name ?? ''}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`] });
    const now = call.ctx.now();
    writeObject(
      call.res,
      201,
      {
        kind: 'TokenRequest',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { name: sa.metadata.name, namespace, creationTimestamp: null },
        spec: { audiences: Array.isArray(spec['audiences']) ? spec['audiences'] : [], expirationSeconds: seconds, boundObjectRef: spec['boundObjectRef'] ?? null },
        status: { token, expirationTimestamp: formatTime(new Date(now.getTime() + seconds * 1000)) },
      },
      call.encoding,
    );
  };
}
