// Reflects Nodes (cluster-scoped) and reacts only to label changes: kube-rs's node_reflector.
// Run: npx tsx examples/node-reflector.ts   (until Ctrl-C on your cluster; on an embedded API server
// it registers two Nodes and relabels one, then exits)
import { filter, firstValueFrom, share } from 'rxjs';
import { Api } from '../lib/client/api.js';
import { Patch } from '../lib/core/patch.js';
import { Node } from '../lib/core/resources/core-v1.js';
import { appliedObjects } from '../lib/runtime/operators/applied-objects.js';
import { predicateFilter } from '../lib/runtime/operators/predicate-filter.js';
import { predicates } from '../lib/runtime/operators/predicates.js';
import { reflect } from '../lib/runtime/reflector/reflect.js';
import { createStore } from '../lib/runtime/reflector/store.js';
import { watcher } from '../lib/runtime/watcher/watcher.js';
import { exampleClient } from './support/example-client.js';

const { client, target, embedded, close } = await exampleClient();
console.log(`using ${target}`);

const nodes = Api.all(client, Node);
const { reader, writer } = createStore<Node>();
// Status heartbeats change a Node every few seconds; only label changes reach us.
const changes = watcher(nodes).pipe(reflect(writer), predicateFilter(predicates.labels), appliedObjects(), share());
const subscription = changes.subscribe((node) =>
  console.log(`${node.metadata?.name}: ${Object.entries(node.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'no labels'} (${reader.size} nodes)`),
);

if (embedded !== undefined) {
  await reader.ready();
  await nodes.create({ metadata: { name: 'node-a', labels: { zone: 'eu-1' } } });
  await nodes.create({ metadata: { name: 'node-b', labels: { zone: 'eu-2' } } });
  await nodes.patchStatus('node-a', Patch.merge({ status: { conditions: [{ type: 'Ready', status: 'True' }] } })); // filtered out
  await nodes.patch('node-b', Patch.merge({ metadata: { labels: { zone: 'eu-3' } } }));
  await firstValueFrom(changes.pipe(filter((node) => node.metadata?.labels?.['zone'] === 'eu-3')));
  subscription.unsubscribe();
  await close();
}
