// Spec fixture: a kube-rx Client for the embedded API server of a describe block.
import { Client } from '../../lib/client/client.js';
import { Config } from '../../lib/client/config/config.js';
import type { ApiServerFixture } from './api-server.js';
import type { ClusterFixture } from './test-cluster.js';

/** The Client of a describe block (available inside `it`, `beforeEach`, ...). */
export interface ApiClientFixture {
  readonly client: Client;
}

/**
 * Makes a Client from the block's server kubeconfig before its tests and closes it after.
 * Register it after `useApiServer()` or `useTestCluster()`, so that the server exists first.
 */
export function useApiClient(env: ApiServerFixture | ClusterFixture): ApiClientFixture {
  let client: Client | undefined;
  before(async () => {
    client = new Client(await Config.fromKubeconfig('server' in env ? env.server.kubeconfig : env.kubeconfig));
  });
  after(() => {
    client?.close();
    client = undefined;
  });
  return {
    get client(): Client {
      if (client === undefined) throw new Error('useApiClient: the client only exists while the block runs');
      return client;
    },
  };
}
