// RBAC PolicyRules and how one matches a request (k8s.io/kubernetes pkg/apis/rbac/v1 evaluation helpers).
import type { AuthorizationAttributes } from './authorization-attributes.js';

/** An `rbac.authorization.k8s.io/v1` PolicyRule, read defensively from a stored object. */
export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The rule a stored `rules[]` entry stands for (missing or malformed lists are empty). */
export function toPolicyRule(value: unknown): PolicyRule {
  const rule = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    verbs: strings(rule['verbs']),
    apiGroups: strings(rule['apiGroups']),
    resources: strings(rule['resources']),
    resourceNames: strings(rule['resourceNames']),
    nonResourceURLs: strings(rule['nonResourceURLs']),
  };
}

/** The rules of a Role or ClusterRole object. */
export function rulesOf(role: unknown): PolicyRule[] {
  const rules = (role as { rules?: unknown } | undefined)?.rules;
  return Array.isArray(rules) ? rules.map(toPolicyRule) : [];
}

/** The rule as the API writes it (empty lists left out). */
export function policyRuleJson(rule: PolicyRule): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (rule.verbs.length > 0) out['verbs'] = [...rule.verbs];
  if (rule.apiGroups.length > 0) out['apiGroups'] = [...rule.apiGroups];
  if (rule.resources.length > 0) out['resources'] = [...rule.resources];
  if (rule.resourceNames.length > 0) out['resourceNames'] = [...rule.resourceNames];
  if (rule.nonResourceURLs.length > 0) out['nonResourceURLs'] = [...rule.nonResourceURLs];
  return out;
}

/** `*` or the verb itself. */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === '*' || v === verb);
}

/** `*` or the group itself (`''` is the core group). */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === '*' || g === group);
}

/**
 * `*`, the resource (`pods`) or resource/subresource (`pods/log`) itself, or `*` then
 * `/log` for any resource's `log` subresource. `pods` does not grant `pods/log`.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return rule.resources.some(
    (r) => r === '*' || r === combined || (subresource !== '' && r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)),
  );
}

/** No resourceNames means any name; otherwise the name must be listed (so an unnamed list or create never matches). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

/** `*`, the path itself, or a prefix ending in `*` (`/healthz/*` grants `/healthz/etcd`). */
export function nonResourceUrlMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))));
}

/** Whether one rule allows a request (`RuleAllows`). */
export function ruleAllows(attributes: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (attributes.type === 'nonresource') return verbMatches(rule, attributes.verb) && nonResourceUrlMatches(rule, attributes.path);
  const combined = attributes.subresource === '' ? attributes.resource : `${attributes.resource}/${attributes.subresource}`;
  return (
    verbMatches(rule, attributes.verb) &&
    apiGroupMatches(rule, attributes.apiGroup) &&
    resourceMatches(rule, combined, attributes.subresource) &&
    resourceNameMatches(rule, attributes.name)
  );
}
