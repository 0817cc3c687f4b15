// The ServiceAccount tokens the server minted: who each stands for, until when, and what it is bound to.
import { randomBytes, randomUUID } from 'node:crypto';
import { objectKey } from '../objects/object-key.js';
import type { ServerContext, UserInfo } from '../server-context.js';
import type { StoredObject } from '../store/store-event.js';

/** The audience kube-apiserver accepts by default (its `--service-account-issuer` on kubeadm clusters). */
export const API_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

/**
 * How far past `exp` (or before `iat`) a token is still honoured, and how long after its
 * deletion a bound object still vouches for its tokens: go-jose's `DefaultLeeway`, which
 * kube-apiserver's token validator uses.
 */
export const TOKEN_LEEWAY_MS = 60_000;

/** The object a token is bound to (`spec.boundObjectRef`), resolved to its uid. */
export interface BoundObject {
  readonly kind: 'Pod' | 'Secret' | 'Node';
  readonly name: string;
  readonly uid: string;
}

/** What a minted token claims (the private claims of a real ServiceAccount JWT). */
export interface TokenClaims {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly serviceAccountUid: string;
  readonly audiences: readonly string[];
  /** Issued at, in milliseconds since the epoch (the server's clock). */
  readonly issuedAt: number;
  /** Expires at, in milliseconds since the epoch. */
  readonly expiresAt: number;
  readonly bound?: BoundObject;
  /** For a pod-bound token, the node the pod runs on (`ServiceAccountTokenPodNodeInfo`). */
  readonly node?: { readonly name: string; readonly uid: string | undefined };
}

interface Minted extends TokenClaims {
  readonly jti: string;
}

/** Why a presented token does not authenticate. */
export type TokenRejection = 'expired' | 'not valid yet' | 'wrong audience' | 'service account gone' | 'bound object gone';

/** The outcome of checking a token: its user, a rejection, or `unknown` (not a token minted here). */
export type TokenCheck =
  | { readonly type: 'user'; readonly user: UserInfo; readonly audiences: readonly string[] }
  /** `message` is the validator's error, as a TokenReview reports it (never sent for a request). */
  | { readonly type: 'rejected'; readonly reason: TokenRejection; readonly message: string }
  | { readonly type: 'unknown' };

const BUCKETS = { Pod: '/pods', Secret: '/secrets', Node: '/nodes' } as const;

/**
 * The ServiceAccount token issuer and validator of the embedded server. Tokens are opaque
 * random strings (a real server signs JWTs); what a JWT would carry is kept here, and each
 * request re-checks it against the store as kube-apiserver's validator does:
 *
 * - the token has not expired (`exp` plus one minute of leeway, on the server's clock);
 * - it is meant for the API server (one of its audiences is {@link API_AUDIENCE});
 * - the ServiceAccount still exists with the same uid, and was not deleted more than a
 *   minute ago (a recreated ServiceAccount of the same name does not revive old tokens);
 * - the bound Pod, Secret or Node, if any, likewise.
 *
 * The user is `system:serviceaccount:<ns>:<name>` with groups `system:serviceaccounts`,
 * `system:serviceaccounts:<ns>` and `system:authenticated`, the ServiceAccount's uid, and
 * the extras `authentication.kubernetes.io/credential-id` (`JTI=<id>`) and, for pod-bound
 * tokens, `.../pod-name`, `.../pod-uid` (and `.../node-name`, `.../node-uid`).
 *
 * Difference: kube-apiserver caches a successful token check for 10 s, so a deleted
 * ServiceAccount's token may work a few seconds longer there; here it stops at once.
 */
export class ServiceAccountTokens {
  readonly #ctx: ServerContext;
  readonly #tokens = new Map<string, Minted>();

  constructor(ctx: ServerContext) {
    this.#ctx = ctx;
  }

  /** Mints a token for these claims (expired tokens are forgotten on the way). */
  mint(claims: TokenClaims): string {
    const now = this.#ctx.now().getTime();
    for (const [token, minted] of this.#tokens) if (now - TOKEN_LEEWAY_MS > minted.expiresAt) this.#tokens.delete(token);
    const token = randomBytes(32).toString('base64url');
    this.#tokens.set(token, { ...claims, jti: randomUUID() });
    return token;
  }

  /**
   * Checks a presented bearer token for `audiences` (the API server's by default; a
   * TokenReview may name others).
   */
  check(token: string, audiences: readonly string[] = [API_AUDIENCE]): TokenCheck {
    const minted = this.#tokens.get(token);
    if (minted === undefined) return { type: 'unknown' };
    const matching = minted.audiences.filter((a) => audiences.includes(a));
    if (matching.length === 0) {
      return { type: 'rejected', reason: 'wrong audience', message: `token audiences ${goQuoted(minted.audiences)} is invalid for the target audiences ${goQuoted(audiences)}` };
    }
    const now = this.#ctx.now().getTime();
    if (now - TOKEN_LEEWAY_MS > minted.expiresAt) return { type: 'rejected', reason: 'expired', message: 'service account token has expired' };
    if (now + TOKEN_LEEWAY_MS < minted.issuedAt) return { type: 'rejected', reason: 'not valid yet', message: 'service account token is not valid yet' };
    const invalidIfDeletedBefore = now - TOKEN_LEEWAY_MS;
    const { namespace, serviceAccount } = minted;
    const sa = this.#ctx.store.get('/serviceaccounts', objectKey(namespace, serviceAccount));
    if (sa === undefined) return { type: 'rejected', reason: 'service account gone', message: `serviceaccounts ${JSON.stringify(serviceAccount)} not found` };
    if (sa.metadata.uid !== minted.serviceAccountUid) {
      return { type: 'rejected', reason: 'service account gone', message: `service account UID (${sa.metadata.uid ?? ''}) does not match claim (${minted.serviceAccountUid})` };
    }
    if (deletedBefore(sa, invalidIfDeletedBefore)) {
      return { type: 'rejected', reason: 'service account gone', message: `service account ${namespace}/${serviceAccount} has been deleted` };
    }
    const bound = minted.bound;
    if (bound !== undefined) {
      const object = this.#ctx.store.get(BUCKETS[bound.kind], objectKey(bound.kind === 'Node' ? undefined : namespace, bound.name));
      if (object === undefined || deletedBefore(object, invalidIfDeletedBefore)) {
        return { type: 'rejected', reason: 'bound object gone', message: 'service account token has been invalidated' };
      }
      if (object.metadata.uid !== bound.uid) {
        const claim = bound.kind === 'Pod' ? 'pod' : bound.kind === 'Secret' ? 'secret' : 'node';
        const message = `${claim} UID (${object.metadata.uid ?? ''}) does not match service account ${claim} ref claim (${bound.uid})`;
        return { type: 'rejected', reason: 'bound object gone', message: bound.kind === 'Node' ? `node UID (${object.metadata.uid ?? ''}) does not match service account node ref claim (${bound.uid})` : message };
      }
    }
    return { type: 'user', user: userOf(minted), audiences: matching };
  }
}

/** Go's `%q` of a `[]string`: `["a" "b"]`. */
function goQuoted(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

function deletedBefore(object: StoredObject, invalidIfDeletedBefore: number): boolean {
  const deleted = object.metadata.deletionTimestamp;
  return deleted != null && Date.parse(deleted) < invalidIfDeletedBefore;
}

function userOf(minted: Minted): UserInfo {
  const extra: Record<string, string[]> = { 'authentication.kubernetes.io/credential-id': [`JTI=${minted.jti}`] };
  if (minted.bound?.kind === 'Pod') {
    extra['authentication.kubernetes.io/pod-name'] = [minted.bound.name];
    extra['authentication.kubernetes.io/pod-uid'] = [minted.bound.uid];
  }
  const node = minted.bound?.kind === 'Node' ? minted.bound : minted.node;
  if (node !== undefined) {
    extra['authentication.kubernetes.io/node-name'] = [node.name];
    if (node.uid !== undefined) extra['authentication.kubernetes.io/node-uid'] = [node.uid];
  }
  return {
    username: `system:serviceaccount:${minted.namespace}:${minted.serviceAccount}`,
    uid: minted.serviceAccountUid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${minted.namespace}`, 'system:authenticated'],
    extra: Object.fromEntries(Object.entries(extra).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}
