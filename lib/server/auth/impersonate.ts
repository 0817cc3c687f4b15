// Impersonation: Impersonate-User / -Group / -Uid / -Extra-* headers turn a request into another user's.
import type { IncomingMessage } from 'node:http';
import type { UserInfo } from '../server-context.js';

/** What the impersonation headers ask for. */
export type ImpersonationResult =
  | { readonly type: 'none' }
  | { readonly type: 'user'; readonly user: UserInfo }
  | { readonly type: 'invalid'; readonly message: string };

function values(req: IncomingMessage, name: string): string[] {
  const distinct = req.headersDistinct[name];
  return distinct === undefined ? [] : distinct.filter((v) => v !== '');
}

/**
 * Reads the impersonation headers (apiserver-semantics §12). The embedded server has no
 * authorization, so any authenticated user may impersonate: `Impersonate-User` becomes the
 * user, each `Impersonate-Group` a group (plus `system:authenticated` for a non-anonymous
 * user). Groups, a uid or extras without a user are invalid (kube-apiserver answers 500).
 */
export function impersonation(req: IncomingMessage): ImpersonationResult {
  const user = values(req, 'impersonate-user')[0];
  const groups = values(req, 'impersonate-group');
  const others = Object.keys(req.headers).filter((h) => h === 'impersonate-uid' || h.startsWith('impersonate-extra-'));
  if (user === undefined) {
    if (groups.length === 0 && others.length === 0) return { type: 'none' };
    return { type: 'invalid', message: `requested ${[...groups.map((g) => `group ${g}`), ...others].join(', ')} without impersonating a user` };
  }
  const all = user === 'system:anonymous' || groups.includes('system:authenticated') ? groups : [...groups, 'system:authenticated'];
  return { type: 'user', user: { username: user, groups: all } };
}
