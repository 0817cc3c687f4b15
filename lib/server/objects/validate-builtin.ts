// The spec validations of built-in kinds that clients most often trip over (a subset of kube-apiserver's).
import { matchesLabels, toLabelSelector } from '../../core/index.js';
import { fieldDuplicate, fieldError, fieldInvalid, fieldNotSupported, fieldRequired, fieldTooLong, goStringMap, type FieldError } from '../errors/field-error.js';
import { nameProblems } from './object-names.js';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

const ENV_SOURCES = '`fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`';

/** The members of a container list items must have (a `null` item decodes to an empty one). */
function validateContainerLists(c: Json, at: string, volumes: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const items = (key: string): Json[] => (Array.isArray(c[key]) ? (c[key] as unknown[]).map((item) => obj(item) ?? {}) : []);
  items('ports').forEach((port, j) => {
    const number = port['containerPort'];
    if (number === undefined || number === 0) errors.push(fieldRequired(`${at}.ports[${j}].containerPort`));
    else if (typeof number === 'number' && (number < 1 || number > 65535)) {
      errors.push(fieldInvalid(`${at}.ports[${j}].containerPort`, number, 'must be between 1 and 65535, inclusive'));
    }
  });
  items('env').forEach((env, j) => {
    if (typeof env['name'] !== 'string' || env['name'] === '') errors.push(fieldRequired(`${at}.env[${j}].name`));
    const from = obj(env['valueFrom']);
    if (from !== undefined && !['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].some((k) => obj(from[k]) !== undefined)) {
      errors.push(fieldInvalid(`${at}.env[${j}].valueFrom`, '', `must specify one of: ${ENV_SOURCES}`));
    }
  });
  items('volumeMounts').forEach((mount, j) => {
    const name = typeof mount['name'] === 'string' ? mount['name'] : '';
    if (name === '') errors.push(fieldRequired(`${at}.volumeMounts[${j}].name`));
    if (!volumes.has(name)) errors.push(fieldError('FieldValueNotFound', `${at}.volumeMounts[${j}].name`, name));
    if (typeof mount['mountPath'] !== 'string' || mount['mountPath'] === '') errors.push(fieldRequired(`${at}.volumeMounts[${j}].mountPath`));
  });
  return errors;
}

function validateContainers(list: unknown, field: string, required: boolean, volumes: ReadonlySet<string> = new Set()): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(list) || list.length === 0) {
    if (required) errors.push(fieldRequired(field));
    return errors;
  }
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const c = obj(item) ?? {};
    const name = typeof c['name'] === 'string' ? c['name'] : '';
    if (name === '') errors.push(fieldRequired(`${field}[${i}].name`));
    else {
      for (const problem of nameProblems(name, 'label')) errors.push(fieldInvalid(`${field}[${i}].name`, name, problem));
      if (seen.has(name)) errors.push(fieldDuplicate(`${field}[${i}].name`, name));
      seen.add(name);
    }
    if (typeof c['image'] !== 'string' || c['image'] === '') errors.push(fieldRequired(`${field}[${i}].image`));
    errors.push(...validateContainerLists(c, `${field}[${i}]`, volumes));
  });
  return errors;
}

function validatePodSpec(spec: Json | undefined, field: string): FieldError[] {
  if (spec === undefined) return [fieldRequired(`${field}.containers`)];
  const errors: FieldError[] = [];
  const volumes = new Set<string>();
  (Array.isArray(spec['volumes']) ? (spec['volumes'] as unknown[]) : []).forEach((item, i) => {
    const name = obj(item)?.['name'];
    if (typeof name !== 'string' || name === '') errors.push(fieldRequired(`${field}.volumes[${i}].name`));
    else volumes.add(name);
  });
  errors.push(...validateContainers(spec['containers'], `${field}.containers`, true, volumes));
  errors.push(...validateContainers(spec['initContainers'], `${field}.initContainers`, false, volumes));
  const restart = spec['restartPolicy'];
  if (restart !== undefined && !['Always', 'OnFailure', 'Never'].includes(String(restart))) {
    errors.push(fieldNotSupported(`${field}.restartPolicy`, restart, ['Always', 'OnFailure', 'Never']));
  }
  (Array.isArray(spec['tolerations']) ? (spec['tolerations'] as unknown[]) : []).forEach((item, i) => {
    const toleration = obj(item) ?? {};
    const key = typeof toleration['key'] === 'string' ? toleration['key'] : '';
    const operator = typeof toleration['operator'] === 'string' ? toleration['operator'] : '';
    if (key === '' && operator !== 'Exists') {
      errors.push(fieldInvalid(`${field}.tolerations[${i}].operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
  });
  return errors;
}

function validateReplicas(spec: Json, errors: FieldError[]): void {
  const replicas = spec['replicas'];
  if (typeof replicas === 'number' && replicas < 0) {
    errors.push(fieldInvalid('spec.replicas', replicas, 'must be greater than or equal to 0'));
  }
}

function validateWorkload(spec: Json | undefined, selectorRequired: boolean): FieldError[] {
  if (spec === undefined) return [fieldRequired('spec.selector'), fieldRequired('spec.template.spec.containers')];
  const errors: FieldError[] = [];
  validateReplicas(spec, errors);
  const template = obj(spec['template']);
  const templateLabels = obj(obj(template?.['metadata'])?.['labels']) ?? {};
  const selector = spec['selector'];
  if (selector === undefined || selector === null) {
    if (selectorRequired) errors.push(fieldRequired('spec.selector'));
  } else {
    try {
      const parsed = toLabelSelector(selector as Record<string, string>);
      if (parsed.length === 0) errors.push(fieldInvalid('spec.selector', selector, 'empty selector is invalid for deployment'));
      else if (template !== undefined && !matchesLabels(parsed, templateLabels as Record<string, string>)) {
        errors.push({
          type: 'FieldValueInvalid',
          field: 'spec.template.metadata.labels',
          value: goStringMap(templateLabels),
          detail: '`selector` does not match template `labels`',
        });
      }
    } catch (error) {
      errors.push(fieldInvalid('spec.selector', selector, (error as Error).message));
    }
  }
  if (template === undefined) errors.push(fieldRequired('spec.template.spec.containers'));
  else errors.push(...validatePodSpec(obj(template['spec']), 'spec.template.spec'));
  return errors;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** `core.MaxSecretSize`: what a ConfigMap's or Secret's keys and values may add up to (1 MiB). */
const MAX_CONFIG_SIZE = 1024 * 1024;

/** The bytes of a map's keys and values as Go counts them (`binary` values base64-decoded). */
function payloadSize(object: Json, field: string, binary: boolean): number {
  let size = 0;
  for (const [key, value] of Object.entries(obj(object[field]) ?? {})) {
    const text = typeof value === 'string' ? value : '';
    size += Buffer.byteLength(key) + (binary ? Buffer.from(text, 'base64').length : Buffer.byteLength(text));
  }
  return size;
}

function validateConfigKeys(object: Json, fields: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of fields) {
    for (const key of Object.keys(obj(object[field]) ?? {})) {
      if (!CONFIG_KEY.test(key) || key.length > 253) {
        errors.push(
          fieldInvalid(
            `${field}[${key}]`,
            key,
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
          ),
        );
      }
    }
  }
  return errors;
}

/**
 * The spec errors of a built-in object (group/kind): Pods need containers with names and
 * images (and named env vars, numbered ports, named and mounted volume mounts, named volumes,
 * keyed or `Exists` tolerations — what a `null` list item leaves empty), workloads a selector
 * matching their template, Services ports, ConfigMaps and Secrets valid keys and at most
 * 1 MiB of keys and values. Kinds not listed are accepted as they are.
 */
export function validateBuiltin(group: string, kind: string, object: Json): FieldError[] {
  const spec = obj(object['spec']);
  switch (`${group}/${kind}`) {
    case '/Pod':
      return validatePodSpec(spec, 'spec');
    case 'apps/Deployment':
    case 'apps/ReplicaSet':
    case 'apps/StatefulSet':
    case 'apps/DaemonSet':
      return validateWorkload(spec, true);
    case '/ReplicationController':
      return validateWorkload(spec, false);
    case 'batch/Job': {
      const template = obj(spec?.['template']);
      const podSpec = obj(template?.['spec']);
      const errors = validatePodSpec(podSpec, 'spec.template.spec');
      const restart = podSpec?.['restartPolicy'];
      if (podSpec !== undefined && restart !== 'OnFailure' && restart !== 'Never') {
        errors.push(fieldNotSupported('spec.template.spec.restartPolicy', restart ?? '', ['OnFailure', 'Never']));
      }
      return errors;
    }
    case '/Service': {
      const type = spec?.['type'] ?? 'ClusterIP';
      const errors: FieldError[] = [];
      if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(String(type))) {
        errors.push(fieldNotSupported('spec.type', type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
      }
      const ports = spec?.['ports'];
      const headless = spec?.['clusterIP'] === 'None';
      if (type !== 'ExternalName' && !headless && (!Array.isArray(ports) || ports.length === 0)) errors.push(fieldRequired('spec.ports'));
      return errors;
    }
    case '/ConfigMap': {
      const errors = validateConfigKeys(object, ['data', 'binaryData']);
      // kube-apiserver's whole-object limit, on the error path it gives it ("[]").
      if (payloadSize(object, 'data', false) + payloadSize(object, 'binaryData', true) > MAX_CONFIG_SIZE) errors.push(fieldTooLong('[]', MAX_CONFIG_SIZE));
      return errors;
    }
    case '/Secret': {
      const errors = validateConfigKeys(object, ['data']);
      if (payloadSize(object, 'data', true) > MAX_CONFIG_SIZE) errors.push(fieldTooLong('data', MAX_CONFIG_SIZE));
      return errors;
    }
    default:
      return [];
  }
}
