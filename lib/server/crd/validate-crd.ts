// Validation of CustomResourceDefinitions (apiextensions-apiserver's ValidateCustomResourceDefinition, the parts clients meet).
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import { fieldDuplicate, fieldErrorFromCause, fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, type FieldError } from '../errors/field-error.js';
import { nameProblems } from '../objects/object-names.js';
import { compileSchema } from '../schema/compile-schema.js';
import { isSchemaError } from '../schema/schema-error.js';
import { crdNames } from './crd-names.js';

type Json = Record<string, unknown>;

const GROUP = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

/** The served versions of a CRD as plain objects. */
export function crdVersions(crd: Json): Json[] {
  const versions = ((crd['spec'] ?? {}) as Json)['versions'];
  return Array.isArray(versions) ? (versions.filter((v) => typeof v === 'object' && v !== null) as Json[]) : [];
}

function validateNames(spec: Json, errors: FieldError[]): void {
  const names = (spec['names'] ?? {}) as Json;
  const at = 'spec.names';
  const { plural, singular, kind, listKind, shortNames } = crdNames({ spec });
  if (plural === '') errors.push(fieldRequired(`${at}.plural`));
  else for (const p of nameProblems(plural, 'label')) errors.push(fieldInvalid(`${at}.plural`, plural, p));
  if (names['singular'] !== undefined) for (const p of nameProblems(singular, 'label')) errors.push(fieldInvalid(`${at}.singular`, singular, p));
  if (kind === '') errors.push(fieldRequired(`${at}.kind`));
  else if (!KIND.test(kind)) errors.push(fieldInvalid(`${at}.kind`, kind, 'may have mixed case, but should otherwise match: ^[a-z]([-a-z0-9]*[a-z0-9])?$'));
  if (listKind === kind && kind !== '') errors.push(fieldInvalid(`${at}.listKind`, listKind, 'kind and listKind may not be the same'));
  shortNames.forEach((short, i) => {
    for (const p of nameProblems(short, 'label')) errors.push(fieldInvalid(`${at}.shortNames[${i}]`, short, p));
  });
}

function validateVersions(group: string, kind: string, versions: readonly Json[], errors: FieldError[]): void {
  if (versions.length === 0) {
    errors.push(fieldInvalid('spec.versions', '[]', 'must have exactly one version marked as storage version'));
    return;
  }
  const storage = versions.filter((v) => v['storage'] === true).length;
  if (storage !== 1) {
    errors.push({ type: 'FieldValueInvalid', field: 'spec.versions', value: `[]apiextensions.CustomResourceDefinitionVersion{...}`, detail: 'must have exactly one version marked as storage version' });
  }
  const seen = new Set<string>();
  versions.forEach((version, i) => {
    const at = `spec.versions[${i}]`;
    const name = typeof version['name'] === 'string' ? version['name'] : '';
    if (name === '') errors.push(fieldRequired(`${at}.name`));
    else for (const p of nameProblems(name, 'dns1035')) errors.push(fieldInvalid(`${at}.name`, name, p));
    if (seen.has(name)) errors.push(fieldDuplicate(`${at}.name`, name));
    seen.add(name);
    if (typeof version['served'] !== 'boolean') errors.push(fieldRequired(`${at}.served`));
    if (typeof version['storage'] !== 'boolean') errors.push(fieldRequired(`${at}.storage`));
    const schema = ((version['schema'] ?? {}) as Json)['openAPIV3Schema'];
    if (schema === undefined || schema === null) {
      errors.push(fieldRequired(`${at}.schema.openAPIV3Schema`, 'schemas are required'));
      return;
    }
    try {
      compileSchema(schema as JSONSchemaProps, { group, kind }, { fieldPath: `${at}.schema.openAPIV3Schema` });
    } catch (error) {
      if (!isSchemaError(error)) throw error;
      errors.push(...error.causes.map(fieldErrorFromCause));
    }
  });
}

/**
 * The field errors of a CRD (apiserver-semantics §10): the name must be
 * `<plural>.<group>`, the group a domain with a dot, names valid, scope Namespaced or
 * Cluster, exactly one storage version, every version with a structural
 * `openAPIV3Schema`, `conversion.strategy` None or Webhook.
 */
export function validateCrd(crd: Json): FieldError[] {
  const errors: FieldError[] = [];
  const spec = (crd['spec'] ?? {}) as Json;
  const meta = (crd['metadata'] ?? {}) as Json;
  const group = typeof spec['group'] === 'string' ? spec['group'] : '';
  const { plural, kind } = crdNames(crd);
  if (meta['name'] !== `${plural}.${group}`) errors.push(fieldInvalid('metadata.name', meta['name'] ?? '', 'must be spec.names.plural+"."+spec.group'));
  if (group === '') errors.push(fieldRequired('spec.group'));
  else if (!GROUP.test(group)) errors.push(fieldInvalid('spec.group', group, 'a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\''));
  else if (!group.includes('.')) errors.push(fieldInvalid('spec.group', group, 'should be a domain with at least one dot'));
  const scope = spec['scope'];
  if (scope === undefined || scope === '') errors.push(fieldRequired('spec.scope'));
  else if (scope !== 'Namespaced' && scope !== 'Cluster') errors.push(fieldNotSupported('spec.scope', scope, ['Cluster', 'Namespaced']));
  validateNames(spec, errors);
  validateVersions(group, kind, crdVersions(crd), errors);
  const strategy = ((spec['conversion'] ?? {}) as Json)['strategy'];
  if (strategy !== undefined && strategy !== 'None' && strategy !== 'Webhook') errors.push(fieldNotSupported('spec.conversion.strategy', strategy, ['None', 'Webhook']));
  if (strategy === 'Webhook') errors.push(fieldForbidden('spec.conversion.strategy', 'webhook conversion is not supported by this server'));
  return errors;
}
