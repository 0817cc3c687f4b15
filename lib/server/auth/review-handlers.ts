// authentication.k8s.io/v1 reviews: who am I (SelfSubjectReview), whom does this token stand for (TokenReview).
import { badRequest } from '../errors/status-errors.js';
import { answerMetadata, readRequestObject } from '../handlers/request-object.js';
import type { SubresourceHandler } from '../handlers/route-resource.js';
import { writeObject } from '../http/respond.js';
import { formatTime, type UserInfo } from '../server-context.js';
import type { Authenticator } from './authenticator.js';

type Json = Record<string, unknown>;

const GROUP = 'authentication.k8s.io';

/** `authentication.k8s.io/v1 UserInfo` as the API writes it (empty members left out). */
export function userInfoJson(user: UserInfo): Json {
  const extra = Object.entries(user.extra ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    ...(user.username === '' ? {} : { username: user.username }),
    ...(user.uid === undefined || user.uid === '' ? {} : { uid: user.uid }),
    ...(user.groups.length === 0 ? {} : { groups: [...user.groups] }),
    ...(extra.length === 0 ? {} : { extra: Object.fromEntries(extra.map(([k, v]) => [k, [...v]])) }),
  };
}

/**
 * `POST selfsubjectreviews` (`kubectl auth whoami`): 201 with the requester as the server
 * sees it after authentication and impersonation — username, uid, groups, extra.
 */
export const selfSubjectReviewHandler: SubresourceHandler = async (call) => {
  const { warnings } = await readRequestObject(call, { group: GROUP, version: 'v1', kind: 'SelfSubjectReview' });
  writeObject(
    call.res,
    201,
    {
      kind: 'SelfSubjectReview',
      apiVersion: `${GROUP}/v1`,
      metadata: { creationTimestamp: formatTime(call.ctx.now()) },
      status: { userInfo: userInfoJson(call.user) },
    },
    call.encoding,
    { warnings },
  );
};

/**
 * `POST tokenreviews` (what webhooks and aggregated servers ask): 201 with
 * `status.authenticated`, `user` and the `audiences` the token is good for among
 * `spec.audiences` (the API server's when empty), or `status.error` worded as
 * kube-apiserver words it; 400 `token is required for TokenReview in authentication`
 * without a token.
 */
export function tokenReviewHandler(authenticator: Authenticator): SubresourceHandler {
  return async (call) => {
    const gvk = { group: GROUP, version: 'v1', kind: 'TokenReview' };
    const { object: review, warnings, fieldManager } = await readRequestObject(call, gvk);
    const spec = (review['spec'] ?? {}) as Json;
    const token = typeof spec['token'] === 'string' ? spec['token'] : '';
    if (token === '') throw badRequest('token is required for TokenReview in authentication');
    const audiences = Array.isArray(spec['audiences']) ? spec['audiences'].filter((a): a is string => typeof a === 'string') : [];
    const result = authenticator.reviewToken(token, audiences);
    const status = 'error' in result ? { user: {}, error: result.error } : { authenticated: true, user: userInfoJson(result.user), audiences: [...result.audiences] };
    writeObject(
      call.res,
      201,
      {
        kind: 'TokenReview',
        apiVersion: `${GROUP}/v1`,
        metadata: answerMetadata(call, gvk, review, fieldManager),
        spec: { token, ...(audiences.length === 0 ? {} : { audiences }) },
        status,
      },
      call.encoding,
      { warnings },
    );
  };
}

/** The handlers of `authentication.k8s.io/v1`, keyed for the router. */
export function authenticationReviewHandlers(authenticator: Authenticator): [string, SubresourceHandler][] {
  return [
    [`${GROUP}/selfsubjectreviews:create`, selfSubjectReviewHandler],
    [`${GROUP}/tokenreviews:create`, tokenReviewHandler(authenticator)],
  ];
}
