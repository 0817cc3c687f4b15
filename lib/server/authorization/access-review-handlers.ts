// authorization.k8s.io/v1 reviews: may this user do that (SubjectAccessReview and friends), what may I do (rules).
import { parseFieldSelector, parseLabelSelector } from '../../core/index.js';
import { fieldRequired, type FieldError } from '../errors/field-error.js';
import { badRequest, invalid } from '../errors/status-errors.js';
import { answerMetadata, readRequestObject } from '../handlers/request-object.js';
import type { ResourceCall } from '../handlers/resource-call.js';
import type { SubresourceHandler } from '../handlers/route-resource.js';
import { writeObject } from '../http/respond.js';
import type { UserInfo } from '../server-context.js';
import type { AuthorizationAttributes } from './authorization-attributes.js';
import type { Authorizer } from './authorizer.js';
import { goObjectMeta, goStruct } from '../errors/go-values.js';

type Json = Record<string, unknown>;

const GROUP = 'authorization.k8s.io';
/** Invalid reviews name no kind: the decoder cleared it (`.authorization.k8s.io "" is invalid: ...`). */
const INVALID_KIND = { group: GROUP, kind: '' };

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The members of `resourceAttributes` in Go's field order, selectors taken from the raw body (they postdate the bundled types). */
function resourceAttributesJson(typed: Json, raw: Json | undefined): Json {
  const out: Json = {};
  for (const key of ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name']) if (text(typed[key]) !== '') out[key] = typed[key];
  for (const key of ['fieldSelector', 'labelSelector']) {
    const selector = object(raw?.[key]);
    if (selector !== undefined) out[key] = selector;
  }
  return out;
}

function nonResourceAttributesJson(typed: Json): Json {
  const out: Json = {};
  for (const key of ['path', 'verb']) if (text(typed[key]) !== '') out[key] = typed[key];
  return out;
}

/** A review's spec with its attributes in Go's order (`resourceAttributes`, `nonResourceAttributes`, then the subject). */
function specJson(typed: Json, raw: Json | undefined): Json {
  const out: Json = {};
  const resource = object(typed['resourceAttributes']);
  if (resource !== undefined) out['resourceAttributes'] = resourceAttributesJson(resource, object(object(raw?.['resourceAttributes'])));
  const nonResource = object(typed['nonResourceAttributes']);
  if (nonResource !== undefined) out['nonResourceAttributes'] = nonResourceAttributesJson(nonResource);
  for (const key of ['user', 'groups', 'extra', 'uid']) if (typed[key] !== undefined) out[key] = typed[key];
  return out;
}

function selectorErrors(selector: Json | undefined, field: string): FieldError[] {
  if (selector === undefined) return [];
  const raw = text(selector['rawSelector']);
  const requirements = Array.isArray(selector['requirements']) ? selector['requirements'] : [];
  if (raw !== '' && requirements.length > 0) return [{ type: 'FieldValueInvalid', field: `${field}.rawSelector`, value: JSON.stringify(raw), detail: 'may not specified at the same time as requirements' }];
  if (raw === '' && requirements.length === 0) return [fieldRequired(`${field}.requirements`, `when ${field} is specified, requirements or rawSelector is required`)];
  return [];
}

/** `validateResourceAttributes`: a selector needs exactly one of `rawSelector` and `requirements`. */
function attributeErrors(spec: Json): FieldError[] {
  const resource = object(spec['resourceAttributes']);
  if (resource === undefined) return [];
  return [
    ...selectorErrors(object(resource['fieldSelector']), 'spec.resourceAttributes.fieldSelector'),
    ...selectorErrors(object(resource['labelSelector']), 'spec.resourceAttributes.labelSelector'),
  ];
}

/** Exactly one of `resourceAttributes` and `nonResourceAttributes` (`ValidateSubjectAccessReviewSpec`'s first checks). */
function exactlyOneErrors(spec: Json): FieldError[] {
  const resource = spec['resourceAttributes'];
  const nonResource = object(spec['nonResourceAttributes']);
  if (resource !== undefined && nonResource !== undefined) {
    return [{ type: 'FieldValueInvalid', field: 'spec.nonResourceAttributes', value: goStruct('authorization.NonResourceAttributes', [['Path', text(nonResource['path'])], ['Verb', text(nonResource['verb'])]]), detail: 'cannot be specified in combination with resourceAttributes' }];
  }
  if (resource === undefined && nonResource === undefined) {
    return [{ type: 'FieldValueInvalid', field: 'spec.resourceAttributes', value: '"null"', detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified' }];
  }
  return [];
}

function metadataErrors(meta: Json, allowNamespace: boolean): FieldError[] {
  const { managedFields: _managed, ...rest } = meta;
  if (allowNamespace) delete rest['namespace'];
  const meaningful = Object.entries(rest).filter(([, v]) => v !== undefined && v !== '' && v !== 0 && !(Array.isArray(v) && v.length === 0));
  if (meaningful.length === 0) return [];
  return [{ type: 'FieldValueInvalid', field: 'metadata', value: goObjectMeta(meta), detail: allowNamespace ? 'must be empty except for namespace' : 'must be empty' }];
}

/** `BuildEvaluationError`'s selector part: a selector that does not parse is ignored, and said so. */
function selectorEvaluationErrors(spec: Json): string[] {
  const resource = object(spec['resourceAttributes']);
  const out: string[] = [];
  for (const [key, parse] of [
    ['fieldSelector', parseFieldSelector],
    ['labelSelector', parseLabelSelector],
  ] as const) {
    const raw = text(object(resource?.[key])?.['rawSelector']);
    if (raw === '') continue;
    try {
      parse(raw);
    } catch {
      out.push(`spec.resourceAttributes.${key} ignored due to parse error`);
    }
  }
  return out;
}

/** The attributes a review asks about, for `user` (`ResourceAttributesFrom` / `NonResourceAttributesFrom`). */
function reviewAttributes(spec: Json, user: UserInfo): AuthorizationAttributes {
  const resource = object(spec['resourceAttributes']);
  if (resource !== undefined) {
    return {
      type: 'resource',
      user,
      verb: text(resource['verb']),
      namespace: text(resource['namespace']),
      apiGroup: text(resource['group']),
      apiVersion: text(resource['version']) || '*',
      resource: text(resource['resource']),
      subresource: text(resource['subresource']),
      name: text(resource['name']),
    };
  }
  const nonResource = object(spec['nonResourceAttributes']) ?? {};
  return { type: 'nonresource', user, verb: text(nonResource['verb']), path: text(nonResource['path']) };
}

/** The user a SubjectAccessReview's spec names. */
function specUser(spec: Json): UserInfo {
  const extra = object(spec['extra']);
  const uid = text(spec['uid']);
  return {
    username: text(spec['user']),
    groups: strings(spec['groups']),
    ...(uid === '' ? {} : { uid }),
    ...(extra === undefined ? {} : { extra: Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strings(v)])) }),
  };
}

type Variant = 'SelfSubjectAccessReview' | 'SubjectAccessReview' | 'LocalSubjectAccessReview';

function accessReviewHandler(authorizer: Authorizer, variant: Variant): SubresourceHandler {
  const gvk = { group: GROUP, version: 'v1', kind: variant };
  return async (call: ResourceCall) => {
    const { object: review, raw, warnings, fieldManager } = await readRequestObject(call, gvk);
    const meta = review['metadata'] as Json;
    const typedSpec = object(review['spec']) ?? {};
    const spec = specJson(typedSpec, object(raw['spec']));
    const answerMeta = answerMetadata(call, gvk, { apiVersion: `${GROUP}/v1`, kind: variant, metadata: meta, spec }, fieldManager);
    const errors = exactlyOneErrors(spec);
    if (variant !== 'SelfSubjectAccessReview' && text(spec['user']) === '' && strings(spec['groups']).length === 0) {
      errors.push({ type: 'FieldValueInvalid', field: 'spec.user', value: '""', detail: 'at least one of user or group must be specified' });
    }
    errors.push(...attributeErrors(spec));
    errors.push(...metadataErrors({ ...meta, managedFields: answerMeta['managedFields'] }, variant === 'LocalSubjectAccessReview'));
    if (variant === 'LocalSubjectAccessReview') {
      const resource = object(spec['resourceAttributes']);
      const namespace = text(meta['namespace']);
      if (resource !== undefined && text(resource['namespace']) !== namespace) {
        errors.push({ type: 'FieldValueInvalid', field: 'spec.resourceAttributes.namespace', value: JSON.stringify(text(resource['namespace'])), detail: 'must match metadata.namespace' });
      }
      const nonResource = object(spec['nonResourceAttributes']);
      if (nonResource !== undefined) {
        errors.push({
          type: 'FieldValueInvalid',
          field: 'spec.nonResourceAttributes',
          value: goStruct('authorization.NonResourceAttributes', [['Path', text(nonResource['path'])], ['Verb', text(nonResource['verb'])]]),
          detail: 'disallowed on this kind of request',
        });
      }
    }
    if (errors.length > 0) throw invalid(INVALID_KIND, '', errors);
    const user = variant === 'SelfSubjectAccessReview' ? call.user : specUser(spec);
    const decision = authorizer.authorize(reviewAttributes(spec, user));
    const evaluationError = selectorEvaluationErrors(spec).join('; ');
    writeObject(
      call.res,
      201,
      {
        kind: variant,
        apiVersion: `${GROUP}/v1`,
        metadata: answerMeta,
        spec,
        status: {
          allowed: decision.decision === 'allow',
          ...(decision.reason === '' ? {} : { reason: decision.reason }),
          ...(evaluationError === '' ? {} : { evaluationError }),
        },
      },
      call.encoding,
      { warnings },
    );
  };
}

/**
 * `SelfSubjectRulesReview`: the rules RBAC gives the requester in `spec.namespace` (400
 * `no namespace on request` without one), each PolicyRule as a resource rule (when it
 * names resources) and/or a non-resource rule (when it names URLs). `kubectl auth can-i
 * --list` prints these. Members of `system:masters` see the rules of `cluster-admin`,
 * which their group is bound to; their superuser power itself is not a rule.
 */
function rulesReviewHandler(authorizer: Authorizer): SubresourceHandler {
  const gvk = { group: GROUP, version: 'v1', kind: 'SelfSubjectRulesReview' };
  return async (call: ResourceCall) => {
    const { object: review, warnings } = await readRequestObject(call, gvk);
    const namespace = text(object(review['spec'])?.['namespace']);
    if (namespace === '') throw badRequest('no namespace on request');
    const { rules, incomplete, evaluationError } = authorizer.rulesFor(call.user, namespace);
    const resourceRules = rules
      .filter((r) => r.resources.length > 0)
      .map((r) => ({
        verbs: r.verbs,
        ...(r.apiGroups.length === 0 ? {} : { apiGroups: r.apiGroups }),
        resources: r.resources,
        ...(r.resourceNames.length === 0 ? {} : { resourceNames: r.resourceNames }),
      }));
    const nonResourceRules = rules.filter((r) => r.nonResourceURLs.length > 0).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs }));
    writeObject(
      call.res,
      201,
      {
        kind: 'SelfSubjectRulesReview',
        apiVersion: `${GROUP}/v1`,
        metadata: { creationTimestamp: null },
        spec: {},
        status: {
          resourceRules: resourceRules.length === 0 ? null : resourceRules,
          nonResourceRules: nonResourceRules.length === 0 ? null : nonResourceRules,
          incomplete,
          ...(evaluationError === '' ? {} : { evaluationError }),
        },
      },
      call.encoding,
      { warnings },
    );
  };
}

/**
 * The handlers of `authorization.k8s.io/v1`, keyed for the router (`group/plural:create`),
 * as kube-apiserver's review storages answer them:
 *
 * - `selfsubjectaccessreviews`: may the requester do what `spec.resourceAttributes` or
 *   `spec.nonResourceAttributes` describe (`kubectl auth can-i`);
 * - `subjectaccessreviews`: may `spec.user` (with `groups`, `uid`, `extra`) do it;
 * - `namespaces/{ns}/localsubjectaccessreviews`: the same, confined to one namespace;
 * - `selfsubjectrulesreviews`: what may the requester do in a namespace.
 *
 * Each answers 201 with the review, its `spec` echoed and `status.allowed` (plus `reason`,
 * e.g. `RBAC: allowed by ClusterRoleBinding "..." of ClusterRole "..." to Group "..."`); a
 * malformed review is 422 with kube-apiserver's causes. RBAC never denies outright, so
 * `status.denied` is never set. Field and label selectors are validated and reported in
 * `evaluationError` when they do not parse; RBAC does not look at them.
 */
export function accessReviewHandlers(authorizer: Authorizer): [string, SubresourceHandler][] {
  return [
    [`${GROUP}/selfsubjectaccessreviews:create`, accessReviewHandler(authorizer, 'SelfSubjectAccessReview')],
    [`${GROUP}/subjectaccessreviews:create`, accessReviewHandler(authorizer, 'SubjectAccessReview')],
    [`${GROUP}/localsubjectaccessreviews:create`, accessReviewHandler(authorizer, 'LocalSubjectAccessReview')],
    [`${GROUP}/selfsubjectrulesreviews:create`, rulesReviewHandler(authorizer)],
  ];
}
