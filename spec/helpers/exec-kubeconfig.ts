// A kubeconfig for the embedded server whose user runs the exec-credential fixture plugin.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

/** The fixture plugin: prints an ExecCredential as its env vars say (see the file). */
export const EXEC_CREDENTIAL_FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/exec-credential.mjs');

/** The part of a running embedded server a kubeconfig needs. */
export interface ServerAddress {
  readonly url: string;
  readonly caPem: string;
}

/**
 * Kubeconfig YAML: the server's cluster (trusting its CA) and a user authenticated by the
 * fixture plugin (`client.authentication.k8s.io/v1`, `interactiveMode: Never`) with `env`.
 */
export function execKubeconfig(server: ServerAddress, env: Record<string, string>, apiVersion = 'client.authentication.k8s.io/v1'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'exec',
    clusters: [{ name: 'embedded', cluster: { server: server.url, 'certificate-authority-data': Buffer.from(server.caPem).toString('base64') } }],
    users: [
      {
        name: 'exec-user',
        user: {
          exec: {
            apiVersion,
            command: process.execPath,
            args: [EXEC_CREDENTIAL_FIXTURE],
            env: Object.entries(env).map(([name, value]) => ({ name, value })),
            interactiveMode: 'Never',
            provideClusterInfo: true,
          },
        },
      },
    ],
    contexts: [{ name: 'exec', context: { cluster: 'embedded', user: 'exec-user', namespace: 'default' } }],
  });
}
