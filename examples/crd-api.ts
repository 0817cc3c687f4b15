// Defines a custom resource, installs its CRD and drives objects of it (kube-rs examples/crd_api.rs):
// Run: npx tsx examples/crd-api.ts   (your cluster, or an embedded API server when there is no kubeconfig)
import { CustomResourceDefinition, Patch } from '../lib/core/index.js';
import { Api } from '../lib/client/index.js';
import { defineCustomResource, rule, type JSONSchemaType } from '../lib/crd/index.js';
import { awaitCondition, conditions } from '../lib/runtime/index.js';
import { exampleClient } from './support/example-client.js';

interface FooSpec {
  name: string;
  info: string;
  replicas: number;
}

interface FooStatus {
  replicas: number;
  isBad: boolean;
}

const specSchema: JSONSchemaType<FooSpec> = {
  type: 'object',
  properties: { name: { type: 'string' }, info: { type: 'string' }, replicas: { type: 'integer', minimum: 0 } },
  required: ['name', 'info', 'replicas'],
};
const statusSchema: JSONSchemaType<FooStatus> = {
  type: 'object',
  properties: { replicas: { type: 'integer' }, isBad: { type: 'boolean' } },
  required: ['replicas', 'isBad'],
};

const Foo = defineCustomResource<FooSpec, FooStatus>({
  group: 'clux.dev',
  version: 'v1',
  kind: 'Foo',
  namespaced: true,
  shortNames: ['f'],
  printColumns: [
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Info', type: 'string', jsonPath: '.spec.info' },
  ],
  subresources: { scale: {} },
  schema: specSchema,
  statusSchema,
  validations: [rule('self.spec.replicas <= 10').message('at most 10 replicas')],
});

const { client, target, close } = await exampleClient();
console.log(`using ${target}`);
try {
  const crds = Api.all(client, CustomResourceDefinition);
  await crds.patch(Foo.crdName, Patch.apply(Foo.crd()), { fieldManager: 'crd-api-example', force: true });
  await awaitCondition(crds, Foo.crdName, conditions.isCrdEstablished(), { signal: AbortSignal.timeout(10_000) });
  console.log(`applied CRD ${Foo.crdName}`);

  const foos = Api.namespaced(client, Foo, 'default');
  const created = await foos.create(Foo.new('baz', { name: 'baz', info: 'old baz', replicas: 1 }));
  console.log(`created ${created.metadata.name} (generation ${created.metadata.generation ?? '?'})`);

  const patched = await foos.patch('baz', Patch.merge({ spec: { info: 'patched baz' } }));
  console.log(`patched: info=${patched.spec.info} generation=${patched.metadata.generation ?? '?'}`);

  const withStatus = await foos.patchStatus('baz', Patch.merge({ status: { replicas: 1, isBad: false } }));
  console.log(`status: replicas=${withStatus.status?.replicas ?? "?"} isBad=${String(withStatus.status?.isBad)}`);

  await foos.patchScale('baz', Patch.merge({ spec: { replicas: 3 } }));
  const scale = await foos.getScale('baz');
  console.log(`scaled: spec.replicas=${scale.spec?.replicas ?? '?'} status.replicas=${scale.status?.replicas ?? '?'}`);

  try {
    await foos.create({ ...Foo.new('bad', { name: 'bad', info: 'x', replicas: 1 }), spec: { name: 'bad', info: 'x', replicas: -1 } });
  } catch (error) {
    console.log(`refused as expected: ${(error as Error).message}`);
  }
  console.log(`client-side: ${JSON.stringify(Foo.validate({ ...created, spec: { ...created.spec, replicas: 'three' } }))}`);

  const list = await foos.list();
  console.log(`listed: ${list.items.map((foo) => `${foo.metadata.name} (${foo.spec.replicas})`).join(', ')}`);

  await foos.delete('baz');
  await crds.delete(Foo.crdName);
  console.log('cleaned up');
} finally {
  await close();
}
