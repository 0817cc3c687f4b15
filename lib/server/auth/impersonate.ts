// Impersonation: Impersonate-User / -Group / -Uid / -Extra-* headers turn a request into another user's, if allowed.
import type { IncomingMessage } from 'node:http';
import type { AuthorizationAttributes, ResourceAttributes } from '../authorization/authorization-attributes.js';
import { nameProblems } from '../objects/object-names.js';
import type { UserInfo } from '../server-context.js';

/** What the impersonation headers ask for, once each part was authorized. */
export type ImpersonationResult =
  | { readonly type: 'none' }
  | { readonly type: 'user'; readonly user: UserInfo }
  /** A part the requester may not impersonate: answer 403 for these attributes. */
  | { readonly type: 'forbidden'; readonly attributes: ResourceAttributes; readonly reason: string }
  /** Groups, extras or a uid without a user: kube-apiserver answers 500 with this message. */
  | { readonly type: 'invalid'; readonly message: string };

/** Decides whether the requester may impersonate one thing. */
export type ImpersonationCheck = (attributes: AuthorizationAttributes) => { readonly decision: 'allow' | 'noOpinion'; readonly reason: string };

/** One impersonation request, as kube-apiserver's `v1.ObjectReference`. */
interface Requested {
  readonly kind: 'ServiceAccount' | 'User' | 'Group' | 'UserExtra' | 'UID';
  readonly namespace: string;
  readonly name: string;
  readonly apiVersion: string;
  readonly fieldPath: string;
}

const EXTRA_PREFIX = 'impersonate-extra-';

function values(req: IncomingMessage, name: string): string[] {
  return req.headersDistinct[name] ?? [];
}

/** `url.PathUnescape`, keeping the key as is when it does not decode. */
function unescapeKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** `serviceaccount.SplitUsername`: `system:serviceaccount:<ns>:<name>` with a valid namespace and name. */
function splitServiceAccount(username: string): { namespace: string; name: string } | undefined {
  const prefix = 'system:serviceaccount:';
  if (!username.startsWith(prefix)) return undefined;
  const parts = username.slice(prefix.length).split(':');
  if (parts.length !== 2) return undefined;
  const [namespace = '', name = ''] = parts;
  if (nameProblems(namespace, 'label').length > 0 || nameProblems(name, 'subdomain').length > 0) return undefined;
  return { namespace, name };
}

/** Go's `%v` of an ObjectReference: its seven fields, space-separated, in braces. */
function goReference(r: Requested): string {
  return `{${[r.kind, r.namespace, r.name, '', r.apiVersion, '', r.fieldPath].join(' ')}}`;
}

function requested(req: IncomingMessage): Requested[] {
  const out: Requested[] = [];
  const user = values(req, 'impersonate-user')[0] ?? '';
  if (user !== '') {
    const sa = splitServiceAccount(user);
    out.push(sa === undefined ? { kind: 'User', namespace: '', name: user, apiVersion: '', fieldPath: '' } : { kind: 'ServiceAccount', ...sa, apiVersion: '', fieldPath: '' });
  }
  for (const group of values(req, 'impersonate-group')) out.push({ kind: 'Group', namespace: '', name: group, apiVersion: '', fieldPath: '' });
  for (const header of Object.keys(req.headersDistinct)) {
    if (!header.startsWith(EXTRA_PREFIX)) continue;
    const key = unescapeKey(header.slice(EXTRA_PREFIX.length).toLowerCase());
    for (const value of values(req, header)) out.push({ kind: 'UserExtra', namespace: '', name: value, apiVersion: 'authentication.k8s.io/v1', fieldPath: key });
  }
  const uid = values(req, 'impersonate-uid')[0] ?? '';
  if (uid !== '') out.push({ kind: 'UID', namespace: '', name: uid, apiVersion: 'authentication.k8s.io/v1', fieldPath: '' });
  return out;
}

function attributesOf(requester: UserInfo, r: Requested): ResourceAttributes {
  const base = { type: 'resource', user: requester, verb: 'impersonate', namespace: r.namespace, name: r.name, subresource: '' } as const;
  switch (r.kind) {
    case 'ServiceAccount':
      return { ...base, apiGroup: '', apiVersion: '', resource: 'serviceaccounts' };
    case 'User':
      return { ...base, apiGroup: '', apiVersion: '', resource: 'users' };
    case 'Group':
      return { ...base, apiGroup: '', apiVersion: '', resource: 'groups' };
    case 'UserExtra':
      return { ...base, apiGroup: 'authentication.k8s.io', apiVersion: 'v1', resource: 'userextras', subresource: r.fieldPath };
    case 'UID':
      return { ...base, apiGroup: 'authentication.k8s.io', apiVersion: 'v1', resource: 'uids' };
  }
}

/**
 * Reads the impersonation headers (apiserver-semantics §12) as kube-apiserver's
 * `WithImpersonation` filter does. Each part is authorized for the requester as verb
 * `impersonate` on `users`, `serviceaccounts` (for a `system:serviceaccount:<ns>:<name>`
 * user, in its namespace), `groups`, `userextras/<key>` or `uids` (group
 * `authentication.k8s.io`); the first part denied answers 403. The new user has the
 * impersonated name, uid and extras; its groups are the impersonated ones (a ServiceAccount
 * without `Impersonate-Group` gets its `system:serviceaccounts` groups), plus
 * `system:authenticated` unless `system:authenticated` or `system:unauthenticated` was
 * asked for — or `system:unauthenticated` for `system:anonymous`. Groups, a uid or extras
 * without a user are invalid.
 */
export function impersonation(req: IncomingMessage, requester: UserInfo, check: ImpersonationCheck): ImpersonationResult {
  const parts = requested(req);
  if (parts.length === 0) return { type: 'none' };
  if (!parts.some((p) => p.kind === 'User' || p.kind === 'ServiceAccount')) {
    return { type: 'invalid', message: `requested [${parts.map(goReference).join(' ')}] without impersonating a user` };
  }
  const groupsSpecified = values(req, 'impersonate-group').length > 0;
  let username = '';
  let uid = '';
  let groups: string[] = [];
  const extra = new Map<string, string[]>();
  for (const part of parts) {
    const attributes = attributesOf(requester, part);
    switch (part.kind) {
      case 'ServiceAccount':
        username = `system:serviceaccount:${part.namespace}:${part.name}`;
        if (!groupsSpecified) groups = ['system:serviceaccounts', `system:serviceaccounts:${part.namespace}`];
        break;
      case 'User':
        username = part.name;
        break;
      case 'Group':
        groups.push(part.name);
        break;
      case 'UserExtra':
        extra.set(part.fieldPath, [...(extra.get(part.fieldPath) ?? []), part.name]);
        break;
      case 'UID':
        uid = part.name;
        break;
    }
    const decision = check(attributes);
    if (decision.decision !== 'allow') return { type: 'forbidden', attributes, reason: decision.reason };
  }
  if (username !== 'system:anonymous') {
    if (!groups.some((g) => g === 'system:authenticated' || g === 'system:unauthenticated')) groups.push('system:authenticated');
  } else if (!groups.includes('system:unauthenticated')) {
    groups.push('system:unauthenticated');
  }
  return {
    type: 'user',
    user: { username, groups, ...(uid === '' ? {} : { uid }), ...(extra.size === 0 ? {} : { extra: Object.fromEntries(extra) }) },
  };
}
