// Keeps every Pod in a store, indexed by node, and prints the store as it changes: kube-rs's pod_reflector.
// Run: npx tsx examples/pod-reflector.ts   (until Ctrl-C on your cluster; on an embedded API server
// it schedules a few Pods itself, then exits)
import { filter, firstValueFrom, share } from 'rxjs';
import { Api } from '../lib/client/api.js';
import { Pod } from '../lib/core/resources/core-v1.js';
import { modify } from '../lib/runtime/operators/modify.js';
import { reflect } from '../lib/runtime/reflector/reflect.js';
import { createStore } from '../lib/runtime/reflector/store.js';
import { watcher } from '../lib/runtime/watcher/watcher.js';
import { exampleClient } from './support/example-client.js';

const { client, target, embedded, close } = await exampleClient();
console.log(`using ${target}`);

const { reader, writer } = createStore<Pod>({ indexes: { node: (pod) => [pod.spec?.nodeName ?? '(unscheduled)'] } });
const events = watcher(Api.all(client, Pod)).pipe(
  modify((pod) => {
    if (pod.metadata !== undefined) delete pod.metadata.managedFields; // less to keep in memory
  }),
  reflect(writer),
  share(),
);
const subscription = events.subscribe(() => {
  const nodes = [...new Set(reader.state().map((pod) => pod.spec?.nodeName ?? '(unscheduled)'))].sort();
  console.log(`${reader.size} pods: ${nodes.map((node) => `${node}=${reader.byIndex('node', node).length}`).join(' ')}`);
});
await reader.ready();

if (embedded !== undefined) {
  const pods = Api.namespaced(client, Pod, 'default');
  for (const [name, node] of [['web-1', 'node-a'], ['web-2', 'node-b'], ['web-3', 'node-a']] as const) {
    await pods.create({ metadata: { name }, spec: { nodeName: node, containers: [{ name: 'main', image: 'nginx' }] } });
  }
  await firstValueFrom(events.pipe(filter(() => reader.byIndex('node', 'node-a').length === 2 && reader.size === 3)));
  console.log(`pods on node-a: ${reader.byIndex('node', 'node-a').map((pod) => pod.metadata?.name).join(', ')}`);
  subscription.unsubscribe();
  await close();
}
