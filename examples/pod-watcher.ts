// Watches Pods in every namespace and prints what happens to them: kube-rs's pod_watcher.
// Run: npx tsx examples/pod-watcher.ts   (until Ctrl-C on your cluster; on an embedded API server
// it makes a Pod come and go itself, then exits)
import { takeWhile } from 'rxjs';
import { Api } from '../lib/client/api.js';
import { Patch } from '../lib/core/patch.js';
import { Pod } from '../lib/core/resources/core-v1.js';
import { watcher } from '../lib/runtime/watcher/watcher.js';
import { exampleClient } from './support/example-client.js';

const { client, target, embedded, close } = await exampleClient();
console.log(`using ${target}`);

const pods = Api.all(client, Pod);
const describe = (pod: Pod) => `${pod.metadata?.namespace}/${pod.metadata?.name} (${pod.status?.phase ?? 'no phase yet'})`;

const done = new Promise<void>((resolve, reject) => {
  watcher(pods, { onError: (error) => console.warn(`retrying: ${error.message}`) })
    .pipe(takeWhile((event) => embedded === undefined || event.type !== 'Deleted', true))
    .subscribe({
      next: (event) => {
        switch (event.type) {
          case 'Restarted':
            console.log(`listed ${event.objects.length} pods`);
            return;
          case 'Applied':
            console.log(`applied ${describe(event.object)}`);
            return;
          case 'Deleted':
            console.log(`deleted ${describe(event.object)}`);
            return;
        }
      },
      error: reject,
      complete: resolve,
    });
});

if (embedded !== undefined) {
  // No kubelet here: we play its part and report the Pod running ourselves.
  const local = Api.namespaced(client, Pod, 'default');
  await local.create({ metadata: { name: 'watched' }, spec: { containers: [{ name: 'main', image: 'busybox' }] } });
  await local.patchStatus('watched', Patch.merge({ status: { phase: 'Running' } }));
  await local.delete('watched', { gracePeriodSeconds: 0 });
}
await done;
await close();
