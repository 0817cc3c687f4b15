// How the examples get a Client: your cluster if there is one, else an embedded API server.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../../lib/client/client.js';
import { Config } from '../../lib/client/config/config.js';
import { startApiServer, type ApiServer } from '../../lib/server/index.js';

/** A Client and what to do when the example is done. */
export interface ExampleClient {
  readonly client: Client;
  /** The client's configuration (where the cluster is and how to trust it). */
  readonly config: Config;
  /** Where the client points, for the example's first line of output. */
  readonly target: string;
  /** The embedded API server, when no cluster was found. */
  readonly embedded: ApiServer | undefined;
  close(): Promise<void>;
}

/**
 * `Client::try_default()` for the examples: `Config.infer()` (kubeconfig, then in-cluster)
 * when `$KUBECONFIG` is set, `~/.kube/config` exists or the process runs in a pod; otherwise
 * an embedded API server on loopback, started here and stopped by `close()`.
 */
export async function exampleClient(): Promise<ExampleClient> {
  const env = process.env;
  const hasKubeconfig = (env['KUBECONFIG'] ?? '') !== '' || existsSync(join(homedir(), '.kube', 'config'));
  if (hasKubeconfig || (env['KUBERNETES_SERVICE_HOST'] ?? '') !== '') {
    const config = await Config.infer();
    const client = new Client(config);
    return { client, config, target: config.source, embedded: undefined, close: () => Promise.resolve(client.close()) };
  }
  const server = await startApiServer();
  const config = await Config.fromKubeconfig(server.kubeconfig);
  const client = new Client(config);
  return {
    client,
    config,
    target: `an embedded API server at ${server.url} (no kubeconfig found)`,
    embedded: server,
    close: async () => {
      client.close();
      await server.close();
    },
  };
}
