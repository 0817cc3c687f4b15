// The APIService strategy's validation: the name is `version.group`, the group a DNS subdomain, the version a DNS label.
import { fieldInvalid, fieldRequired, type FieldError } from '../errors/field-error.js';
import { nameProblems } from '../objects/object-names.js';
import type { KindHooks } from '../server-context.js';

type Json = Record<string, unknown>;

/** What kube-aggregator's `ValidateAPIService` checks beyond object metadata. */
export function apiServiceHooks(): KindHooks {
  return {
    validate(object) {
      const errors: FieldError[] = [];
      const spec = (object['spec'] ?? {}) as Json;
      const group = typeof spec['group'] === 'string' ? spec['group'] : '';
      const version = typeof spec['version'] === 'string' ? spec['version'] : '';
      const name = String(((object['metadata'] ?? {}) as Json)['name'] ?? '');
      const required = `${version}.${group}`;
      if (name !== '' && name !== required) errors.push(fieldInvalid('metadata.name', name, `must be \`spec.version+"."+spec.group\`: ${JSON.stringify(required)}`));
      if (group === '' && version !== 'v1') errors.push(fieldRequired('spec.group', 'only v1 may have an empty group and it better be legacy kube'));
      if (group !== '') for (const problem of nameProblems(group, 'subdomain')) errors.push(fieldInvalid('spec.group', group, problem));
      for (const problem of nameProblems(version, 'dns1035')) errors.push(fieldInvalid('spec.version', version, problem));
      return errors;
    },
  };
}
