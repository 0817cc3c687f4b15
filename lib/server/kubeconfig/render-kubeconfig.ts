// Renders a kubeconfig for the embedded server: one cluster, one user, one current context.
import { Buffer } from 'node:buffer';
import { stringify } from 'yaml';

/** How the kubeconfig's user authenticates. */
export type KubeconfigUser = { readonly token: string } | { readonly certPem: string; readonly keyPem: string };

/** What a kubeconfig needs. */
export interface KubeconfigInput {
  readonly server: string;
  /** The CA to trust (absent for plain HTTP). */
  readonly caPem?: string;
  readonly user: KubeconfigUser;
  /** @default 'kube-rx' */
  readonly name?: string;
  /** The context's namespace. @default 'default' */
  readonly namespace?: string;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A kubeconfig YAML text that kubectl, client-go and this library's client all accept. */
export function renderKubeconfig(input: KubeconfigInput): string {
  const name = input.name ?? 'kube-rx';
  const cluster: Record<string, unknown> = { server: input.server };
  if (input.caPem !== undefined) cluster['certificate-authority-data'] = b64(input.caPem);
  const user: Record<string, unknown> =
    'token' in input.user
      ? { token: input.user.token }
      : { 'client-certificate-data': b64(input.user.certPem), 'client-key-data': b64(input.user.keyPem) };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster }],
    users: [{ name: `${name}-admin`, user }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: input.namespace ?? 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
