// Validation of Validating/MutatingWebhookConfigurations (k8s.io/kubernetes pkg/apis/admissionregistration/validation), with its messages.
import { fieldDuplicate, fieldError, fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, goStringSlice, type FieldError } from '../errors/field-error.js';
import { labelValueProblems, nameProblems, qualifiedNameProblems } from '../objects/object-names.js';
import { parseCel } from '../schema/cel-expression.js';
import { parseWebhookUrl } from './webhook-url.js';

type Json = Record<string, unknown>;

/** Which of the webhook configuration kinds. */
export type WebhookConfigurationKind = 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration';

/** The admission review versions this server (and kube-apiserver 1.32) understands. */
export const ACCEPTED_REVIEW_VERSIONS = ['v1', 'v1beta1'] as const;

const FAILURE_POLICIES = ['Fail', 'Ignore'];
const MATCH_POLICIES = ['Equivalent', 'Exact'];
const NO_SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const ALL_SIDE_EFFECTS = ['None', 'NoneOnDryRun', 'Some', 'Unknown'];
const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const REINVOCATION_POLICIES = ['IfNeeded', 'Never'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** What an update relaxes, for configurations stored before a rule existed (kube-apiserver's validationOptions). */
interface Options {
  readonly ignoreMatchConditions: boolean;
  readonly requireNoSideEffects: boolean;
  readonly requireRecognizedReviewVersion: boolean;
  readonly requireUniqueNames: boolean;
  readonly allowInvalidLabelValueInSelector: boolean;
}

const STRICT: Options = {
  ignoreMatchConditions: false,
  requireNoSideEffects: true,
  requireRecognizedReviewVersion: true,
  requireUniqueNames: true,
  allowInvalidLabelValueInSelector: false,
};

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : '')) : [];
}

function webhooksOf(configuration: Json): Json[] {
  const webhooks = configuration['webhooks'];
  return Array.isArray(webhooks) ? webhooks.map((w) => obj(w) ?? {}) : [];
}

/** A Go `[]T` of a named string type, as `%#v` prints it: `[]admissionregistration.OperationType{"*"}`. */
function typedSlice(type: string, values: readonly string[]): string {
  return `[]${type}{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

function invalidList(field: string, rendered: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, value: rendered, detail };
}

function validateResources(resources: readonly string[], at: string): FieldError[] {
  const errors: FieldError[] = [];
  if (resources.length === 0) errors.push(fieldRequired(at));
  const wildcardSubresources = new Set<string>();
  const wildcardResources = new Set<string>();
  let doubleWildcard = false;
  let singleWildcard = false;
  let withoutSubresource = false;
  resources.forEach((resSub, i) => {
    if (resSub === '') {
      errors.push(fieldRequired(`${at}[${i}]`));
      return;
    }
    if (resSub === '*/*') doubleWildcard = true;
    if (resSub === '*') singleWildcard = true;
    const slash = resSub.indexOf('/');
    if (slash === -1) {
      withoutSubresource = resSub !== '*';
      return;
    }
    const res = resSub.slice(0, slash);
    const sub = resSub.slice(slash + 1);
    if (wildcardSubresources.has(res)) errors.push(fieldInvalid(`${at}[${i}]`, resSub, `if '${res}/*' is present, must not specify ${resSub}`));
    if (wildcardResources.has(sub)) errors.push(fieldInvalid(`${at}[${i}]`, resSub, `if '*/${sub}' is present, must not specify ${resSub}`));
    if (sub === '*') wildcardSubresources.add(res);
    if (res === '*') wildcardResources.add(sub);
  });
  if (resources.length > 1 && doubleWildcard) errors.push(invalidList(at, goStringSlice(resources), "if '*/*' is present, must not specify other resources"));
  if (singleWildcard && withoutSubresource) errors.push(invalidList(at, goStringSlice(resources), "if '*' is present, must not specify other resources without subresources"));
  return errors;
}

function validateRule(rule: Json, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const operations = strings(rule['operations']);
  if (operations.length === 0) errors.push(fieldRequired(`${at}.operations`));
  if (operations.length > 1 && operations.includes('*')) {
    errors.push(invalidList(`${at}.operations`, typedSlice('admissionregistration.OperationType', operations), "if '*' is present, must not specify other operations"));
  }
  operations.forEach((op, i) => {
    if (!OPERATIONS.includes(op)) errors.push(fieldNotSupported(`${at}.operations[${i}]`, op, OPERATIONS));
  });
  const groups = strings(rule['apiGroups']);
  if (groups.length === 0) errors.push(fieldRequired(`${at}.apiGroups`));
  if (groups.length > 1 && groups.includes('*')) errors.push(invalidList(`${at}.apiGroups`, goStringSlice(groups), "if '*' is present, must not specify other API groups"));
  const versions = strings(rule['apiVersions']);
  if (versions.length === 0) errors.push(fieldRequired(`${at}.apiVersions`));
  if (versions.length > 1 && versions.includes('*')) errors.push(invalidList(`${at}.apiVersions`, goStringSlice(versions), "if '*' is present, must not specify other API versions"));
  versions.forEach((v, i) => {
    if (v === '') errors.push(fieldRequired(`${at}.apiVersions[${i}]`));
  });
  errors.push(...validateResources(strings(rule['resources']), `${at}.resources`));
  const scope = rule['scope'];
  if (scope !== undefined && !SCOPES.includes(String(scope))) errors.push(fieldNotSupported(`${at}.scope`, scope, SCOPES));
  return errors;
}

function validateReviewVersions(versions: readonly string[], requireRecognized: boolean, at: string): FieldError[] {
  const errors: FieldError[] = [];
  if (versions.length < 1) return [fieldRequired(at, `must specify one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`)];
  const seen = new Set<string>();
  let accepted = false;
  versions.forEach((v, i) => {
    if (seen.has(v)) {
      errors.push(fieldInvalid(`${at}[${i}]`, v, 'duplicate version'));
      return;
    }
    seen.add(v);
    for (const problem of nameProblems(v, 'dns1035')) errors.push(fieldInvalid(`${at}[${i}]`, v, problem));
    if ((ACCEPTED_REVIEW_VERSIONS as readonly string[]).includes(v)) accepted = true;
  });
  if (requireRecognized && !accepted) errors.push(invalidList(at, goStringSlice(versions), `must include at least one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`));
  return errors;
}

function validateLabelSelector(selector: Json, at: string, allowInvalidValues: boolean): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(obj(selector['matchLabels']) ?? {})) {
    for (const problem of qualifiedNameProblems(key)) errors.push(fieldInvalid(`${at}.matchLabels`, key, problem));
    for (const problem of labelValueProblems(String(value))) errors.push(fieldInvalid(`${at}.matchLabels`, String(value), problem));
  }
  const expressions = Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'] : [];
  expressions.forEach((item, i) => {
    const requirement = obj(item) ?? {};
    const here = `${at}.matchExpressions[${i}]`;
    const operator = String(requirement['operator'] ?? '');
    const values = strings(requirement['values']);
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) errors.push(fieldRequired(`${here}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) errors.push(fieldForbidden(`${here}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else if (!OPERATORS.includes(operator)) {
      errors.push(fieldInvalid(`${here}.operator`, operator, 'not a valid selector operator'));
    }
    for (const problem of qualifiedNameProblems(String(requirement['key'] ?? ''))) errors.push(fieldInvalid(`${here}.key`, String(requirement['key'] ?? ''), problem));
    if (!allowInvalidValues) {
      values.forEach((value, j) => {
        for (const problem of labelValueProblems(value)) errors.push(fieldInvalid(`${here}.values[${j}]`, value, problem));
      });
    }
  });
  return errors;
}

function validateServicePath(path: string, at: string): FieldError[] {
  if (path === '/' || path === '') return [];
  if (path === '//') return [fieldInvalid(at, path, 'segment[0] may not be empty')];
  const errors: FieldError[] = [];
  if (!path.startsWith('/')) errors.push(fieldInvalid(at, path, "must start with a '/'"));
  let check = path.slice(1);
  if (check.endsWith('/')) check = check.slice(0, -1);
  check.split('/').forEach((step, i) => {
    if (step === '') {
      errors.push(fieldInvalid(at, path, `segment[${i}] may not be empty`));
      return;
    }
    for (const problem of nameProblems(step, 'subdomain')) errors.push(fieldInvalid(at, path, `segment[${i}]: ${problem}`));
  });
  return errors;
}

/** The errors of a webhook's `clientConfig`: exactly one of an https `url` or a `service`. */
export function validateClientConfig(config: Json, at: string): FieldError[] {
  const url = config['url'];
  const service = obj(config['service']);
  if ((url === undefined || url === null) === (service === undefined)) return [fieldRequired(at, 'exactly one of url or service is required')];
  if (typeof url === 'string') {
    const form = '; desired format: https://host[/path]';
    const parsed = parseWebhookUrl(url);
    if (parsed === undefined) return [fieldRequired(`${at}.url`, `url must be a valid URL: parse ${JSON.stringify(url)}: invalid URL${form}`)];
    const errors: FieldError[] = [];
    if (parsed.scheme !== 'https') errors.push(fieldInvalid(`${at}.url`, parsed.scheme, `'https' is the only allowed URL scheme${form}`));
    if (parsed.host === '') errors.push(fieldInvalid(`${at}.url`, parsed.host, `host must be specified${form}`));
    // Go prints the user information with its password; only the user name is shown here.
    if (parsed.user !== undefined) errors.push(fieldInvalid(`${at}.url`, parsed.user.replace(/:.*$/, ':[redacted]'), 'user information is not permitted in the URL'));
    if (parsed.fragment !== '') errors.push(fieldInvalid(`${at}.url`, parsed.fragment, 'fragments are not permitted in the URL'));
    if (parsed.query !== '') errors.push(fieldInvalid(`${at}.url`, parsed.query, 'query parameters are not permitted in the URL'));
    return errors;
  }
  const ref = service ?? {};
  const errors: FieldError[] = [];
  if (typeof ref['name'] !== 'string' || ref['name'] === '') errors.push(fieldRequired(`${at}.service.name`, 'service name is required'));
  if (typeof ref['namespace'] !== 'string' || ref['namespace'] === '') errors.push(fieldRequired(`${at}.service.namespace`, 'service namespace is required'));
  const port = typeof ref['port'] === 'number' ? ref['port'] : 443;
  if (port < 1 || port > 65535) errors.push(fieldInvalid(`${at}.service.port`, port, 'port is not valid: must be between 1 and 65535, inclusive'));
  if (typeof ref['path'] === 'string') errors.push(...validateServicePath(ref['path'], `${at}.service.path`));
  return errors;
}

function validateMatchConditions(conditions: unknown, at: string): FieldError[] {
  if (!Array.isArray(conditions)) return [];
  const errors: FieldError[] = [];
  if (conditions.length > 64) errors.push(fieldError('FieldValueTooMany', at, conditions.length, 'must have at most 64 items'));
  const names = new Set<string>();
  conditions.forEach((item, i) => {
    const condition = obj(item) ?? {};
    const expression = String(condition['expression'] ?? '').trim();
    if (expression === '') errors.push(fieldRequired(`${at}[${i}].expression`));
    else {
      try {
        parseCel(expression);
      } catch (error) {
        errors.push(fieldInvalid(`${at}[${i}].expression`, expression, `compilation failed: ${(error as Error).message}`));
      }
    }
    const name = String(condition['name'] ?? '');
    if (name === '') errors.push(fieldRequired(`${at}[${i}].name`));
    else for (const problem of qualifiedNameProblems(name)) errors.push(fieldInvalid(`${at}[${i}].name`, name, problem));
    if (name !== '') {
      if (names.has(name)) errors.push(fieldDuplicate(`${at}[${i}].name`, name));
      else names.add(name);
    }
  });
  return errors;
}

function validateWebhook(kind: WebhookConfigurationKind, hook: Json, at: string, options: Options): FieldError[] {
  const errors: FieldError[] = [];
  const name = typeof hook['name'] === 'string' ? hook['name'] : '';
  if (name === '') errors.push(fieldRequired(`${at}.name`));
  else {
    const problems = nameProblems(name, 'subdomain');
    if (problems.length > 0) errors.push(fieldInvalid(`${at}.name`, name, problems.join(',')));
    else if (name.split('.').length < 3) errors.push(fieldInvalid(`${at}.name`, name, 'should be a domain with at least three segments separated by dots'));
  }
  const rules = Array.isArray(hook['rules']) ? hook['rules'] : [];
  rules.forEach((rule, i) => errors.push(...validateRule(obj(rule) ?? {}, `${at}.rules[${i}]`)));
  const failurePolicy = hook['failurePolicy'];
  if (failurePolicy !== undefined && !FAILURE_POLICIES.includes(String(failurePolicy))) errors.push(fieldNotSupported(`${at}.failurePolicy`, failurePolicy, FAILURE_POLICIES));
  const matchPolicy = hook['matchPolicy'];
  if (matchPolicy !== undefined && !MATCH_POLICIES.includes(String(matchPolicy))) errors.push(fieldNotSupported(`${at}.matchPolicy`, matchPolicy, MATCH_POLICIES));
  const allowedSideEffects = options.requireNoSideEffects ? NO_SIDE_EFFECTS : ALL_SIDE_EFFECTS;
  const sideEffects = hook['sideEffects'];
  if (sideEffects === undefined) errors.push(fieldRequired(`${at}.sideEffects`, `must specify one of ${allowedSideEffects.join(', ')}`));
  else if (!allowedSideEffects.includes(String(sideEffects))) errors.push(fieldNotSupported(`${at}.sideEffects`, sideEffects, allowedSideEffects));
  const timeout = hook['timeoutSeconds'];
  if (typeof timeout === 'number' && (timeout > 30 || timeout < 1)) errors.push(fieldInvalid(`${at}.timeoutSeconds`, timeout, 'the timeout value must be between 1 and 30 seconds'));
  for (const selector of ['namespaceSelector', 'objectSelector']) {
    const value = obj(hook[selector]);
    if (value !== undefined) errors.push(...validateLabelSelector(value, `${at}.${selector}`, options.allowInvalidLabelValueInSelector));
  }
  if (kind === 'MutatingWebhookConfiguration') {
    const reinvocation = hook['reinvocationPolicy'];
    if (reinvocation !== undefined && !REINVOCATION_POLICIES.includes(String(reinvocation))) {
      errors.push(fieldNotSupported(`${at}.reinvocationPolicy`, reinvocation, REINVOCATION_POLICIES));
    }
  }
  errors.push(...validateClientConfig(obj(hook['clientConfig']) ?? {}, `${at}.clientConfig`));
  if (!options.ignoreMatchConditions) errors.push(...validateMatchConditions(hook['matchConditions'], `${at}.matchConditions`));
  return errors;
}

function sameMatchConditions(next: readonly Json[], old: readonly Json[]): boolean {
  if (next.length !== old.length) return false;
  return next.every((hook, i) => JSON.stringify(hook['matchConditions'] ?? null) === JSON.stringify(old[i]?.['matchConditions'] ?? null));
}

function optionsFor(configuration: Json, old: Json | undefined): Options {
  if (old === undefined) return STRICT;
  const oldHooks = webhooksOf(old);
  const names = oldHooks.map((h) => String(h['name'] ?? ''));
  return {
    ignoreMatchConditions: sameMatchConditions(webhooksOf(configuration), oldHooks),
    requireNoSideEffects: oldHooks.every((h) => NO_SIDE_EFFECTS.includes(String(h['sideEffects']))),
    requireRecognizedReviewVersion: oldHooks.every((h) => strings(h['admissionReviewVersions']).some((v) => (ACCEPTED_REVIEW_VERSIONS as readonly string[]).includes(v))),
    requireUniqueNames: new Set(names).size === names.length && !names.includes(''),
    allowInvalidLabelValueInSelector: oldHooks.some((h) =>
      ['namespaceSelector', 'objectSelector'].some((s) => {
        const expressions = obj(h[s])?.['matchExpressions'];
        return Array.isArray(expressions) && expressions.some((e) => strings(obj(e)?.['values']).some((v) => labelValueProblems(v).length > 0));
      }),
    ),
  };
}

/**
 * The field errors of a webhook configuration, as kube-apiserver words them: each webhook
 * needs a fully qualified unique name, `sideEffects` None or NoneOnDryRun, an accepted
 * `admissionReviewVersions` entry, one https `url` or one `service`, valid rules, selectors,
 * policies, a timeout of 1–30 s and compilable `matchConditions`. On update, rules the stored
 * configuration already broke are relaxed, as upstream does.
 */
export function validateWebhookConfiguration(kind: WebhookConfigurationKind, configuration: Json, old: Json | undefined): FieldError[] {
  const options = optionsFor(configuration, old);
  const errors: FieldError[] = [];
  const names = new Set<string>();
  webhooksOf(configuration).forEach((hook, i) => {
    const at = `webhooks[${i}]`;
    errors.push(...validateWebhook(kind, hook, at, options));
    errors.push(...validateReviewVersions(strings(hook['admissionReviewVersions']), options.requireRecognizedReviewVersion, `${at}.admissionReviewVersions`));
    const name = typeof hook['name'] === 'string' ? hook['name'] : '';
    if (options.requireUniqueNames && name !== '') {
      if (names.has(name)) errors.push(fieldDuplicate(`${at}.name`, name));
      else names.add(name);
    }
  });
  return errors;
}
