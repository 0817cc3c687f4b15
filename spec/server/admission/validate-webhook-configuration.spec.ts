// Webhook configuration validation, against messages read from a real kube-apiserver 1.32.13 given the same objects.
import { expect } from 'chai';
import { validateWebhookConfiguration } from '../../../lib/server/admission/validate-webhook-configuration.js';
import { defaultWebhookConfiguration } from '../../../lib/server/admission/webhook-configuration-hooks.js';
import { formatFieldError } from '../../../lib/server/errors/field-error.js';

type Json = Record<string, unknown>;

function hook(extra: Json = {}): Json {
  return {
    name: 'v.example.com',
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
    clientConfig: { url: 'https://127.0.0.1:8443/v' },
    rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'] }],
    ...extra,
  };
}

function messages(kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration', webhooks: Json[], old?: Json[]): string[] {
  return validateWebhookConfiguration(kind, { metadata: { name: 'w' }, webhooks }, old === undefined ? undefined : { metadata: { name: 'w' }, webhooks: old }).map(formatFieldError);
}

describe('validateWebhookConfiguration', () => {
  it('should accept a complete webhook', () => {
    expect(messages('ValidatingWebhookConfiguration', [hook()])).to.deep.equal([]);
    expect(messages('MutatingWebhookConfiguration', [hook({ clientConfig: { service: { namespace: 'default', name: 'svc', path: '/mutate' } }, reinvocationPolicy: 'IfNeeded' })])).to.deep.equal([]);
  });

  it('should require a name, side effects, a client config and review versions', () => {
    expect(messages('ValidatingWebhookConfiguration', [{ name: 'x', clientConfig: {} }])).to.deep.equal([
      'webhooks[0].name: Invalid value: "x": should be a domain with at least three segments separated by dots',
      'webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun',
      'webhooks[0].clientConfig: Required value: exactly one of url or service is required',
      'webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1',
    ]);
  });

  it('should refuse unsupported policies, timeouts and review versions', () => {
    expect(
      messages('MutatingWebhookConfiguration', [
        hook({ name: 'a.b', failurePolicy: 'Maybe', matchPolicy: 'Fuzzy', sideEffects: 'Some', timeoutSeconds: 31, reinvocationPolicy: 'Always', admissionReviewVersions: ['v2', 'v2'] }),
      ]),
    ).to.deep.equal([
      'webhooks[0].name: Invalid value: "a.b": should be a domain with at least three segments separated by dots',
      'webhooks[0].failurePolicy: Unsupported value: "Maybe": supported values: "Fail", "Ignore"',
      'webhooks[0].matchPolicy: Unsupported value: "Fuzzy": supported values: "Equivalent", "Exact"',
      'webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"',
      'webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds',
      'webhooks[0].reinvocationPolicy: Unsupported value: "Always": supported values: "IfNeeded", "Never"',
      'webhooks[0].admissionReviewVersions[1]: Invalid value: "v2": duplicate version',
      'webhooks[0].admissionReviewVersions: Invalid value: []string{"v2", "v2"}: must include at least one of v1, v1beta1',
    ]);
  });

  it('should check rules: wildcards, operations, resources and scope', () => {
    const rules = [{ operations: ['*', 'CREATE', 'PATCH'], apiGroups: ['*', 'apps'], apiVersions: ['*', ''], resources: ['*', 'pods', '*/*', 'pods/*', 'pods/log', ''], scope: 'Everywhere' }, {}];
    expect(messages('ValidatingWebhookConfiguration', [hook({ rules })])).to.deep.equal([
      `webhooks[0].rules[0].operations: Invalid value: []admissionregistration.OperationType{"*", "CREATE", "PATCH"}: if '*' is present, must not specify other operations`,
      'webhooks[0].rules[0].operations[2]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"',
      `webhooks[0].rules[0].apiGroups: Invalid value: []string{"*", "apps"}: if '*' is present, must not specify other API groups`,
      `webhooks[0].rules[0].apiVersions: Invalid value: []string{"*", ""}: if '*' is present, must not specify other API versions`,
      'webhooks[0].rules[0].apiVersions[1]: Required value',
      `webhooks[0].rules[0].resources[3]: Invalid value: "pods/*": if '*/*' is present, must not specify pods/*`,
      `webhooks[0].rules[0].resources[4]: Invalid value: "pods/log": if 'pods/*' is present, must not specify pods/log`,
      'webhooks[0].rules[0].resources[5]: Required value',
      `webhooks[0].rules[0].resources: Invalid value: []string{"*", "pods", "*/*", "pods/*", "pods/log", ""}: if '*/*' is present, must not specify other resources`,
      `webhooks[0].rules[0].resources: Invalid value: []string{"*", "pods", "*/*", "pods/*", "pods/log", ""}: if '*' is present, must not specify other resources without subresources`,
      'webhooks[0].rules[0].scope: Unsupported value: "Everywhere": supported values: "*", "Cluster", "Namespaced"',
      'webhooks[0].rules[1].operations: Required value',
      'webhooks[0].rules[1].apiGroups: Required value',
      'webhooks[0].rules[1].apiVersions: Required value',
      'webhooks[0].rules[1].resources: Required value',
    ]);
  });

  it('should check URLs and service references, never printing a password', () => {
    expect(
      messages('ValidatingWebhookConfiguration', [
        hook({ name: 'a.b.c', clientConfig: { url: 'http://user:secret@h/x?q=1#f' } }),
        hook({ name: 'b.b.c', clientConfig: { url: 'nohost' } }),
        hook({ name: 'c.b.c', clientConfig: { url: 'https://h', service: { name: 's', namespace: 'n' } } }),
        hook({ name: 'd.b.c', clientConfig: { service: { port: 70000, path: 'x//Y/' } } }),
      ]).filter((m) => !m.includes('RFC 1123')),
    ).to.deep.equal([
      `webhooks[0].clientConfig.url: Invalid value: "http": 'https' is the only allowed URL scheme; desired format: https://host[/path]`,
      'webhooks[0].clientConfig.url: Invalid value: "user:[redacted]": user information is not permitted in the URL',
      'webhooks[0].clientConfig.url: Invalid value: "f": fragments are not permitted in the URL',
      'webhooks[0].clientConfig.url: Invalid value: "q=1": query parameters are not permitted in the URL',
      `webhooks[1].clientConfig.url: Invalid value: "": 'https' is the only allowed URL scheme; desired format: https://host[/path]`,
      'webhooks[1].clientConfig.url: Invalid value: "": host must be specified; desired format: https://host[/path]',
      'webhooks[2].clientConfig: Required value: exactly one of url or service is required',
      'webhooks[3].clientConfig.service.name: Required value: service name is required',
      'webhooks[3].clientConfig.service.namespace: Required value: service namespace is required',
      'webhooks[3].clientConfig.service.port: Invalid value: 70000: port is not valid: must be between 1 and 65535, inclusive',
      `webhooks[3].clientConfig.service.path: Invalid value: "x//Y/": must start with a '/'`,
      'webhooks[3].clientConfig.service.path: Invalid value: "x//Y/": segment[0] may not be empty',
      'webhooks[3].clientConfig.service.path: Invalid value: "x//Y/": segment[1] may not be empty',
    ]);
  });

  it('should check selectors, match conditions and unique names', () => {
    const selector = { matchExpressions: [{ key: 'k', operator: 'In' }, { key: 'k', operator: 'Exists', values: ['a'] }, { key: 'k', operator: 'Near' }] };
    const conditions = [{ name: 'a', expression: 'true' }, { name: 'a', expression: '' }, { name: '', expression: 'object.metadata.name == "x"' }, { name: 'b', expression: 'object.(' }];
    const found = messages('ValidatingWebhookConfiguration', [hook(), hook({ namespaceSelector: selector, matchConditions: conditions })]);
    expect(found.slice(0, 3)).to.deep.equal([
      "webhooks[1].namespaceSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "webhooks[1].namespaceSelector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'webhooks[1].namespaceSelector.matchExpressions[2].operator: Invalid value: "Near": not a valid selector operator',
    ]);
    expect(found.slice(3)).to.deep.include.members([
      'webhooks[1].matchConditions[1].expression: Required value',
      'webhooks[1].matchConditions[1].name: Duplicate value: "a"',
      'webhooks[1].matchConditions[2].name: Required value',
      'webhooks[1].name: Duplicate value: "v.example.com"',
    ]);
    expect(found.some((m) => m.startsWith('webhooks[1].matchConditions[3].expression: Invalid value: "object.(": compilation failed:'))).to.equal(true);
  });

  it('should relax on update what the stored configuration already broke', () => {
    const old = [hook({ sideEffects: 'Some', admissionReviewVersions: ['v2'] })];
    expect(messages('ValidatingWebhookConfiguration', [hook({ sideEffects: 'Unknown', admissionReviewVersions: ['v3'], timeoutSeconds: 5 })], old)).to.deep.equal([]);
    expect(messages('ValidatingWebhookConfiguration', [hook({ sideEffects: 'Unknown' })], [hook()])).to.deep.equal([
      'webhooks[0].sideEffects: Unsupported value: "Unknown": supported values: "None", "NoneOnDryRun"',
    ]);
  });
});

describe('defaultWebhookConfiguration', () => {
  it("should fill in kube-apiserver's defaults", () => {
    const configuration = { webhooks: [hook({ clientConfig: { service: { namespace: 'default', name: 'svc' } } })] };
    defaultWebhookConfiguration('MutatingWebhookConfiguration', configuration);
    expect(configuration.webhooks[0]).to.deep.include({
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      namespaceSelector: {},
      objectSelector: {},
      timeoutSeconds: 10,
      reinvocationPolicy: 'Never',
      clientConfig: { service: { namespace: 'default', name: 'svc', port: 443 } },
    });
    expect((configuration.webhooks[0] as { rules: Json[] }).rules[0]).to.include({ scope: '*' });
    const validating = { webhooks: [hook({ failurePolicy: 'Ignore', timeoutSeconds: 3 })] };
    defaultWebhookConfiguration('ValidatingWebhookConfiguration', validating);
    expect(validating.webhooks[0]).to.include({ failurePolicy: 'Ignore', timeoutSeconds: 3 });
    expect(validating.webhooks[0]).to.not.have.property('reinvocationPolicy');
  });
});
