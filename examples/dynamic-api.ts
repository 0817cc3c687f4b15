// Discovers every resource the server serves and lists them, untyped: kube-rs's dynamic_api example.
// Run: npx tsx examples/dynamic-api.ts   (your cluster, or an embedded API server when there is no kubeconfig)
import { Api } from '../lib/client/api.js';
import { Discovery } from '../lib/client/discovery/discovery.js';
import type { DynamicObject } from '../lib/core/object.js';
import { exampleClient } from './support/example-client.js';

const { client, target, close } = await exampleClient();
console.log(`using ${target}`);

try {
  const discovery = await Discovery.run(client);
  console.log(`discovery: ${discovery.mode}, ${discovery.groups().length} groups`);

  // A kind known only at run time: resolve it, then use it like any typed descriptor.
  const configMaps = Api.namespaced<DynamicObject>(client, discovery.lookup('cm'), client.defaultNamespace);
  await configMaps.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dynamic-api-example' }, data: { made: 'by dynamic-api' } });

  // Every listable resource of every group, at its preferred version.
  for (const group of discovery.groups()) {
    for (const { resource, verbs } of group.resources.get(group.preferredVersion) ?? []) {
      if (!verbs.includes('list')) continue;
      const list = await Api.all<DynamicObject>(client, resource).listMetadata({ limit: 50 });
      const names = list.items.map((item) => (item.metadata.namespace === undefined ? item.metadata.name : `${item.metadata.namespace}/${item.metadata.name}`));
      console.log(`${resource.kind} (${resource.apiVersion}, ${resource.namespaced ? 'namespaced' : 'cluster'}): ${names.length}${names.length === 0 ? '' : ` ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}`}`);
    }
  }

  await configMaps.delete('dynamic-api-example');
} finally {
  await close();
}
