// The RBAC authorizer: the rules bound to a user by (Cluster)RoleBindings, read live from the store.
import { objectKey } from '../objects/object-key.js';
import type { UserInfo } from '../server-context.js';
import type { ObjectStore } from '../store/object-store.js';
import type { StoredObject } from '../store/store-event.js';
import type { AuthorizationAttributes } from './authorization-attributes.js';
import { ruleAllows, rulesOf, type PolicyRule } from './policy-rule.js';

type Json = Record<string, unknown>;

/** The storage buckets of the four RBAC kinds. */
export const RBAC_BUCKETS = {
  roles: 'rbac.authorization.k8s.io/roles',
  roleBindings: 'rbac.authorization.k8s.io/rolebindings',
  clusterRoles: 'rbac.authorization.k8s.io/clusterroles',
  clusterRoleBindings: 'rbac.authorization.k8s.io/clusterrolebindings',
} as const;

/** A binding's `roleRef`. */
export interface RoleRef {
  readonly apiGroup: string;
  readonly kind: string;
  readonly name: string;
}

/**
 * How a missing role is reported: the authorizer reads through informer listers
 * (`role.rbac.authorization.k8s.io "x" not found`); the escalation checks read through the
 * registry, whose NotFound names the resource of the request being checked
 * (`rolebindings.rbac.authorization.k8s.io "x" not found` while writing a RoleBinding).
 */
export type RoleLookup = 'lister' | { readonly requestResource: string };

function notFoundMessage(lookup: RoleLookup, kind: 'role' | 'clusterrole', name: string): string {
  return `${lookup === 'lister' ? kind : lookup.requestResource}.rbac.authorization.k8s.io ${JSON.stringify(name)} not found`;
}

/** Where a rule came from, as kube-apiserver describes it in `RBAC: allowed by ...`. */
export type RuleVisitor = (source: string | undefined, rule: PolicyRule | undefined, error: string | undefined) => boolean;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function subjectsOf(binding: StoredObject): Json[] {
  const subjects = (binding as unknown as Json)['subjects'];
  return Array.isArray(subjects) ? subjects.filter((s): s is Json => typeof s === 'object' && s !== null && !Array.isArray(s)) : [];
}

/** `roleRef` of a binding. */
export function roleRefOf(binding: unknown): RoleRef {
  const ref = ((binding as Json | undefined)?.['roleRef'] ?? {}) as Json;
  return { apiGroup: text(ref['apiGroup']), kind: text(ref['kind']), name: text(ref['name']) };
}

/** Whether a binding subject is this user (`appliesToUser`); a ServiceAccount without namespace takes the binding's. */
function appliesTo(user: UserInfo, subject: Json, bindingNamespace: string): boolean {
  const name = text(subject['name']);
  switch (subject['kind']) {
    case 'User':
      return user.username === name;
    case 'Group':
      return user.groups.includes(name);
    case 'ServiceAccount': {
      const namespace = text(subject['namespace']) || bindingNamespace;
      return namespace !== '' && user.username === `system:serviceaccount:${namespace}:${name}`;
    }
    default:
      return false;
  }
}

function describeSubject(subject: Json, bindingNamespace: string): string {
  const kind = text(subject['kind']);
  const name = text(subject['name']);
  if (kind === 'ServiceAccount') return `${kind} ${JSON.stringify(`${name}/${text(subject['namespace']) || bindingNamespace}`)}`;
  return `${kind} ${JSON.stringify(name)}`;
}

/**
 * kube-apiserver's RBAC authorizer and rule resolver over the embedded store: the rules of
 * every ClusterRoleBinding whose subjects include the user, then (for a namespace) every
 * RoleBinding of that namespace — a User by name, a Group by membership, a ServiceAccount
 * by its `system:serviceaccount:<ns>:<name>` username. A RoleBinding may reference a Role
 * of its namespace or a ClusterRole (whose rules then apply in that namespace only). A
 * reference to a missing role is a resolution error that is reported, never fatal: rules are
 * additive, so what resolves still counts.
 */
export class RbacAuthorizer {
  readonly #store: ObjectStore;

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  /** The rules a role reference resolves to in a binding's namespace (`''` for a ClusterRoleBinding). */
  roleReferenceRules(ref: RoleRef, bindingNamespace: string, lookup: RoleLookup): { rules: PolicyRule[] } | { error: string } {
    switch (ref.kind) {
      case 'Role': {
        const role = bindingNamespace === '' ? undefined : this.#store.get(RBAC_BUCKETS.roles, objectKey(bindingNamespace, ref.name));
        if (role === undefined) return { error: notFoundMessage(lookup, 'role', ref.name) };
        return { rules: rulesOf(role) };
      }
      case 'ClusterRole': {
        const role = this.#store.get(RBAC_BUCKETS.clusterRoles, objectKey(undefined, ref.name));
        if (role === undefined) return { error: notFoundMessage(lookup, 'clusterrole', ref.name) };
        return { rules: rulesOf(role) };
      }
      default:
        return { error: `unsupported role reference kind: ${JSON.stringify(ref.kind)}` };
    }
  }

  /** Calls `visitor` with each rule that applies to the user in `namespace` (and each resolution error) until it returns false. */
  visitRulesFor(user: UserInfo, namespace: string, visitor: RuleVisitor, lookup: RoleLookup = 'lister'): void {
    for (const { object: binding } of this.#store.entries(RBAC_BUCKETS.clusterRoleBindings)) {
      const subject = subjectsOf(binding).find((s) => appliesTo(user, s, ''));
      if (subject === undefined) continue;
      const ref = roleRefOf(binding);
      const resolved = this.roleReferenceRules(ref, '', lookup);
      if ('error' in resolved) {
        if (!visitor(undefined, undefined, resolved.error)) return;
        continue;
      }
      const source = `ClusterRoleBinding ${JSON.stringify(binding.metadata.name ?? '')} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, '')}`;
      for (const rule of resolved.rules) if (!visitor(source, rule, undefined)) return;
    }
    if (namespace === '') return;
    for (const { object: binding } of this.#store.entries(RBAC_BUCKETS.roleBindings, `${namespace}/`)) {
      const subject = subjectsOf(binding).find((s) => appliesTo(user, s, namespace));
      if (subject === undefined) continue;
      const ref = roleRefOf(binding);
      const resolved = this.roleReferenceRules(ref, namespace, lookup);
      if ('error' in resolved) {
        if (!visitor(undefined, undefined, resolved.error)) return;
        continue;
      }
      const source = `RoleBinding ${JSON.stringify(`${binding.metadata.name ?? ''}/${namespace}`)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, namespace)}`;
      for (const rule of resolved.rules) if (!visitor(source, rule, undefined)) return;
    }
  }

  /** Every rule that applies to the user in `namespace`, and the resolution errors met. */
  rulesFor(user: UserInfo, namespace: string, lookup: RoleLookup = 'lister'): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    this.visitRulesFor(
      user,
      namespace,
      (_source, rule, error) => {
        if (rule !== undefined) rules.push(rule);
        if (error !== undefined) errors.push(error);
        return true;
      },
      lookup,
    );
    return { rules, errors };
  }

  /** `allow` with the rule's source as reason, or `noOpinion` with the resolution errors met (`RBAC: ...`). */
  authorize(attributes: AuthorizationAttributes): { decision: 'allow' | 'noOpinion'; reason: string } {
    let allowedBy: string | undefined;
    const errors: string[] = [];
    this.visitRulesFor(attributes.user, attributes.type === 'resource' ? attributes.namespace : '', (source, rule, error) => {
      if (rule !== undefined && ruleAllows(attributes, rule)) {
        allowedBy = source;
        return false;
      }
      if (error !== undefined) errors.push(error);
      return true;
    });
    if (allowedBy !== undefined) return { decision: 'allow', reason: `RBAC: allowed by ${allowedBy}` };
    return { decision: 'noOpinion', reason: errors.length === 0 ? '' : `RBAC: ${aggregateMessage(errors)}` };
  }
}

/** `utilerrors.NewAggregate(errs).Error()`: one message as is, several deduplicated in brackets. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 1) return unique[0] as string;
  return `[${unique.join(', ')}]`;
}
