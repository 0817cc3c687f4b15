// kube-apiserver's authorizer chain: the system:masters superuser group, then RBAC.
import type { UserInfo } from '../server-context.js';
import type { ObjectStore } from '../store/object-store.js';
import type { AuthorizationAttributes } from './authorization-attributes.js';
import type { PolicyRule } from './policy-rule.js';
import { aggregateMessage, RbacAuthorizer } from './rbac-authorizer.js';

/** The group whose members may do anything (`user.SystemPrivilegedGroup`). */
export const SUPERUSER_GROUP = 'system:masters';

/** The outcome of an authorization: `allow` or `noOpinion` (which denies), and why. */
export interface AuthorizationDecision {
  readonly decision: 'allow' | 'noOpinion';
  /** `RBAC: allowed by ...`, the resolution errors behind a denial, or `''`. */
  readonly reason: string;
}

/** What a user may do in a namespace, as SelfSubjectRulesReview reports it. */
export interface UserRules {
  readonly rules: PolicyRule[];
  readonly incomplete: boolean;
  /** The resolution errors met, as one message; `''` when none. */
  readonly evaluationError: string;
}

/**
 * The authorizer of the embedded server, in kube-apiserver's order: members of
 * `system:masters` are allowed everything (without a reason); everyone else gets what RBAC
 * grants (see {@link RbacAuthorizer}). There is no Node authorizer: kubelet identities
 * (`system:node:<name>` in `system:nodes`) have only what RBAC binds to them.
 */
export class Authorizer {
  readonly rbac: RbacAuthorizer;

  constructor(store: ObjectStore) {
    this.rbac = new RbacAuthorizer(store);
  }

  /** Decides one request. */
  authorize(attributes: AuthorizationAttributes): AuthorizationDecision {
    if (attributes.user.groups.includes(SUPERUSER_GROUP)) return { decision: 'allow', reason: '' };
    return this.rbac.authorize(attributes);
  }

  /** The rules RBAC gives the user in `namespace` (the superuser group is not a rule resolver, as real). */
  rulesFor(user: UserInfo, namespace: string): UserRules {
    const { rules, errors } = this.rbac.rulesFor(user, namespace);
    return { rules, incomplete: false, evaluationError: errors.length === 0 ? '' : aggregateMessage(errors) };
  }
}
