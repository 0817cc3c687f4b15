// Spec helper: installs a CRD and waits until it is Established, on either kind of test cluster.
import type { CustomResourceDefinition as CrdObject } from 'kubernetes-types/apiextensions/v1.js';
import { Api } from '../../lib/client/api.js';
import { Client } from '../../lib/client/client.js';
import { Config } from '../../lib/client/config/config.js';
import { isApiError } from '../../lib/core/errors/api-error.js';
import { CustomResourceDefinition } from '../../lib/core/resources/apiextensions-v1.js';
import { awaitCondition } from '../../lib/runtime/wait/await-condition.js';
import { conditions } from '../../lib/runtime/wait/conditions.js';

/** Creates `crd` (an existing one of that name is kept) and resolves once it is Established. */
export async function installCrd(client: Client, crd: Record<string, unknown>): Promise<void> {
  const crds = Api.all(client, CustomResourceDefinition);
  try {
    await crds.create(crd as unknown as CrdObject);
  } catch (error) {
    if (!(isApiError(error) && error.isAlreadyExists())) throw error;
  }
  const name = (crd['metadata'] as { name: string }).name;
  await awaitCondition(crds, name, conditions.isCrdEstablished(), { signal: AbortSignal.timeout(30_000) });
}

/** {@link installCrd} on an embedded server, with a client made from its kubeconfig. */
export async function installCrdOn(server: { readonly kubeconfig: string }, crd: Record<string, unknown>): Promise<void> {
  await installCrd(new Client(await Config.fromKubeconfig(server.kubeconfig)), crd);
}
