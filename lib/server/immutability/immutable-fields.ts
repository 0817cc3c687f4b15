// The fields kube-apiserver 1.32's update validation refuses to change, kind by kind, with its messages.
import { fieldForbidden, fieldInvalid, type FieldError } from '../errors/field-error.js';
import { sameContent } from '../objects/canonical-object.js';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function goString(value: unknown): string {
  return JSON.stringify(typeof value === 'string' ? value : String(value ?? ''));
}

/** Go's `%#v` of a `*metav1.LabelSelector` as ValidateImmutableField prints it. */
export function goLabelSelector(selector: unknown): string {
  const value = obj(selector);
  if (value === undefined) return '(*v1.LabelSelector)(nil)';
  const labels = obj(value['matchLabels']);
  const matchLabels =
    labels === undefined
      ? 'map[string]string(nil)'
      : `map[string]string{${Object.keys(labels)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${goString(labels[k])}`)
          .join(', ')}}`;
  const expressions = Array.isArray(value['matchExpressions']) ? (value['matchExpressions'] as unknown[]) : undefined;
  const matchExpressions =
    expressions === undefined
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${expressions
          .map((e) => {
            const r = obj(e) ?? {};
            const values = Array.isArray(r['values']) ? `[]string{${(r['values'] as unknown[]).map(goString).join(', ')}}` : '[]string(nil)';
            return `v1.LabelSelectorRequirement{Key:${goString(r['key'])}, Operator:${goString(r['operator'])}, Values:${values}}`;
          })
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${matchLabels}, MatchExpressions:${matchExpressions}}`;
}

/** `ValidateImmutableField`: Invalid with the new value, "field is immutable". */
/** ValidateRoleBindingUpdate: `roleRef` may not change; the value is Go's `%#v` of the internal rbac.RoleRef. */
function roleRefErrors(object: Json, old: Json): FieldError[] {
  const next = obj(object['roleRef']) ?? {};
  if (sameContent(next, obj(old['roleRef']) ?? {})) return [];
  const shown = `rbac.RoleRef{APIGroup:${goString(next['apiGroup'])}, Kind:${goString(next['kind'])}, Name:${goString(next['name'])}}`;
  return [{ ...fieldInvalid('roleRef', '', 'cannot change roleRef'), value: shown }];
}

function immutable(field: string, next: unknown, old: unknown, render: (v: unknown) => string = (v) => JSON.stringify(v ?? null)): FieldError[] {
  if (sameContent(next, old)) return [];
  return [{ ...fieldInvalid(field, '', 'field is immutable'), value: render(next) }];
}

/** The paths (`spec.containers[0].command`) at which two JSON values differ. */
function differingPaths(a: unknown, b: unknown, path: string, out: string[]): void {
  if (sameContent(a, b)) return;
  const oa = obj(a);
  const ob = obj(b);
  if (oa !== undefined && ob !== undefined) {
    for (const key of [...new Set([...Object.keys(oa), ...Object.keys(ob)])].sort()) differingPaths(oa[key], ob[key], `${path}.${key}`, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => differingPaths(item, b[i], `${path}[${i}]`, out));
    return;
  }
  out.push(`${path}: ${JSON.stringify(b ?? null)} -> ${JSON.stringify(a ?? null)}`);
}

/**
 * A readable diff in place of the go-cmp diff kube-apiserver appends to some messages (go-cmp
 * randomizes its own whitespace, so no client can match on it): one line per changed path.
 */
function diffText(next: unknown, old: unknown, root: string): string {
  const lines: string[] = [];
  differingPaths(next, old, root, lines);
  return lines.join('\n');
}

const POD_UPDATABLE =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function podSpecErrors(spec: Json, oldSpec: Json): FieldError[] {
  const munged = structuredClone(spec);
  const copyImages = (field: 'containers' | 'initContainers'): void => {
    const list = munged[field];
    const old = oldSpec[field];
    if (!Array.isArray(list) || !Array.isArray(old)) return;
    list.forEach((c, i) => {
      const target = obj(c);
      const source = obj(old[i]);
      if (target !== undefined && source !== undefined) target['image'] = source['image'];
    });
  };
  copyImages('containers');
  copyImages('initContainers');
  for (const field of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) {
    if (oldSpec[field] === undefined) delete munged[field];
    else munged[field] = oldSpec[field];
  }
  const oldGrace = oldSpec['terminationGracePeriodSeconds'];
  if (typeof oldGrace === 'number' && oldGrace < 0 && munged['terminationGracePeriodSeconds'] === 1) munged['terminationGracePeriodSeconds'] = oldGrace;
  if (sameContent(munged, oldSpec)) return [];
  return [fieldForbidden('spec', `pod updates may not change fields other than ${POD_UPDATABLE}\n${diffText(munged, oldSpec, 'spec')}`)];
}

const STATEFULSET_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

function statefulSetErrors(spec: Json, oldSpec: Json): FieldError[] {
  const strip = (s: Json): Json => Object.fromEntries(Object.entries(s).filter(([k]) => !STATEFULSET_MUTABLE.includes(k)));
  if (sameContent(strip(spec), strip(oldSpec))) return [];
  return [
    fieldForbidden(
      'spec',
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

function jobErrors(object: Json, old: Json): FieldError[] {
  const spec = obj(object['spec']) ?? {};
  const oldSpec = obj(old['spec']) ?? {};
  const errors: FieldError[] = [];
  const completions = spec['completions'];
  const oldCompletions = oldSpec['completions'];
  // Completions may change only for Indexed Jobs, in step with parallelism (elastic Indexed Jobs).
  const elastic = spec['completionMode'] === 'Indexed' && completions === spec['parallelism'] && oldCompletions === oldSpec['parallelism'];
  if (!elastic) errors.push(...immutable('spec.completions', completions, oldCompletions, (v) => (v === undefined ? '<nil>' : String(v))));
  errors.push(...immutable('spec.selector', spec['selector'], oldSpec['selector'], goLabelSelector));
  let template = obj(spec['template']) ?? {};
  let oldTemplate = obj(oldSpec['template']) ?? {};
  // A Job that is suspended and never started may change its scheduling directives.
  const mutableScheduling = oldSpec['suspend'] === true && obj(old['status'])?.['startTime'] === undefined;
  if (mutableScheduling) {
    const pick = (t: Json): Json => {
      const tSpec = { ...(obj(t['spec']) ?? {}) };
      for (const f of ['nodeSelector', 'tolerations', 'schedulingGates']) delete tSpec[f];
      const affinity = obj(tSpec['affinity']);
      if (affinity !== undefined) {
        const rest = Object.fromEntries(Object.entries(affinity).filter(([k]) => k !== 'nodeAffinity'));
        if (Object.keys(rest).length === 0) delete tSpec['affinity'];
        else tSpec['affinity'] = rest;
      }
      const meta = { ...(obj(t['metadata']) ?? {}) };
      delete meta['labels'];
      delete meta['annotations'];
      return { ...t, metadata: meta, spec: tSpec };
    };
    template = pick(template);
    oldTemplate = pick(oldTemplate);
  }
  if (!sameContent(template, oldTemplate)) errors.push({ ...fieldInvalid('spec.template', '', 'field is immutable'), value: `core.PodTemplateSpec${JSON.stringify(spec['template'] ?? {})}` });
  for (const field of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    errors.push(...immutable(`spec.${field}`, spec[field], oldSpec[field]));
  }
  return errors;
}

function persistentVolumeClaimErrors(object: Json, old: Json): FieldError[] {
  const spec = structuredClone(obj(object['spec']) ?? {});
  const oldSpec = structuredClone(obj(old['spec']) ?? {});
  const errors: FieldError[] = [];
  // volumeName may be set once (binding); a bound claim may change its storage request and attributes class.
  if (oldSpec['volumeName'] === undefined || oldSpec['volumeName'] === '') oldSpec['volumeName'] = spec['volumeName'];
  const bound = obj(object['status'])?.['phase'] === 'Bound';
  const requests = obj(obj(spec['resources'])?.['requests']);
  const oldRequests = obj(obj(oldSpec['resources'])?.['requests']);
  if (bound && requests !== undefined) requests['storage'] = oldRequests?.['storage'];
  if (bound && spec['volumeAttributesClassName'] !== undefined) spec['volumeAttributesClassName'] = oldSpec['volumeAttributesClassName'];
  if (!sameContent(spec, oldSpec)) {
    errors.push(fieldForbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${diffText(spec, oldSpec, 'spec')}`));
  }
  return errors;
}

function immutableConfigErrors(object: Json, old: Json, dataFields: readonly string[]): FieldError[] {
  if (old['immutable'] !== true) return [];
  const errors: FieldError[] = [];
  if (object['immutable'] !== true) errors.push(fieldForbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const field of dataFields) {
    if (!sameContent(object[field] ?? {}, old[field] ?? {})) errors.push(fieldForbidden(field, 'field is immutable when `immutable` is set'));
  }
  return errors;
}

/**
 * The errors kube-apiserver's update validation gives when an update changes what may not
 * change (`ValidateXxxUpdate` and the strategies' `ValidateUpdate`):
 *
 * - Deployments, ReplicaSets, DaemonSets (apps/v1): `spec.selector` ("field is immutable");
 * - StatefulSets: everything in `spec` but replicas, ordinals, template, updateStrategy,
 *   persistentVolumeClaimRetentionPolicy and minReadySeconds;
 * - Jobs: selector, template (scheduling directives excepted while suspended and never
 *   started), completions (but elastic Indexed Jobs), completionMode, podFailurePolicy,
 *   backoffLimitPerIndex, managedBy, successPolicy;
 * - Pods: everything in `spec` but container images, activeDeadlineSeconds, added tolerations;
 * - PersistentVolumeClaims: `spec`, but a bound claim's storage request, and volumeName once;
 * - Secrets (also `type`) and ConfigMaps marked `immutable: true`: their data and the mark;
 * - RoleBindings and ClusterRoleBindings: `roleRef` ("cannot change roleRef").
 *
 * Service clusterIPs are checked where they are allocated (see `serviceHooks`). The values
 * are printed as Go prints them where that is a selector; messages that append go-cmp's diff
 * get a line-per-path diff instead.
 */
export function immutableFieldErrors(group: string, kind: string, object: Json, old: Json): FieldError[] {
  const spec = obj(object['spec']) ?? {};
  const oldSpec = obj(old['spec']) ?? {};
  switch (`${group}/${kind}`) {
    case 'apps/Deployment':
    case 'apps/ReplicaSet':
    case 'apps/DaemonSet':
      return immutable('spec.selector', spec['selector'], oldSpec['selector'], goLabelSelector);
    case 'apps/StatefulSet':
      return statefulSetErrors(spec, oldSpec);
    case 'batch/Job':
      return jobErrors(object, old);
    case '/Pod':
      return podSpecErrors(spec, oldSpec);
    case '/PersistentVolumeClaim':
      return persistentVolumeClaimErrors(object, old);
    case '/Secret':
      return [...immutable('type', object['type'], old['type'], (v) => JSON.stringify(v ?? '')), ...immutableConfigErrors(object, old, ['data'])];
    case '/ConfigMap':
      return immutableConfigErrors(object, old, ['data', 'binaryData']);
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding':
      return roleRefErrors(object, old);
    default:
      return [];
  }
}
