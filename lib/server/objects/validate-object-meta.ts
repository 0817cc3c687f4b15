// Validation of metadata on create and update (apimachinery's ValidateObjectMeta and friends).
import type { ObjectMeta, OwnerReference } from '../../core/index.js';
import { fieldForbidden, fieldInvalid, fieldRequired, goStringSlice, type FieldError } from '../errors/field-error.js';
import type { NameRule } from '../registry/kind-rules.js';
import { labelValueProblems, nameProblems, qualifiedNameProblems } from './object-names.js';

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

/**
 * The field errors of an object's metadata: name (by the kind's rule), labels,
 * annotations, finalizers and owner references; `namespaced` kinds need a namespace.
 */
export function validateObjectMeta(meta: ObjectMeta, nameRule: NameRule, namespaced?: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const name = meta.name ?? '';
  if (name === '') errors.push(fieldRequired('metadata.name', 'name or generateName is required'));
  else for (const problem of nameProblems(name, nameRule)) errors.push(fieldInvalid('metadata.name', name, problem));
  // A namespaced object written through `/namespaces//...` has none.
  if (namespaced === true && (meta.namespace ?? '') === '') errors.push(fieldRequired('metadata.namespace'));
  errors.push(...validateLabels(meta.labels, 'metadata.labels'));
  errors.push(...validateAnnotations(meta.annotations, 'metadata.annotations'));
  errors.push(...validateFinalizers(meta.finalizers ?? [], 'metadata.finalizers'));
  errors.push(...validateOwnerReferences(meta.ownerReferences ?? [], 'metadata.ownerReferences'));
  return errors;
}

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
  if (size > TOTAL_ANNOTATION_SIZE) errors.push({ type: 'FieldValueTooLong', field, detail: `must have at most ${TOTAL_ANNOTATION_SIZE} bytes` });
  return errors;
}

function validateFinalizers(finalizers: readonly string[], field: string): FieldError[] {
  const errors: FieldError[] = [];
  finalizers.forEach((finalizer, i) => {
    for (const problem of qualifiedNameProblems(finalizer)) errors.push(fieldInvalid(`${field}[${i}]`, finalizer, problem));
  });
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

function validateOwnerReferences(refs: readonly OwnerReference[], field: string): FieldError[] {
  const errors: FieldError[] = [];
  const controllers: string[] = [];
  refs.forEach((ref, i) => {
    const at = `${field}[${i}]`;
    if (!ref.apiVersion) errors.push(fieldInvalid(`${at}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errors.push(fieldInvalid(`${at}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errors.push(fieldInvalid(`${at}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errors.push(fieldInvalid(`${at}.uid`, ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller === true) controllers.push(`${ref.kind}/${ref.name}`);
  });
  if (controllers.length > 1) {
    errors.push({
      type: 'FieldValueInvalid',
      field,
      value: JSON.stringify(refs),
      detail: `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`,
    });
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
