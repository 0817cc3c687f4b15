// RBAC's privilege-escalation prevention: a user may only grant rules they hold themselves.
import type { UserInfo } from '../server-context.js';
import type { PolicyRule } from './policy-rule.js';
import type { RbacAuthorizer } from './rbac-authorizer.js';

function rule(parts: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...parts };
}

/** Splits a rule into one rule per group × resource × verb (× name), and per URL × verb (`BreakdownRule`). */
export function breakdownRule(r: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of r.apiGroups) {
    for (const resource of r.resources) {
      for (const verb of r.verbs) {
        if (r.resourceNames.length > 0) {
          for (const name of r.resourceNames) out.push(rule({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] }));
        } else {
          out.push(rule({ apiGroups: [group], resources: [resource], verbs: [verb] }));
        }
      }
    }
  }
  for (const url of r.nonResourceURLs) for (const verb of r.verbs) out.push(rule({ nonResourceURLs: [url], verbs: [verb] }));
  return out;
}

function hasAll(set: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((w) => set.includes(w));
}

function resourcesCovered(owned: readonly string[], wanted: readonly string[]): boolean {
  if (owned.includes('*') || hasAll(owned, wanted)) return true;
  return wanted.every((path) => {
    if (owned.includes(path)) return true;
    const slash = path.indexOf('/');
    return slash !== -1 && owned.includes(`*/${path.slice(slash + 1)}`);
  });
}

function urlCovered(owner: string, path: string): boolean {
  return owner === path || (owner.endsWith('*') && path.startsWith(owner.replace(/\*+$/, '')));
}

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = owner.verbs.includes('*') || hasAll(owner.verbs, sub.verbs);
  const groups = owner.apiGroups.includes('*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourcesCovered(owner.resources, sub.resources);
  const urls = sub.nonResourceURLs.every((path) => owner.nonResourceURLs.some((o) => urlCovered(o, path)));
  const names = sub.resourceNames.length === 0 ? owner.resourceNames.length === 0 : owner.resourceNames.length === 0 || hasAll(owner.resourceNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/**
 * Whether `owner` rules cover every one of `servant` (`validation.Covers`), and the
 * broken-down rules they do not.
 */
export function covers(owner: readonly PolicyRule[], servant: readonly PolicyRule[]): { covered: boolean; missing: PolicyRule[] } {
  const missing = servant.flatMap(breakdownRule).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
  return { covered: missing.length === 0, missing };
}

/** Merges the verbs of rules on the same group, resource and name (`CompactRules`). */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = r.resourceNames.length <= 1 && r.nonResourceURLs.length === 0 && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames.length > 0, r.resourceNames[0] ?? '']);
    const existing = simple.get(key);
    simple.set(key, existing === undefined ? r : { ...existing, verbs: [...existing.verbs, ...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** Go's `%q` of a `[]string`: `["a" "b"]`. */
function goQuotedList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
}

/** `{APIGroups:["apps"], Resources:["deployments"], Verbs:["get" "list"]}` (`CompactString`). */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups.length > 0) parts.push(`APIGroups:${goQuotedList(r.apiGroups)}`);
  if (r.resources.length > 0) parts.push(`Resources:${goQuotedList(r.resources)}`);
  if (r.nonResourceURLs.length > 0) parts.push(`NonResourceURLs:${goQuotedList(r.nonResourceURLs)}`);
  if (r.resourceNames.length > 0) parts.push(`ResourceNames:${goQuotedList(r.resourceNames)}`);
  if (r.verbs.length > 0) parts.push(`Verbs:${goQuotedList(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/**
 * `ConfirmNoEscalation`: the message of the 403 when `user`'s rules in `namespace` (`''`:
 * cluster-wide bindings only) do not cover `rules` — `user "bob" (groups=["devs"
 * "system:authenticated"]) is attempting to grant RBAC permissions not currently held:`
 * then each missing rule, compacted, sorted, one per line, and `; resolution errors: [...]`
 * when some of the user's bindings did not resolve (named after `requestResource`, the
 * resource being written, as the registry names them) — or `undefined` when they do.
 */
export function escalationMessage(rbac: RbacAuthorizer, user: UserInfo, namespace: string, rules: readonly PolicyRule[], requestResource: string): string | undefined {
  const owned = rbac.rulesFor(user, namespace, { requestResource });
  const { covered, missing } = covers(owned.rules, rules);
  if (covered) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort();
  let message = `user ${JSON.stringify(user.username)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (owned.errors.length > 0) {
    const unique = [...new Set(owned.errors)];
    message += `; resolution errors: [${unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`}]`;
  }
  return message;
}
