// The shared ajv instance, taught the x-kubernetes-* extensions and the string formats Kubernetes checks.
import { Ajv, type ErrorObject } from 'ajv';
import { canonical, isRecord } from './schema-walk.js';

/** Formats the API server validates (kube-openapi strfmt); the others it lists are accepted unchecked. */
const CHECKED_FORMATS: Readonly<Record<string, RegExp>> = {
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/,
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  uuid: /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/,
  hostname: /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)*$/i,
};
const UNCHECKED_FORMATS = [
  'int32', 'int64', 'float', 'double', 'password', 'duration', 'uri', 'email', 'ipv6', 'cidr', 'mac', 'uuid3', 'uuid4',
  'uuid5', 'isbn', 'isbn10', 'isbn13', 'creditcard', 'ssn', 'hexcolor', 'rgbcolor', 'bsonobjectid', 'int-or-string',
];

/** A DNS-1123 subdomain: the rule for custom resource names. */
const DNS_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;

/** Keywords ajv must accept but that do not constrain the data here. */
const ANNOTATIONS = [
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
  'x-kubernetes-validations', 'x-kube-rx-nullable', 'example', 'externalDocs',
];

type Issue = Partial<ErrorObject>;

/** A compiled keyword check, as ajv calls it: errors go in `errors`. */
interface DataValidateFunction {
  (data: unknown): boolean;
  errors?: Issue[];
}

function fail(fn: DataValidateFunction, errors: Issue[]): boolean {
  fn.errors = errors;
  return errors.length === 0;
}

function intOrString(_value: unknown, parent: Record<string, unknown>): DataValidateFunction {
  const fn: DataValidateFunction = (data) =>
    fail(fn, (data === null && parent['x-kube-rx-nullable'] === true) || Number.isInteger(data) || typeof data === 'string'
      ? []
      : [{ keyword: 'x-kubernetes-int-or-string', message: 'must be an integer or a string', params: {} }]);
  return fn;
}

function embeddedResource(): DataValidateFunction {
  const fn: DataValidateFunction = (data) => {
    if (!isRecord(data)) return fail(fn, []);
    const errors: Issue[] = [];
    for (const child of ['apiVersion', 'kind']) {
      const value = data[child];
      if (value === undefined || value === '') errors.push({ keyword: 'x-kubernetes-embedded-resource', message: 'is required', params: { child } });
      else if (typeof value !== 'string') errors.push({ keyword: 'x-kubernetes-embedded-resource', message: 'must be string', params: { child } });
    }
    if (data['metadata'] !== undefined && !isRecord(data['metadata'])) {
      errors.push({ keyword: 'x-kubernetes-embedded-resource', message: 'must be object', params: { child: 'metadata' } });
    }
    return fail(fn, errors);
  };
  return fn;
}

function listType(value: unknown, parent: Record<string, unknown>): DataValidateFunction {
  const keys = Array.isArray(parent['x-kubernetes-list-map-keys']) ? (parent['x-kubernetes-list-map-keys'] as string[]) : [];
  const fn: DataValidateFunction = (data) => {
    if (!Array.isArray(data) || (value !== 'set' && value !== 'map')) return fail(fn, []);
    const seen = new Set<string>();
    const errors: Issue[] = [];
    data.forEach((item: unknown, index) => {
      const key = value === 'set' ? canonical(item) : canonical(keys.map((k) => (isRecord(item) ? item[k] : undefined)));
      if (!seen.has(key)) return void seen.add(key);
      const what = value === 'set' ? JSON.stringify(item) : keys.map((k) => `${k}=${JSON.stringify(isRecord(item) ? item[k] : undefined)}`).join(', ');
      errors.push({ keyword: 'x-kubernetes-list-type', message: value === 'set' ? `duplicate value ${what}` : `duplicate entry with key ${what}`, params: { index } });
    });
    return fail(fn, errors);
  };
  return fn;
}

function objectMeta(): DataValidateFunction {
  const fn: DataValidateFunction = (data) => {
    if (!isRecord(data)) return fail(fn, []);
    const { name, generateName } = data;
    const errors: Issue[] = [];
    if ((name === undefined || name === '') && (generateName === undefined || generateName === '')) {
      errors.push({ keyword: 'metadata', message: 'name or generateName is required', params: { child: 'name' } });
    } else if (name !== undefined && (typeof name !== 'string' || name.length > 253 || !DNS_SUBDOMAIN.test(name))) {
      errors.push({ keyword: 'metadata', message: 'must be a lowercase RFC 1123 subdomain (a-z, 0-9, "-" and ".", at most 253 characters)', params: { child: 'name' } });
    }
    return fail(fn, errors);
  };
  return fn;
}

let shared: Ajv | undefined;

/** The ajv instance every custom-resource validator is compiled with (created on first use). @internal */
export function kubernetesAjv(): Ajv {
  if (shared !== undefined) return shared;
  const formats: Record<string, RegExp | true> = { ...CHECKED_FORMATS };
  for (const name of UNCHECKED_FORMATS) formats[name] = true;
  const ajv = new Ajv({ allErrors: true, strict: false, logger: false, formats });
  for (const keyword of ANNOTATIONS) ajv.addKeyword({ keyword });
  ajv.addKeyword({ keyword: 'x-kubernetes-int-or-string', compile: intOrString, errors: true });
  ajv.addKeyword({ keyword: 'x-kubernetes-embedded-resource', compile: embeddedResource, errors: true });
  ajv.addKeyword({ keyword: 'x-kubernetes-list-type', compile: listType, errors: true });
  ajv.addKeyword({ keyword: 'x-kube-rx-object-meta', compile: objectMeta, errors: true });
  shared = ajv;
  return ajv;
}
