// Creates, reads, replaces, patches, lists and deletes a Pod: kube-rs's pod_api example.
// Run: npx tsx examples/pod-api.ts   (your cluster, or an embedded API server when there is no kubeconfig)
import type { Pod as PodObject } from 'kubernetes-types/core/v1.js';
import { Api } from '../lib/client/api.js';
import { isApiError } from '../lib/core/errors/api-error.js';
import { Patch } from '../lib/core/patch.js';
import { Pod } from '../lib/core/resources/core-v1.js';
import { isStatus } from '../lib/core/status.js';
import { exampleClient } from './support/example-client.js';

const { client, target, close } = await exampleClient();
console.log(`using ${target}`);
const pods = Api.defaultNamespaced(client, Pod);

try {
  // Create the pod "blog" (dry run first: validated by the server, stored nowhere).
  const blog: PodObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'blog' },
    spec: { containers: [{ name: 'blog', image: 'clux/blog:0.1.0' }] },
  };
  await pods.create(blog, { dryRun: true });
  const created = await pods.create(blog);
  console.log(`created ${created.metadata?.name} (uid ${created.metadata?.uid})`);

  // Read it back.
  const fetched = await pods.get('blog');
  console.log(`got ${fetched.metadata?.name} with container ${fetched.spec?.containers[0]?.name}`);

  // Replace: a full PUT carrying the resourceVersion we read (a stale one would get 409).
  fetched.metadata = { ...fetched.metadata, labels: { ...fetched.metadata?.labels, app: 'blog' } };
  const replaced = await pods.replace('blog', fetched);
  console.log(`replaced: labels ${JSON.stringify(replaced.metadata?.labels)}`);
  try {
    await pods.replace('blog', fetched);
  } catch (error) {
    if (isApiError(error) && error.isConflict()) console.log('replacing with the old resourceVersion: 409 Conflict, as it should');
    else throw error;
  }

  // Patch: server-side apply of just what we care about.
  const patched = await pods.patch(
    'blog',
    Patch.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'blog', annotations: { 'example.com/owner': 'pod-api' } } }),
    { fieldManager: 'pod-api-example' },
  );
  console.log(`patched: annotations ${JSON.stringify(patched.metadata?.annotations)}`);

  // List with a label selector.
  const list = await pods.list({ labelSelector: { app: 'blog' } });
  console.log(`listed ${list.items.length} pod(s) with app=blog: ${list.items.map((p) => p.metadata?.name).join(', ')}`);

  // Delete: the API answers with the pod (graceful deletion) or a Status.
  const deleted = await pods.delete('blog', { gracePeriodSeconds: 0 });
  const terminating = !isStatus(deleted) && deleted.metadata?.deletionTimestamp !== undefined;
  console.log(isStatus(deleted) ? `deleted blog: ${deleted.status}` : `deleted blog: the server answered with the pod${terminating ? ', now terminating' : ''}`);
  console.log(`blog is ${(await pods.getOpt('blog')) === undefined ? 'gone' : 'still terminating'}`);
} finally {
  await close();
}
