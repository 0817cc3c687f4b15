// ConfigMapGenerator: a custom resource that owns a ConfigMap, kept in line by a controller
// (kube-rs's examples/configmapgen_controller.rs).
//
//   npx tsx examples/configmapgen-controller.ts
//
// With a kubeconfig it installs the CRD and reconciles until Ctrl-C. Without one it runs on an
// embedded API server: it creates a generator, waits for its ConfigMap, and exits.
import { filter, firstValueFrom, take, type Observable } from 'rxjs';
import { Api } from '../lib/client/api.js';
import type { Client } from '../lib/client/client.js';
import { Patch } from '../lib/core/patch.js';
import { controllerOwnerRef, nameAny } from '../lib/core/object-ext.js';
import { formatObjectRef } from '../lib/core/object-ref.js';
import { ConfigMap } from '../lib/core/resources/core-v1.js';
import { CustomResourceDefinition } from '../lib/core/resources/apiextensions-v1.js';
import { defineCustomResource, type CustomResource, type JSONSchemaType } from '../lib/crd/index.js';
import { Action } from '../lib/runtime/controller/action.js';
import { Controller } from '../lib/runtime/controller/controller.js';
import { exponentialRequeue } from '../lib/runtime/controller/exponential-requeue.js';
import { formatReconcileReason } from '../lib/runtime/controller/reconcile-request.js';
import type { ReconcileResult } from '../lib/runtime/controller/reconcile-result.js';
import { Recorder } from '../lib/runtime/events/recorder.js';
import { awaitCondition } from '../lib/runtime/wait/await-condition.js';
import { conditions } from '../lib/runtime/wait/conditions.js';
import { exampleClient } from './support/example-client.js';

/** What a generator asks for: a ConfigMap with this content. */
export interface ConfigMapGeneratorSpec {
  content: string;
}

const schema: JSONSchemaType<ConfigMapGeneratorSpec> = {
  type: 'object',
  properties: { content: { type: 'string', description: 'What the generated ConfigMap holds under the key "content".' } },
  required: ['content'],
};

/** The custom resource. */
export const ConfigMapGenerator = defineCustomResource<ConfigMapGeneratorSpec>({
  group: 'nullable.se',
  version: 'v1',
  kind: 'ConfigMapGenerator',
  namespaced: true,
  shortNames: ['cmg'],
  printColumns: [{ name: 'Content', type: 'string', jsonPath: '.spec.content' }],
  schema,
});
export type ConfigMapGenerator = CustomResource<ConfigMapGeneratorSpec>;

/** What the reconciler needs. */
export interface Context {
  readonly client: Client;
  readonly recorder: Recorder;
}

/** The field manager of everything this controller writes. */
export const FIELD_MANAGER = 'configmapgen-controller';

/**
 * Makes the generator's ConfigMap exist with the generator's content, owned by it (so
 * garbage collection deletes it with the generator, and `owns` brings us back when someone
 * edits or deletes it). Server-side apply with force: we own these fields.
 */
export async function reconcile(generator: ConfigMapGenerator, { client, recorder }: Context): Promise<Action> {
  const name = nameAny(generator);
  const namespace = generator.metadata?.namespace ?? 'default';
  const owner = controllerOwnerRef(generator, ConfigMapGenerator);
  if (owner === undefined) throw new Error(`${name} has no uid yet`);
  const desired: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, ownerReferences: [owner] },
    data: { content: generator.spec.content },
  };
  const configMaps = Api.namespaced(client, ConfigMap, namespace);
  const before = await configMaps.getOpt(name);
  await configMaps.patch(name, Patch.apply(desired), { fieldManager: FIELD_MANAGER, force: true });
  if (before?.data?.['content'] !== generator.spec.content) {
    await recorder.publish(
      { type: 'Normal', reason: before === undefined ? 'Created' : 'Updated', action: 'Reconcile', note: `ConfigMap ${name} holds ${JSON.stringify(generator.spec.content)}` },
      { apiVersion: ConfigMapGenerator.apiVersion, kind: ConfigMapGenerator.kind, name, namespace, uid: generator.metadata?.uid ?? '' },
    );
  }
  return Action.requeue(5 * 60 * 1000);
}

/** Installs (server-side applies) the CRD and waits until it is served. */
export async function installCrd(client: Client): Promise<void> {
  const crds = Api.all(client, CustomResourceDefinition);
  const crd = ConfigMapGenerator.crd();
  await crds.patch(crd.metadata?.name ?? '', Patch.apply(crd), { fieldManager: FIELD_MANAGER, force: true });
  await awaitCondition(crds, crd.metadata?.name ?? '', conditions.isCrdEstablished(), { signal: AbortSignal.timeout(30_000) });
}

/** The controller: generators, and the ConfigMaps they own. */
export function configMapGeneratorController(client: Client): Controller<ConfigMapGenerator> {
  return Controller.for(Api.all(client, ConfigMapGenerator)).owns(Api.all(client, ConfigMap));
}

/** Runs the controller with its context; errors requeue with per-object exponential backoff. */
export function runController(client: Client, controller = configMapGeneratorController(client)): Observable<ReconcileResult> {
  const recorder = new Recorder(client, { controller: `nullable.se/${FIELD_MANAGER}` });
  return controller.run(reconcile, exponentialRequeue({ initial: 1000, max: 60_000 }), { client, recorder });
}

/** One line per result, e.g. `reconciled ConfigMapGenerator.v1.nullable.se/greeting.default (object updated)`. */
export function describeResult(result: ReconcileResult): string {
  const what = `${formatObjectRef(result.request.ref)} (${formatReconcileReason(result.request.reason)})`;
  switch (result.type) {
    case 'Reconciled':
      return `reconciled ${what} in ${result.duration} ms`;
    case 'Failed':
      return `failed ${what}: ${result.error.message}`;
    case 'ObjectNotFound':
      return `skipped ${what}: it is gone`;
  }
}

async function main(): Promise<void> {
  const cluster = await exampleClient();
  const { client } = cluster;
  console.log(`using ${cluster.target}`);
  await installCrd(client);
  if (cluster.embedded === undefined) {
    console.log('reconciling ConfigMapGenerators until Ctrl-C');
    await new Promise<void>((resolve, reject) => {
      runController(client, configMapGeneratorController(client).shutdownOnSignal()).subscribe({
        next: (result) => console.log(describeResult(result)),
        error: reject,
        complete: resolve,
      });
    });
    return;
  }
  // Embedded server: a short scripted run.
  const results = runController(client).subscribe((result) => console.log(describeResult(result)));
  const generators = Api.namespaced(client, ConfigMapGenerator, 'default');
  await generators.create(ConfigMapGenerator.new('greeting', { content: 'hello' }, { namespace: 'default' }));
  const configMaps = Api.namespaced(client, ConfigMap, 'default');
  const cm = await firstValueFrom(
    configMaps.watch({ fieldSelector: 'metadata.name=greeting' }).pipe(
      filter((e) => e.type !== 'BOOKMARK' && e.type !== 'ERROR' && e.type !== 'DELETED'),
      take(1),
    ),
  );
  console.log(`ConfigMap default/greeting: ${JSON.stringify(cm.type === 'ADDED' || cm.type === 'MODIFIED' ? cm.object.data : {})}`);
  results.unsubscribe();
  await cluster.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
