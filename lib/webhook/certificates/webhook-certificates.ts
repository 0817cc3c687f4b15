// A CA and a serving certificate for a webhook, and the caBundle that makes kube-apiserver trust it.
import { encodeBase64Text } from '../../core/index.js';
import { issueCertificate, type CertificatePair } from './issue-certificate.js';

/** What a webhook needs to serve TLS that kube-apiserver trusts. */
export interface WebhookCertificates {
  /** The CA that signed `serving` (keep its key to issue more, or throw it away). */
  readonly ca: CertificatePair;
  /** The webhook server's certificate and key. */
  readonly serving: CertificatePair;
  /** The CA certificate as a configuration's `clientConfig.caBundle` wants it: base64 of the PEM. */
  readonly caBundle: string;
}

/** Options of {@link createWebhookCertificates}. */
export interface WebhookCertificatesOptions {
  /**
   * The names kube-apiserver reaches the webhook by: `127.0.0.1` or `localhost` for a webhook
   * called by `url` on loopback, `<service>.<namespace>.svc` for one called through a Service.
   * @default ['127.0.0.1', '::1', 'localhost']
   */
  readonly hosts?: readonly string[];
  /** @default 365 */
  readonly validDays?: number;
  /** @default new Date() */
  readonly now?: Date;
}

/**
 * Makes a CA and a serving certificate signed by it for the given hosts (EC P-256), for a
 * webhook in local development or tests; in a cluster, cert-manager usually does this.
 *
 * ## Example
 * ```ts
 * const certs = createWebhookCertificates({ hosts: ['127.0.0.1'] });
 * const server = await startWebhookServer({ tls: certs.serving, routes });
 * await api.create(withCaBundle(configuration, certs.caBundle));
 * ```
 */
export function createWebhookCertificates(options: WebhookCertificatesOptions = {}): WebhookCertificates {
  const now = options.now ?? new Date();
  const validDays = options.validDays ?? 365;
  const ca = issueCertificate({ commonName: 'kube-rx-webhook-ca', ca: true, now, validDays });
  const hosts = options.hosts ?? ['127.0.0.1', '::1', 'localhost'];
  const serving = issueCertificate({ commonName: hosts[0] ?? 'kube-rx-webhook', hosts, issuer: ca, now, validDays });
  return { ca, serving, caBundle: encodeBase64Text(ca.certPem) };
}

type Json = Record<string, unknown>;

function withClientConfig(clientConfig: unknown, caBundle: string): Json {
  return { ...((typeof clientConfig === 'object' && clientConfig !== null ? clientConfig : {}) as Json), caBundle };
}

/**
 * The configuration with `caBundle` set wherever kube-apiserver reads one: in every webhook's
 * `clientConfig` of a Validating/MutatingWebhookConfiguration, or in a CRD's
 * `spec.conversion.webhook.clientConfig`. The input is not changed. `caBundle` is base64 of a
 * PEM bundle (as {@link WebhookCertificates.caBundle}), or the PEM itself, which is encoded.
 *
 * ## Example
 * ```ts
 * const configuration = withCaBundle({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', ... }, certs.caBundle);
 * ```
 */
export function withCaBundle<T extends object>(configuration: T, caBundle: string): T {
  const bundle = caBundle.includes('-----BEGIN') ? encodeBase64Text(caBundle) : caBundle;
  const source = configuration as Json;
  if (Array.isArray(source['webhooks'])) {
    return { ...source, webhooks: (source['webhooks'] as unknown[]).map((hook) => ({ ...(hook as Json), clientConfig: withClientConfig((hook as Json)['clientConfig'], bundle) })) } as T;
  }
  const spec = source['spec'] as Json | undefined;
  const conversion = spec?.['conversion'] as Json | undefined;
  const webhook = conversion?.['webhook'] as Json | undefined;
  if (spec !== undefined && conversion !== undefined && webhook !== undefined) {
    return { ...source, spec: { ...spec, conversion: { ...conversion, webhook: { ...webhook, clientConfig: withClientConfig(webhook['clientConfig'], bundle) } } } } as T;
  }
  return configuration;
}
