// A controller that runs as a ServiceAccount with exactly the RBAC its manifest grants
// (examples/least-privilege-controller.yaml), so that a missing permission shows up in a test,
// not in production.
//
//   npx tsx examples/least-privilege-controller.ts
//
// With a kubeconfig it installs the manifest and greets ConfigMaps labelled greet=true until
// Ctrl-C. Without one it runs on an embedded API server: it greets one ConfigMap, then takes
// `watch` away from the Role and shows how the controller fails: loudly, naming the verb.
import { readFileSync } from 'node:fs';
import { filter, firstValueFrom, type Observable } from 'rxjs';
import { parseAllDocuments } from 'yaml';
import { Api } from '../lib/client/api.js';
import { Client } from '../lib/client/client.js';
import { Config } from '../lib/client/config/config.js';
import { Patch } from '../lib/core/patch.js';
import type { KubeObject, NamespaceScope, ResourceType } from '../lib/core/index.js';
import { ConfigMap, ServiceAccount } from '../lib/core/resources/core-v1.js';
import { Role, RoleBinding } from '../lib/core/resources/rbac-v1.js';
import { Action } from '../lib/runtime/controller/action.js';
import { Controller } from '../lib/runtime/controller/controller.js';
import { exponentialRequeue } from '../lib/runtime/controller/exponential-requeue.js';
import type { ReconcileResult } from '../lib/runtime/controller/reconcile-result.js';
import { exampleClient } from './support/example-client.js';

/** The namespace the controller works in (its Role is namespaced). */
export const NAMESPACE = 'default';
/** Its ServiceAccount. */
export const SERVICE_ACCOUNT = 'greeter';
const MANAGER = 'greeter';

/** The objects of the manifest beside this file. */
export function manifest(): KubeObject[] {
  const text = readFileSync(new URL('./least-privilege-controller.yaml', import.meta.url), 'utf8');
  return parseAllDocuments(text).map((doc) => doc.toJS() as KubeObject);
}

const KINDS: Readonly<Record<string, ResourceType<KubeObject, NamespaceScope>>> = {
  ServiceAccount: ServiceAccount as ResourceType<KubeObject, NamespaceScope>,
  Role: Role as ResourceType<KubeObject, NamespaceScope>,
  RoleBinding: RoleBinding as ResourceType<KubeObject, NamespaceScope>,
};

/** Server-side applies the manifest's objects (as someone allowed to: an installer, an admin). */
export async function install(client: Client, objects: readonly KubeObject[]): Promise<void> {
  for (const object of objects) {
    const kind = KINDS[object.kind ?? ''];
    if (kind === undefined) throw new Error(`the manifest holds a ${object.kind ?? '?'}, which install() does not know`);
    const name = object.metadata?.name ?? '';
    await Api.namespaced(client, kind, object.metadata?.namespace ?? NAMESPACE).patch(name, Patch.apply(object), { fieldManager: 'greeter-installer', force: true });
  }
}

/**
 * A Client that authenticates as a ServiceAccount: a token from the TokenRequest API (what a
 * pod's projected token is), with the cluster address and CA of `config`.
 */
export async function serviceAccountClient(admin: Client, config: Config, namespace: string, name: string): Promise<Client> {
  const request = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } };
  const answer = await admin.requestJson<{ status: { token: string } }>({
    method: 'POST',
    path: `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    query: [],
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request),
  });
  const { ca, insecureSkipTlsVerify, serverName } = config.tls;
  return new Client(
    new Config({
      clusterUrl: config.clusterUrl,
      auth: { type: 'token', token: answer.status.token },
      tls: { ...(ca === undefined ? {} : { ca }), ...(insecureSkipTlsVerify === undefined ? {} : { insecureSkipTlsVerify }), ...(serverName === undefined ? {} : { serverName }) },
      source: `ServiceAccount ${namespace}/${name} on ${config.clusterUrl.host}`,
    }),
  );
}

/** Greets a ConfigMap: `data.greeting` says hello to it (server-side apply, so only `patch` is needed). */
export async function reconcile(cm: ConfigMap, client: Client): Promise<Action> {
  const name = cm.metadata?.name ?? '';
  const greeting = `hello, ${name}`;
  if (cm.data?.['greeting'] !== greeting) {
    await Api.namespaced(client, ConfigMap, cm.metadata?.namespace ?? NAMESPACE).patch(
      name,
      Patch.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { greeting } }),
      { fieldManager: MANAGER, force: true },
    );
  }
  return Action.awaitChange();
}

/** The controller, as the ServiceAccount: ConfigMaps labelled `greet=true` in its namespace. */
export function greeter(client: Client): Observable<ReconcileResult> {
  return Controller.for(Api.namespaced(client, ConfigMap, NAMESPACE), { labelSelector: 'greet=true' }).run(reconcile, exponentialRequeue({ initial: 200 }), client);
}

async function main(): Promise<void> {
  const cluster = await exampleClient();
  const { client: admin, config, embedded } = cluster;
  console.log(`using ${cluster.target}`);
  await install(admin, manifest());
  const asGreeter = await serviceAccountClient(admin, config, NAMESPACE, SERVICE_ACCOUNT);
  if (embedded === undefined) {
    console.log(`greeting ConfigMaps labelled greet=true in ${NAMESPACE} as ServiceAccount ${SERVICE_ACCOUNT}, until Ctrl-C`);
    await new Promise<void>((resolve, reject) => greeter(asGreeter).subscribe({ next: (r) => r.type === 'Failed' && console.warn(r.error.message), error: reject, complete: resolve }));
    return;
  }
  // Embedded: greet one ConfigMap with the manifest's Role...
  const results = greeter(asGreeter).subscribe({ error: (e: unknown) => console.error(`unexpected: ${String(e)}`) });
  const cms = Api.namespaced(admin, ConfigMap, NAMESPACE);
  await cms.create({ metadata: { name: 'visitor', labels: { greet: 'true' } } });
  const greeted = await firstValueFrom(
    cms.watch({ fieldSelector: 'metadata.name=visitor' }).pipe(filter((e) => (e.type === 'ADDED' || e.type === 'MODIFIED') && e.object.data?.['greeting'] !== undefined)),
  );
  if (greeted.type === 'ADDED' || greeted.type === 'MODIFIED') console.log(`greeted ${NAMESPACE}/visitor: ${greeted.object.data?.['greeting'] ?? ''}`);
  results.unsubscribe();
  // ...then take `watch` away, as a manifest that forgot it would: the controller stops with a Forbidden WatcherError.
  const [, role] = manifest();
  await install(admin, [{ ...role, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list', 'patch'] }] } as KubeObject]);
  try {
    await new Promise<void>((resolve, reject) => greeter(asGreeter).subscribe({ error: reject, complete: resolve }));
    console.log('the controller ended without an error (unexpected)');
  } catch (error) {
    console.log(`without watch, the controller stops: ${(error as Error).message}`);
  }
  asGreeter.close();
  await cluster.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
