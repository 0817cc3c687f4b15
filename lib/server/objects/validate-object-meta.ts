// Validation of metadata on create and update (apimachinery's ValidateObjectMeta and friends).
import type { ObjectMeta, OwnerReference } from '../../core/index.js';
import { fieldForbidden, fieldInvalid, fieldRequired, fieldTooLong, goStringSlice, type FieldError } from '../errors/field-error.js';
import type { NameRule } from '../registry/kind-rules.js';
import { labelValueProblems, nameProblems, qualifiedNameProblems } from './object-names.js';

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

/**
 * The field errors of an object's metadata, as kube-apiserver words and orders them: name (by
 * the kind's rule), namespace (required for `namespaced` kinds), labels, annotations,
 * finalizers and owner references (on the list's path, without an index, as apimachinery
 * reports them), then, for `builtin` kinds, core's check that a finalizer without a domain is
 * a standard one. Members of the wrong shape (a `null` element) are validated as Go's zero value.
 */
export function validateObjectMeta(meta: ObjectMeta, nameRule: NameRule, options: { readonly namespaced?: boolean; readonly builtin?: boolean } = {}): FieldError[] {
  const errors: FieldError[] = [];
  const generateName = typeof meta.generateName === 'string' ? meta.generateName : '';
  if (generateName !== '') {
    for (const problem of nameProblems(maskTrailingDash(generateName), nameRule)) errors.push(fieldInvalid('metadata.generateName', generateName, problem));
  }
  const name = meta.name ?? '';
  if (name === '') errors.push(fieldRequired('metadata.name', 'name or generateName is required'));
  else for (const problem of nameProblems(name, nameRule)) errors.push(fieldInvalid('metadata.name', name, problem));
  // A namespaced object written through `/namespaces//...` has none.
  if (options.namespaced === true && (meta.namespace ?? '') === '') errors.push(fieldRequired('metadata.namespace'));
  errors.push(...validateLabels(meta.labels, 'metadata.labels'));
  errors.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  const finalizers = Array.isArray(meta.finalizers) ? meta.finalizers.map((f) => (typeof f === 'string' ? f : '')) : [];
  errors.push(...validateFinalizers(finalizers, 'metadata.finalizers'));
  errors.push(...validateOwnerReferences(Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [], 'metadata.ownerReferences'));
  // Built-in kinds also want a finalizer without a domain to be a standard one (core's ValidateObjectMeta).
  if (options.builtin === true) {
    finalizers.forEach((finalizer, i) => {
      if (!finalizer.includes('/') && !STANDARD_FINALIZERS.has(finalizer)) {
        errors.push(fieldInvalid(`metadata.finalizers[${i}]`, finalizer, 'name is neither a standard finalizer name nor is it fully qualified'));
      }
    });
  }
  return errors;
}

/**
 * apimachinery's maskTrailingDash, which prefix validation runs first: a trailing dash and the
 * character before it become one `a` (so `X-` validates as `a`, and `-` as itself).
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

const STANDARD_FINALIZERS: ReadonlySet<string> = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** Label keys must be qualified names and values valid label values. */
export function validateLabels(labels: Readonly<Record<string, unknown>> | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const problem of qualifiedNameProblems(key)) errors.push(fieldInvalid(field, key, problem));
    if (typeof value !== 'string') {
      errors.push(fieldInvalid(field, value, 'label values must be strings'));
      continue;
    }
    for (const problem of labelValueProblems(value)) errors.push(fieldInvalid(field, value, problem));
  }
  return errors;
}

function validateAnnotations(annotations: Readonly<Record<string, unknown>> | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    for (const problem of qualifiedNameProblems(key.toLowerCase())) errors.push(fieldInvalid(field, key, problem));
    if (typeof value !== 'string') errors.push(fieldInvalid(field, value, 'annotation values must be strings'));
    size += key.length + (typeof value === 'string' ? value.length : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE) errors.push(fieldTooLong(field, TOTAL_ANNOTATION_SIZE));
  return errors;
}

function validateFinalizers(finalizers: readonly string[], field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const finalizer of finalizers) {
    for (const problem of qualifiedNameProblems(finalizer)) errors.push(fieldInvalid(field, finalizer, problem));
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errors.push({
      type: 'FieldValueInvalid',
      field,
      value: goStringSlice(finalizers),
      detail: 'finalizer orphan and foregroundDeletion cannot be both set',
    });
  }
  return errors;
}

/** apimachinery's ValidateOwnerReferences: every error is on the list's path, without an index. */
function validateOwnerReferences(refs: readonly unknown[], field: string): FieldError[] {
  const errors: FieldError[] = [];
  let firstController = '';
  for (const item of refs) {
    const ref = (typeof item === 'object' && item !== null ? item : {}) as OwnerReference;
    if (!ref.apiVersion) errors.push(fieldInvalid(`${field}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errors.push(fieldInvalid(`${field}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errors.push(fieldInvalid(`${field}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errors.push(fieldInvalid(`${field}.uid`, ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController === '') firstController = current;
      else {
        errors.push({
          type: 'FieldValueInvalid',
          field,
          value: JSON.stringify(refs),
          detail: `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
        });
      }
    }
  }
  return errors;
}

/**
 * Update-time checks: the uid cannot change, the generation cannot go down, and no
 * finalizer can be added once deletion has started.
 */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta): FieldError[] {
  const errors: FieldError[] = [];
  if (meta.uid !== undefined && meta.uid !== '' && meta.uid !== old.uid) errors.push(fieldInvalid('metadata.uid', meta.uid, 'field is immutable'));
  if (old.deletionTimestamp != null) {
    const added = (meta.finalizers ?? []).filter((f) => !(old.finalizers ?? []).includes(f));
    if (added.length > 0) {
      errors.push(
        fieldForbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(added)}`),
      );
    }
  }
  return errors;
}
