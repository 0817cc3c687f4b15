// The RBAC storage strategies: writing a role or a binding must not grant more than the writer holds.
import { badRequest, forbidden, notFound, unknownError } from '../errors/status-errors.js';
import { sameContent } from '../objects/canonical-object.js';
import type { KindHooks, Requester, WriteOptions } from '../server-context.js';
import type { ResourceAttributes } from './authorization-attributes.js';
import { SUPERUSER_GROUP, type Authorizer } from './authorizer.js';
import { escalationMessage } from './escalation-check.js';
import { rulesOf, type PolicyRule } from './policy-rule.js';
import { RBAC_BUCKETS, roleRefOf } from './rbac-authorizer.js';

type Json = Record<string, unknown>;

const GROUP = 'rbac.authorization.k8s.io';
/** What setting an aggregationRule requires: everything (`*` on `*.*` and on every URL). */
const FULL_AUTHORITY: readonly PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: [], nonResourceURLs: [] },
  { verbs: ['*'], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ['*'] },
];

function metaOf(object: Json): Json {
  return (object['metadata'] ?? {}) as Json;
}

function nameOf(object: Json): string {
  const name = metaOf(object)['name'];
  return typeof name === 'string' ? name : '';
}

function namespaceOf(object: Json): string {
  const namespace = metaOf(object)['namespace'];
  return typeof namespace === 'string' ? namespace : '';
}

function hasAggregationRule(object: Json | undefined): boolean {
  const rule = object?.['aggregationRule'] as Json | undefined;
  const selectors = rule?.['clusterRoleSelectors'];
  return Array.isArray(selectors) && selectors.length > 0;
}

/** `IsOnlyMutatingGCFields`: the update changes nothing but ownerReferences, finalizers, selfLink or managedFields. */
function onlyGcFields(next: Json, old: Json): boolean {
  const strip = (object: Json): Json => {
    const { ownerReferences: _o, finalizers: _f, selfLink: _s, managedFields: _m, ...meta } = metaOf(object);
    return { ...object, metadata: meta };
  };
  return sameContent(strip(next), strip(old));
}

/** `EscalationAllowed`: an in-process write, or a member of `system:masters`. */
function escalationAllowed(requester: Requester | undefined): requester is undefined {
  return requester === undefined || requester.user.groups.includes(SUPERUSER_GROUP);
}

function allowed(authorizer: Authorizer, attributes: ResourceAttributes): boolean {
  return authorizer.authorize(attributes).decision === 'allow';
}

/**
 * The hooks of Roles and ClusterRoles (kube-apiserver's `policybased` role storage): unless
 * the writer is in `system:masters` or may `escalate` the resource, every rule written must
 * be one the writer already holds (in the role's namespace, or cluster-wide for a
 * ClusterRole), else 403 `... is attempting to grant RBAC permissions not currently held:`
 * with the missing rules; a ClusterRole's `aggregationRule` (set or already there) requires
 * holding everything (`must have cluster-admin privileges to use the aggregationRule`).
 * Updates that only touch ownerReferences, finalizers or managedFields pass.
 */
export function roleHooks(authorizer: Authorizer, resource: 'roles' | 'clusterroles'): KindHooks {
  const gr = { group: GROUP, resource };
  const check = (object: Json, old: Json | undefined, options: WriteOptions): void => {
    const requester = options.requester;
    if (escalationAllowed(requester)) return;
    if (old !== undefined && onlyGcFields(object, old)) return;
    const namespace = resource === 'roles' ? namespaceOf(object) : '';
    const escalate: ResourceAttributes = {
      type: 'resource',
      user: requester.user,
      verb: 'escalate',
      namespace,
      apiGroup: GROUP,
      apiVersion: '*',
      resource,
      subresource: '',
      name: requester.name,
    };
    if (allowed(authorizer, escalate)) return;
    const message = escalationMessage(authorizer.rbac, requester.user, namespace, rulesOf(object), resource);
    if (message !== undefined) throw forbidden(gr, nameOf(object), message);
    if (resource === 'clusterroles' && (hasAggregationRule(object) || hasAggregationRule(old))) {
      if (escalationMessage(authorizer.rbac, requester.user, '', FULL_AUTHORITY, resource) !== undefined) {
        throw forbidden(gr, nameOf(object), 'must have cluster-admin privileges to use the aggregationRule');
      }
    }
  };
  return {
    prepareCreate: (object, _kind, options) => check(object, undefined, options),
    prepareUpdate: (object, old, _kind, _subresource, options) => check(object, old, options),
  };
}

/**
 * The hooks of RoleBindings and ClusterRoleBindings (kube-apiserver's `policybased`
 * binding storage): unless the writer is in `system:masters` or may `bind` the referenced
 * role (verb `bind` on `roles`/`clusterroles` named by `roleRef`, in the binding's
 * namespace), the role must exist (404, worded as kube-apiserver's registry words it:
 * `rolebindings.rbac.authorization.k8s.io "<role>" not found`) and the writer must hold all
 * its rules (403 with the missing rules). Updates that only touch ownerReferences, finalizers or
 * managedFields pass.
 */
export function bindingHooks(authorizer: Authorizer, resource: 'rolebindings' | 'clusterrolebindings'): KindHooks {
  const gr = { group: GROUP, resource };
  const check = (object: Json, old: Json | undefined, options: WriteOptions): void => {
    const requester = options.requester;
    if (escalationAllowed(requester)) return;
    if (old !== undefined && onlyGcFields(object, old)) return;
    const namespace = resource === 'rolebindings' ? namespaceOf(object) : '';
    const ref = roleRefOf(object);
    if (ref.kind === 'Role' || ref.kind === 'ClusterRole') {
      const bind: ResourceAttributes = {
        type: 'resource',
        user: requester.user,
        verb: 'bind',
        namespace,
        apiGroup: ref.apiGroup,
        apiVersion: '*',
        resource: ref.kind === 'Role' ? 'roles' : 'clusterroles',
        subresource: '',
        name: ref.name,
      };
      if (allowed(authorizer, bind)) return;
    }
    // The registry refuses a namespaced get without a namespace: a ClusterRoleBinding to a Role.
    if (ref.kind === 'Role' && namespace === '') throw badRequest('Namespace parameter required.');
    const resolved = authorizer.rbac.roleReferenceRules(ref, namespace, { requestResource: resource });
    if ('error' in resolved) {
      // The registry's NotFound names the resource being written, as real.
      if (ref.kind === 'Role' || ref.kind === 'ClusterRole') throw notFound(gr, ref.name);
      throw unknownError(500, resolved.error);
    }
    const message = escalationMessage(authorizer.rbac, requester.user, namespace, resolved.rules, resource);
    if (message !== undefined) throw forbidden(gr, nameOf(object), message);
  };
  return {
    prepareCreate: (object, _kind, options) => check(object, undefined, options),
    prepareUpdate: (object, old, _kind, _subresource, options) => check(object, old, options),
  };
}

/** The four RBAC kinds' hooks, by storage bucket. */
export function rbacHooks(authorizer: Authorizer): [string, KindHooks][] {
  return [
    [RBAC_BUCKETS.roles, roleHooks(authorizer, 'roles')],
    [RBAC_BUCKETS.clusterRoles, roleHooks(authorizer, 'clusterroles')],
    [RBAC_BUCKETS.roleBindings, bindingHooks(authorizer, 'rolebindings')],
    [RBAC_BUCKETS.clusterRoleBindings, bindingHooks(authorizer, 'clusterrolebindings')],
  ];
}
