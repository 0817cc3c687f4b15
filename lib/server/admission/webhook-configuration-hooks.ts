// The write steps of Validating/MutatingWebhookConfigurations: kube-apiserver's defaults, then its validation.
import type { KindHooks } from '../server-context.js';
import { validateWebhookConfiguration, type WebhookConfigurationKind } from './validate-webhook-configuration.js';

type Json = Record<string, unknown>;

/** The storage bucket of ValidatingWebhookConfigurations. */
export const VALIDATING_WEBHOOKS_BUCKET = 'admissionregistration.k8s.io/validatingwebhookconfigurations';
/** The storage bucket of MutatingWebhookConfigurations. */
export const MUTATING_WEBHOOKS_BUCKET = 'admissionregistration.k8s.io/mutatingwebhookconfigurations';

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/**
 * Fills in what `SetDefaults_ValidatingWebhook` / `SetDefaults_MutatingWebhook` do:
 * `failurePolicy: Fail`, `matchPolicy: Equivalent`, empty namespace and object selectors,
 * `timeoutSeconds: 10`, `reinvocationPolicy: Never` (mutating), each rule's `scope: "*"` and
 * a service reference's `port: 443`.
 */
export function defaultWebhookConfiguration(kind: WebhookConfigurationKind, configuration: Json): void {
  const webhooks = configuration['webhooks'];
  if (!Array.isArray(webhooks)) return;
  for (const item of webhooks) {
    const hook = obj(item);
    if (hook === undefined) continue;
    hook['failurePolicy'] ??= 'Fail';
    hook['matchPolicy'] ??= 'Equivalent';
    hook['namespaceSelector'] ??= {};
    hook['objectSelector'] ??= {};
    hook['timeoutSeconds'] ??= 10;
    if (kind === 'MutatingWebhookConfiguration') hook['reinvocationPolicy'] ??= 'Never';
    if (Array.isArray(hook['rules'])) for (const rule of hook['rules']) if (obj(rule) !== undefined) (rule as Json)['scope'] ??= '*';
    const service = obj(obj(hook['clientConfig'])?.['service']);
    if (service !== undefined) service['port'] ??= 443;
  }
}

/** The kind hooks of one webhook configuration kind. */
export function webhookConfigurationHooks(kind: WebhookConfigurationKind): KindHooks {
  return {
    prepareCreate: (object) => defaultWebhookConfiguration(kind, object),
    prepareUpdate: (object) => defaultWebhookConfiguration(kind, object),
    validate: (object, old) => validateWebhookConfiguration(kind, object, old),
  };
}
