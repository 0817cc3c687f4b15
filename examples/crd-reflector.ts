// Defines a custom resource, installs its CRD, and keeps its objects in a store: kube-rs's crd_reflector.
// Run: npx tsx examples/crd-reflector.ts   (until Ctrl-C on your cluster; on an embedded API server
// it creates a few objects itself, then exits)
import { filter, firstValueFrom, share } from 'rxjs';
import { Api } from '../lib/client/api.js';
import { Patch } from '../lib/core/patch.js';
import { CustomResourceDefinition } from '../lib/core/resources/apiextensions-v1.js';
import { defineCustomResource, type CustomResource, type JSONSchemaType } from '../lib/crd/index.js';
import { reflect } from '../lib/runtime/reflector/reflect.js';
import { createStore } from '../lib/runtime/reflector/store.js';
import { awaitCondition } from '../lib/runtime/wait/await-condition.js';
import { conditions } from '../lib/runtime/wait/conditions.js';
import { watcher } from '../lib/runtime/watcher/watcher.js';
import { exampleClient } from './support/example-client.js';

interface FooSpec {
  name: string;
  info: string;
}
const schema: JSONSchemaType<FooSpec> = {
  type: 'object',
  properties: { name: { type: 'string' }, info: { type: 'string' } },
  required: ['name', 'info'],
};
const Foo = defineCustomResource<FooSpec>({ group: 'clux.dev', version: 'v1', kind: 'Foo', namespaced: true, shortNames: ['f'], schema });
type Foo = CustomResource<FooSpec>;

const { client, target, embedded, close } = await exampleClient();
console.log(`using ${target}`);

const crds = Api.all(client, CustomResourceDefinition);
const crd = Foo.crd();
await crds.patch(crd.metadata?.name ?? '', Patch.apply(crd), { fieldManager: 'crd-reflector', force: true });
await awaitCondition(crds, crd.metadata?.name ?? '', conditions.isCrdEstablished());

const { reader, writer } = createStore<Foo>();
const events = watcher(Api.all(client, Foo)).pipe(reflect(writer), share());
const subscription = events.subscribe(() => console.log(`store: ${reader.state().map((foo) => `${foo.metadata?.name}=${foo.spec.info}`).join(', ') || 'empty'}`));

if (embedded !== undefined) {
  await reader.ready();
  const foos = Api.namespaced(client, Foo, 'default');
  await foos.create(Foo.new('one', { name: 'one', info: 'first' }, { namespace: 'default' }));
  await foos.create(Foo.new('two', { name: 'two', info: 'second' }, { namespace: 'default' }));
  await foos.patch('one', Patch.merge({ spec: { info: 'changed' } }));
  await firstValueFrom(events.pipe(filter(() => reader.get({ name: 'one', namespace: 'default' })?.spec.info === 'changed' && reader.size === 2)));
  subscription.unsubscribe();
  await close();
}
